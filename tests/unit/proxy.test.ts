/**
 * The proxy's steps that need no database: two session cookies sign nobody
 * in (Auth.js's routes refuse them, pages never see them), and every page
 * gets the path it was asked for, whatever header a client sent.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

process.env.AUTH_SECRET = "unit-tests-secret-0123456789abcdefghijklmnop";
process.env.AUTH_URL = "http://localhost:3000";
const { proxy } = await import("@/proxy");

const two =
  "authjs.session-token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; other=1; authjs.session-token=bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
const cleared = (response: Response) => /authjs\.session-token=;.*Max-Age=0/i.test(response.headers.get("set-cookie") ?? "");
/** The cookie header the page will see: Next.js carries the proxy's changes to request headers in response headers. */
const forwardedCookie = (response: Response) => response.headers.get("x-middleware-request-cookie");

describe("two session cookies", () => {
  it.each(["/api/auth/callback/local", "/api/auth/session", "/api/auth/signin/local"])(
    "are refused on %s, and the browser told to drop them",
    async (path) => {
      const response = await proxy(new NextRequest(`http://localhost:3000${path}`, { headers: { cookie: two } }));
      expect(response.status).toBe(400);
      expect(cleared(response)).toBe(true);
    },
  );

  it("reach a page as no session cookie at all", async () => {
    const response = await proxy(new NextRequest("http://localhost:3000/account", { headers: { cookie: two } }));
    expect(response.status).toBe(200);
    expect(forwardedCookie(response)).toBe("other=1");
    expect(cleared(response)).toBe(true);
  });

  it("are counted as parsers count them, spaces around the name or not", async () => {
    const spaced = "authjs.session-token =aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa; other=1;  authjs.session-token=bbbb";
    expect((await proxy(new NextRequest("http://localhost:3000/api/auth/session", { headers: { cookie: spaced } }))).status).toBe(400);
    const page = await proxy(new NextRequest("http://localhost:3000/account", { headers: { cookie: spaced } }));
    expect(forwardedCookie(page)?.trim()).toBe("other=1");
  });

  it("are not one cookie: a single one passes through, refreshed", async () => {
    const one = "authjs.session-token=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const response = await proxy(new NextRequest("http://localhost:3000/account", { headers: { cookie: one } }));
    expect(forwardedCookie(response)).toBe(one);
    expect(response.headers.get("set-cookie")).toContain("authjs.session-token=aaaa");
  });
});

describe("the request's path", () => {
  it("is the proxy's to say, not the client's", async () => {
    const response = await proxy(
      new NextRequest("http://localhost:3000/admin/users?q=a", {
        headers: { "x-request-path": "/elsewhere", cookie: "authjs.session-token=x" },
      }),
    );
    expect(response.headers.get("x-middleware-request-x-request-path")).toBe("/admin/users?q=a");
  });
});

describe("another name for this machine", () => {
  const at127 = (init: { method?: string; origin?: string } = {}) =>
    new NextRequest("http://127.0.0.1:3000/sign-in?x=1", {
      method: init.method ?? "GET",
      headers: { host: "127.0.0.1:3000", ...(init.origin ? { origin: init.origin, "content-length": "0", "next-action": "a" } : {}) },
    });

  it("moves a page to AUTH_URL's host in development", async () => {
    const env = process.env as Record<string, string>;
    const previous = env.NODE_ENV;
    env.NODE_ENV = "development";
    try {
      const response = await proxy(at127());
      expect(response.status).toBe(307);
      expect(response.headers.get("location")).toBe("http://localhost:3000/sign-in?x=1");
    } finally {
      env.NODE_ENV = previous!;
    }
  });

  it("is left alone in production, where a form posted from it is refused with the address to use", async () => {
    expect((await proxy(at127())).status).toBe(200);
    const refused = await proxy(at127({ method: "POST", origin: "http://127.0.0.1:3000" }));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("http://localhost:3000 (AUTH_URL): open it there");
    const foreign = await proxy(at127({ method: "POST", origin: "https://evil.example" }));
    expect(await foreign.text()).toBe("Cross-site request refused.\n");
  });
});

describe("an anonymous visitor of the admin area", () => {
  it("is sent to sign in from a page, and answered 401 in JSON from the API", async () => {
    const page = await proxy(new NextRequest("http://localhost:3000/admin/users?q=a"));
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("http://localhost:3000/sign-in?callbackUrl=%2Fadmin%2Fusers%3Fq%3Da");
    const api = await proxy(new NextRequest("http://localhost:3000/api/admin/users"));
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({ error: "Sign in first: this API needs a session." });
  });
});
