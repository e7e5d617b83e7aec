/**
 * Attacks on the production build from outside, over raw HTTP (and a
 * browser where only a browser shows the effect). Every refusal must leave
 * the database as it was.
 */
import { expect, test } from "@playwright/test";
import { get } from "node:http";
import { networkInterfaces } from "node:os";
import {
  actionId,
  ageAuthentication,
  auditRows,
  cookieOf,
  createPerson,
  databaseState,
  postAction,
  sessionExists,
  setBan,
  userRow,
} from "./attack";
import { signIn, signInAtProvider, uniquePerson } from "./helpers";
import { APP_URL } from "./setup-values";

const ADMIN_ACTIONS: Record<string, (targetId: string) => Record<string, string>> = {
  setUserRoleAction: (userId) => ({ userId, role: "admin" }),
  banUserAction: (userId) => ({ userId, reason: "attack" }),
  unbanUserAction: (userId) => ({ userId }),
  signOutEverywhereAction: (userId) => ({ userId }),
  deleteUserAction: (userId) => ({ userId, confirm: "delete" }),
};

/** How a server action answered: refused with 403, sent to sign in (by the proxy, or by the action's own redirect), or accepted. */
function refusal(response: Response): "403" | "sign in" | "accepted" {
  if (response.status === 403) return "403";
  const location = response.headers.get("x-action-redirect") ?? response.headers.get("location") ?? "";
  return location.startsWith("/sign-in") ? "sign in" : "accepted";
}

test.describe("server actions posted directly", () => {
  const identities = {
    anonymous: () => ({}),
    "a plain user": async () => cookieOf(await createPerson("user")),
    "a banned user": async () => cookieOf(await createPerson("user", { banned: true })),
    "a forged session": () => ({ cookie: "authjs.session-token=3f1c2a9e-0000-4000-8000-000000000001" }),
  };
  for (const [identity, headers] of Object.entries(identities)) {
    for (const [name, fields] of Object.entries(ADMIN_ACTIONS)) {
      test(`${name} as ${identity} is refused and changes nothing`, async () => {
        const target = await createPerson("user", { banned: name === "unbanUserAction" });
        const as = await headers();
        const before = await databaseState();
        // Posted to the page that renders the action's form, as the browser would.
        const response = await postAction(name, fields(target.id), as, `/admin/users/${target.id}`);
        expect(refusal(response)).not.toBe("accepted");
        expect(await response.text()).not.toContain('"status":"success"');
        expect(await databaseState()).toBe(before);
      });
    }
  }

  test("an admin's action from another origin is refused", async () => {
    const admin = await createPerson("admin");
    const target = await createPerson("user");
    const response = await postAction("setUserRoleAction", ADMIN_ACTIONS.setUserRoleAction!(target.id), {
      ...cookieOf(admin),
      origin: "https://evil.example",
    });
    expect(response.status).toBe(403);
    expect((await userRow(target.id))?.role).toBe("user");
  });
});

