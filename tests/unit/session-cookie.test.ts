import { describe, expect, it } from "vitest";
import { isHttpsRequest, sessionCookie } from "@/lib/auth/session-cookie";

describe("the session cookie's name", () => {
  it.each([
    [undefined, "http", "authjs.session-token"],
    [undefined, "https", "__Host-authjs.session-token"],
    [undefined, "https, http", "__Host-authjs.session-token"],
    [undefined, undefined, "authjs.session-token"],
    ["https://app.example", "http", "__Host-authjs.session-token"],
    ["http://localhost:3000", "https", "authjs.session-token"],
  ])("AUTH_URL %s, X-Forwarded-Proto %s: %s", (authUrl, forwardedProto, name) => {
    const headers = new Headers(forwardedProto ? { "x-forwarded-proto": forwardedProto } : {});
    expect(sessionCookie(headers, { AUTH_URL: authUrl }).name).toBe(name);
    expect(sessionCookie(headers, { AUTH_URL: authUrl }).options.secure).toBe(name.startsWith("__Host-"));
    expect(isHttpsRequest(headers, { AUTH_URL: authUrl })).toBe(name.startsWith("__Host-"));
  });
});

describe("the Content-Security-Policy", async () => {
  const { contentSecurityPolicy } = await import("@/lib/http/security-headers");

  it("allows only this response's scripts in production, and no framing", () => {
    const policy = contentSecurityPolicy("abc123", { https: true, development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("upgrade-insecure-requests");
  });

  it("lets next dev's hot reloading evaluate code, in development only", () => {
    expect(contentSecurityPolicy("n", { https: false, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", { https: false, development: false })).not.toContain("upgrade-insecure-requests");
  });
});

describe("cookieValues", async () => {
  const { cookieValues } = await import("@/lib/auth/session-cookie");
  it("finds every value a name has, so duplicates can be refused", () => {
    expect(cookieValues("a=1; authjs.session-token=x; b=2", "authjs.session-token")).toEqual(["x"]);
    expect(cookieValues("authjs.session-token=x;authjs.session-token=y", "authjs.session-token")).toEqual(["x", "y"]);
    expect(cookieValues("__Host-authjs.session-token=x", "authjs.session-token")).toEqual([]);
    expect(cookieValues(null, "authjs.session-token")).toEqual([]);
  });
});
