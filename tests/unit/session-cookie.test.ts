import { describe, expect, it } from "vitest";
import { isHttpsRequest, sessionCookieName } from "@/lib/auth/session-cookie";

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
    expect(sessionCookieName(headers, authUrl)).toBe(name);
    expect(isHttpsRequest(headers, authUrl)).toBe(name.startsWith("__Host-"));
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