/** A request body that arrives in pieces, with no Content-Length. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 65_536) controller.enqueue(bytes.slice(at, at + 65_536));
      controller.close();
    },
  });
}

test.describe("requests Next.js itself would answer with a 500", () => {
  const cases: [string, string, RequestInit & { expected: number }][] = [
    ["a path that does not decode", "/admin/users/%ZZ", { expected: 400 }],
    ["an Auth.js path that does not decode", "/api/auth/%ZZ", { expected: 400 }],
    [
      "a form posted from another site",
      "/admin/users",
      {
        method: "POST",
        headers: { origin: "https://evil.example", "content-type": "multipart/form-data; boundary=z" },
        body: "--z--",
        expected: 403,
      },
    ],
    [
      "a body over the limit",
      "/sign-in",
      {
        method: "POST",
        headers: { origin: APP_URL, "content-length": String(2 * 1024 * 1024) },
        body: "x".repeat(2 * 1024 * 1024),
        expected: 413,
      },
    ],
    [
      "a forwarded host that is not the app",
      "/sign-in",
      { method: "POST", headers: { origin: APP_URL, "x-forwarded-host": "evil.example" }, body: "", expected: 400 },
    ],
    [
      "a server action body sent in chunks (no length to check)",
      "/sign-in",
      {
        method: "POST",
        headers: { origin: APP_URL, "next-action": "0".repeat(42) },
        body: chunked("x".repeat(2 * 1024 * 1024)),
        duplex: "half",
        expected: 411,
      } as RequestInit & { expected: number },
    ],
    [
      "an Auth.js callbackUrl that is not a URL (and would forge a log line)",
      "/api/auth/session?callbackUrl=javascript%3Ax%0A%5Bauth%5D%5Binfo%5D%20forged",
      { expected: 400 },
    ],
    [
      "an Auth.js callbackUrl on another site",
      "/api/auth/csrf?callbackUrl=http%3A%2F%2Flocalhost%3A3100.evil.example%2F",
      { expected: 400 },
    ],
  ];
  for (const [name, path, { expected, ...init }] of cases) {
    test(`${name} is a ${expected}`, async () => {
      const response = await fetch(`${APP_URL}${path}`, { ...init, redirect: "manual" });
      expect(response.status).toBe(expected);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    });
  }

  test("pages outside the app's routes still carry the security headers", async () => {
    for (const path of ["/api/nothing-here", "/favicon.ico", "/no-such-page"]) {
      const response = await fetch(`${APP_URL}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-security-policy"), path).toContain("'nonce-");
    }
  });
});

test.describe("session cookies", () => {
  const hostile = {
    forged: "3f1c2a9e-0000-4000-8000-000000000001",
    "a NUL byte": "%00",
    SQL: "'%20OR%201%3D1%20--",
    "a long one": "a".repeat(4000),
    "non-ASCII": "%C3%A5dmin",
  };
  for (const [kind, value] of Object.entries(hostile)) {
    test(`a ${kind} cookie is a signed-out visitor, never an error`, async () => {
      const home = await fetch(`${APP_URL}/`, { headers: { cookie: `authjs.session-token=${value}` } });
      expect(home.status).toBe(200);
      expect(await home.text()).toContain("You are not signed in.");
      const admin = await fetch(`${APP_URL}/admin/users`, { headers: { cookie: `authjs.session-token=${value}` }, redirect: "manual" });
      expect(admin.status).toBe(307);
      expect(admin.headers.get("location")).toMatch(/^\/sign-in\?callbackUrl=/);
      const api = await fetch(`${APP_URL}/api/auth/session`, { headers: { cookie: `authjs.session-token=${value}` } });
      expect(api.status).toBeLessThan(500);
    });
  }

  test("two session cookies sign nobody in, whichever is first", async () => {
    const [admin, user] = await Promise.all([createPerson("admin"), createPerson("user")]);
    const home = await fetch(`${APP_URL}/`, {
      headers: { cookie: `authjs.session-token=${admin.token}; authjs.session-token=${user.token}` },
    });
    expect(await home.text()).toContain("You are not signed in.");
  });

  test("an oversized cookie is refused without an error", async () => {
    const response = await fetch(`${APP_URL}/`, { headers: { cookie: `authjs.session-token=${"a".repeat(20_000)}` } });
    expect(response.status).toBeLessThan(500);
  });

  test("an expired session signs nobody in, and is deleted", async () => {
    const person = await createPerson("user", { session: "expired" });
    const home = await fetch(`${APP_URL}/`, { headers: cookieOf(person) });
    expect(await home.text()).toContain("You are not signed in.");
    expect(await sessionExists(person.token!)).toBe(false);
  });
});

test.describe("redirects", () => {
  const spellings = [
    "/\t/evil.example",
    "/\\evil.example",
    "//evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "https://evil.example/",
    "/./..//evil.example",
    "javascript:alert(1)",
    "/sign-in?callbackUrl=/%09/evil.example",
  ];
  for (const spelling of spellings) {
    test(`sign-in never sends a signed-in visitor off the site (${JSON.stringify(spelling)})`, async () => {
      const person = await createPerson("user");
      let path = `/sign-in?${new URLSearchParams({ callbackUrl: spelling })}`;
      for (let hop = 0; hop < 5; hop++) {
        const response = await fetch(`${APP_URL}${path}`, { headers: cookieOf(person), redirect: "manual" });
        const location = response.headers.get("location");
        if (!location) break;
        const next = new URL(location.replace(/[\t\n\r]/g, ""), APP_URL);
        expect(next.origin, `hop ${hop} to ${location}`).toBe(APP_URL);
        expect(location).not.toMatch(/^[\s/\\]*\/[\s/\\]/);
        path = next.pathname + next.search;
      }
    });
  }
});

test.describe("bad input as an admin", () => {
  const cursor = (raw: string) => Buffer.from(raw).toString("base64url");
  const urls = [
    "/admin/users?q=%00",
    `/admin/users?q=${encodeURIComponent("ab\u{10FFFF}")}`,
    `/admin/users?cursor=${cursor("n.99999999999999.abc")}`,
    `/admin/users?cursor=${cursor(`p.${Date.UTC(9999, 11, 31) + 86_400_000}.x`)}`,
    "/admin/users?role=emperor&sort=sideways",
    "/admin/users/%00",
    `/admin/users/${"x".repeat(500)}`,
    `/admin/audit?cursor=${cursor("n.99999999999999.abc")}&target=%00`,
    "/api/admin/users?q=%00&cursor=!!!",
  ];
  for (const url of urls) {
    test(`${url.slice(0, 60)} answers without a server error`, async () => {
      const admin = await createPerson("admin");
      const response = await fetch(`${APP_URL}${url}`, { headers: cookieOf(admin), redirect: "manual" });
      expect(response.status).toBeLessThan(500);
    });
  }

  test("the sign-in action with no or an unknown provider goes back to sign in", async () => {
    const attempts: Record<string, string>[] = [{}, { provider: "nope" }, { provider: "\u0000" }];
    for (const fields of attempts) {
      const response = await postAction("signInWithProvider", fields, {}, "/sign-in");
      expect(response.status).toBeLessThan(500);
    }
  });
});

test.describe("account linking", () => {
  test("signing in while signed in as someone else links nothing", async ({ page }) => {
    const [owner, stranger] = [uniquePerson("cookie-owner"), uniquePerson("stranger")];
    await signIn(page, owner);
    // The sign-in form, posted while signed in (a planted session cookie, say).
    // React's encoding of (previous state, FormData); "0" must come last.
    const form = new FormData();
    form.append("_1_provider", "local");
    form.append("_1_callbackUrl", "/");
    form.append("0", JSON.stringify([null, "$K1"]));
    const response = await page.request.post("/sign-in", {
      headers: { "next-action": actionId("signInWithProvider"), accept: "text/x-component", origin: APP_URL },
      multipart: form,
      maxRedirects: 0,
    });
    const toProvider = response.headers()["x-action-redirect"]?.split(";")[0];
    expect(toProvider).toContain("127.0.0.1");
    await page.goto(toProvider!);
    await signInAtProvider(page, stranger);
    await expect(page).toHaveURL(/\/sign-in\/error\?error=SignedInAlready/);
    await page.goto("/account");
    await expect(page.getByTestId("sign-in-method")).toHaveCount(1);
  });
});

test.describe("privilege races", () => {
  test("an admin being banned cannot unban themself", async () => {
    for (let round = 0; round < 3; round++) {
      const [banned, banning] = await Promise.all([createPerson("admin"), createPerson("admin")]);
      const unbanSelf = () => postAction("unbanUserAction", { userId: banned.id }, cookieOf(banned), `/admin/users/${banned.id}`);
      await Promise.all([
        ...Array.from({ length: 10 }, unbanSelf),
        postAction("banUserAction", { userId: banned.id, reason: "compromised" }, cookieOf(banning), `/admin/users/${banned.id}`),
        ...Array.from({ length: 10 }, unbanSelf),
      ]);
      expect((await userRow(banned.id))?.banned_at, `round ${round}`).not.toBeNull();
      expect((await auditRows(banned.id)).map((entry) => entry.action)).toEqual(["ban"]);
    }
  });
});

test.describe("the audit log's client address", () => {
  test("is the connection's, whatever headers the client sends", async () => {
    const admin = await createPerson("admin");
    const target = await createPerson("user");
    const spoof = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", "x-starter-peer-address": "6.6.6.6" };
    const response = await postAction("setUserRoleAction", { userId: target.id, role: "admin" }, { ...cookieOf(admin), ...spoof });
    expect(response.status).toBe(200);
    expect((await auditRows(target.id)).map((entry) => entry.ip)).toEqual([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]);
  });

  test("never fails an action, however long the forwarded list", async () => {
    const admin = await createPerson("admin");
    const target = await createPerson("user");
    const response = await postAction(
      "setUserRoleAction",
      { userId: target.id, role: "admin" },
      { ...cookieOf(admin), "x-forwarded-for": "a".repeat(300) },
    );
    expect(response.status).toBe(200);
    expect((await userRow(target.id))?.role).toBe("admin");
  });
});

test.describe("response headers", () => {
  test("every page carries a nonce-based CSP, matching its scripts, and the hardening headers", async () => {
    const [first, second] = [await fetch(`${APP_URL}/`), await fetch(`${APP_URL}/sign-in`)];
    for (const response of [first, second]) {
      const policy = response.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeTruthy();
      expect(policy).not.toContain("unsafe-eval");
      expect(policy).toContain("frame-ancestors 'none'");
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      // Served over http here (AUTH_URL is http://localhost): no HSTS.
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    expect(first.headers.get("content-security-policy")).not.toBe(second.headers.get("content-security-policy"));
  });

  test("pages run their scripts under the policy, with no violation", async ({ page }) => {
    await page.addInitScript(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener("securitypolicyviolation", (event) =>
        (window as unknown as { violations: string[] }).violations.push(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    const admin = await createPerson("admin");
    await page.context().addCookies([{ name: "authjs.session-token", value: admin.token!, url: APP_URL }]);
    for (const path of ["/", "/admin/users", "/admin/audit"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations), path).toEqual([]);
    }
  });
});

test.describe("the ban notice", () => {
  test("shows the reason only while the ban lasts, and only for a link this server signed", async ({ page }) => {
    const person = uniquePerson("notice");
    await signIn(page, person);
    await setBan(person.email, "Spam, twice");
    await page.context().clearCookies();
    await signIn(page, person);
    await expect(page).toHaveURL(/\/sign-in\/error\?error=AccountBanned&notice=/);
    expect(page.url()).not.toContain("Spam");
    await expect(page.getByTestId("ban-reason")).toHaveText("Reason: Spam, twice");
    const notice = new URL(page.url()).searchParams.get("notice")!;

    const tampered = `${notice.slice(0, -1)}${notice.endsWith("A") ? "B" : "A"}`;
    await page.goto(`/sign-in/error?error=AccountBanned&notice=${tampered}`);
    await expect(page.getByTestId("ban-reason")).toHaveCount(0);

    await setBan(person.email, null);
    await page.goto(`/sign-in/error?error=AccountBanned&notice=${notice}`);
    await expect(page.getByTestId("ban-reason")).toHaveCount(0);
  });
});

test.describe("a stolen stale session", () => {
  // Each change a stale admin session could make around other admins, or to any user's existence.
  const attempts: [string, (target: string) => Record<string, string>, { admin?: boolean; banned?: boolean }][] = [
    ["setUserRoleAction", (userId) => ({ userId, role: "user" }), { admin: true }],
    ["unbanUserAction", (userId) => ({ userId }), { admin: true, banned: true }],
    ["signOutEverywhereAction", (userId) => ({ userId }), { admin: true }],
    ["banUserAction", (userId) => ({ userId, reason: "stolen" }), { admin: true }],
    ["deleteUserAction", (userId) => ({ userId, confirm: "delete" }), {}],
  ];
  for (const [name, fields, target] of attempts) {
    test(`${name} is asked to sign in again, and changes nothing`, async () => {
      const thief = await createPerson("admin");
      await ageAuthentication(thief.token!, 60);
      const victim = await createPerson(target.admin ? "admin" : "user", { banned: target.banned });
      const before = await databaseState();
      const response = await postAction(name, fields(victim.id), cookieOf(thief), `/admin/users/${victim.id}`);
      expect(await response.text()).toContain('"status":"reauthenticate"');
      expect(await databaseState()).toBe(before);
    });
  }

  test("cannot connect its own identity to the account", async () => {
    const victim = await createPerson("user");
    await ageAuthentication(victim.token!, 60);
    const response = await postAction("connectProvider", { provider: "local" }, cookieOf(victim), "/account");
    expect(await response.text()).toContain('"status":"reauthenticate"');
    expect(response.headers.get("x-action-redirect")).toBeNull();
    expect(response.headers.get("set-cookie") ?? "").not.toContain("link-intent");
  });
});

test.describe("planted cookies", () => {
  test("two session cookies on Auth.js's routes are refused, and the browser told to drop them", async () => {
    const [victim, planted] = await Promise.all([createPerson("user"), createPerson("user")]);
    for (const path of ["/api/auth/session", "/api/auth/signin/local", "/api/auth/callback/local?code=x&state=y"]) {
      const response = await fetch(`${APP_URL}${path}`, {
        headers: { cookie: `authjs.session-token=${planted.token}; authjs.session-token=${victim.token}` },
        redirect: "manual",
      });
      expect(response.status, path).toBe(400);
      expect(response.headers.get("set-cookie"), path).toMatch(/authjs\.session-token=;.*Max-Age=0/i);
    }
  });
});

test.describe("Auth.js's routes", () => {
  test("a route it does not have is a quiet 404, and a client that keeps asking is limited", async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 40; attempt++) statuses.push((await fetch(`${APP_URL}/api/auth/junk-${attempt}`)).status);
    expect(statuses[0]).toBe(404);
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 404 && status !== 429)).toEqual([]);
  });
});

test.describe("pages for things that do not exist", () => {
  for (const id of ["not-a-uuid", "00000000-0000-4000-8000-000000000000", "%00"]) {
    test(`/admin/users/${id} answers 404`, async () => {
      const admin = await createPerson("admin");
      const response = await fetch(`${APP_URL}/admin/users/${id}`, { headers: cookieOf(admin), redirect: "manual" });
      expect(response.status).toBe(404);
    });
  }
});

test.describe("the development mailbox", () => {
  // An address of this machine that is not loopback: a request to it comes from the network.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === "IPv4" && !entry.internal)?.address;

  test("answers 404 to a connection from the network", async () => {
    test.skip(!external, "this machine has no network address to connect from");
    const port = Number(new URL(APP_URL).port);
    const status = await new Promise<number | undefined>((resolve, reject) =>
      get({ host: external, port, path: "/dev/mailbox", localAddress: external }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on("error", reject),
    );
    expect(status).toBe(404);
    expect((await fetch(`${APP_URL}/dev/mailbox`)).status, "from this machine").toBe(200);
  });
});
