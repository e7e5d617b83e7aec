/**
 * What each kind of sign-in proves for re-authentication
 * (lib/auth/reauthentication.ts), and that the list of sensitive actions is
 * the one the action wrapper enforces.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";

process.env.AUTH_SECRET = "unit-tests-secret-0123456789abcdefghijklmnop";
const { provenAtOf } = await import("@/lib/auth/reauthentication");
const { authorizedAction } = await import("@/lib/auth/action");

describe("a sign-in's proof", () => {
  const now = Date.UTC(2026, 5, 1, 12);

  it("from OpenID Connect is the ID token's auth_time, never later than now", () => {
    expect(provenAtOf("oidc", now / 1000 - 600, now)).toEqual(new Date(now - 600_000));
    expect(provenAtOf("oidc", now / 1000 + 600, now)).toEqual(new Date(now));
  });

  it("from OpenID Connect without auth_time proves nothing recent", () => {
    for (const authTime of [undefined, null, 0, -5, "1700000000", Number.NaN]) expect(provenAtOf("oidc", authTime, now)).toBeNull();
  });

  it("from an OAuth round trip or an email link is now", () => {
    expect(provenAtOf("oauth", undefined, now)).toEqual(new Date(now));
    expect(provenAtOf("email", 123, now)).toEqual(new Date(now));
  });

  it("from anything else proves nothing recent", () => {
    expect(provenAtOf(undefined, now / 1000, now)).toBeNull();
    expect(provenAtOf("credentials", now / 1000, now)).toBeNull();
  });
});

describe("the list of sensitive actions", () => {
  const base = { role: "admin" as const, schema: z.object({}), revalidate: "/", run: async () => "done" };

  it("is enforced: a listed action must have its check, and an unlisted one must not", () => {
    expect(() => authorizedAction({ ...base, name: "deleteUser" })).toThrow(/sensitive-actions/);
    expect(() => authorizedAction({ ...base, name: "renameSomething", sensitive: () => true })).toThrow(/sensitive-actions/);
    expect(() => authorizedAction({ ...base, name: "deleteUser", sensitive: () => true })).not.toThrow();
  });
});
