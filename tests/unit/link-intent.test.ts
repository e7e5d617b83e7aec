/** The "Connect" intent's cookie is protected as the session cookie is: `__Host-` and Secure over https. */
import { describe, expect, it, vi } from "vitest";

const request = vi.hoisted(() => ({ proto: "http", set: [] as { name: string; secure?: boolean }[] }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-proto": request.proto }),
  cookies: async () => ({
    set: (name: string, _value: string, options: { secure?: boolean }) => request.set.push({ name, secure: options.secure }),
  }),
}));
process.env.AUTH_SECRET = "unit-tests-secret-0123456789abcdefghijklmnop";
delete process.env.AUTH_URL;
const { markLinkIntent } = await import("@/lib/auth/linking");

describe("the link intent's cookie", () => {
  it.each([
    ["https", { name: "__Host-link-intent", secure: true }],
    ["http", { name: "link-intent", secure: false }],
  ])("over %s is %o", async (proto, expected) => {
    request.proto = proto;
    request.set = [];
    await markLinkIntent("user-1");
    expect(request.set).toEqual([expected]);
  });
});
