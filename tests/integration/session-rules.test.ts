/**
 * lib/auth/session.ts reads sessions itself instead of through Auth.js's
 * auth(), so it restates two of Auth.js's rules: the session cookie's name,
 * and when a session expires or is extended. Each is checked here against
 * Auth.js itself (its /api/auth/session endpoint, through auth.ts), so an
 * upgrade that changes Auth.js's behaviour fails this test.
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { handlers } from "@/auth";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { SESSION_UPDATE_AGE_SECONDS, sessionLifetimes, sessionUserForToken } from "@/lib/auth/session";
import { hashSessionToken } from "@/lib/auth/session-store";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { getEm } from "@/lib/db/orm";
import { signedInAs } from "./support/sessions";

const DAY = 86_400_000;

async function sessionExpiringIn(milliseconds: number): Promise<string> {
  const em = await getEm();
  const user = em.create(User, { name: "Rules", email: `rules-${randomUUID()}@example.test` });
  await em.flush();
  return signedInAs(user.id, milliseconds);
}

/** Asks Auth.js for the session, as the browser does, with the token in the named cookie. */
async function askAuthJs(url: string, headers: Record<string, string>, cookie: string, token: string) {
  const request = new NextRequest(url, { headers: { ...headers, cookie: `${cookie}=${token}` } });
  const body = (await (await handlers.GET(request)).json()) as { user?: { id: string } } | null;
  return body?.user ?? null;
}

async function storedExpiry(sessionToken: string): Promise<number | null> {
  const session = await (await getEm()).findOne(Session, { tokenHash: hashSessionToken(sessionToken) });
  return session ? session.expires.getTime() : null;
}

const originalAuthUrl = process.env.AUTH_URL;
afterEach(() => {
  if (originalAuthUrl === undefined) delete process.env.AUTH_URL;
  else process.env.AUTH_URL = originalAuthUrl;
});

describe("the session cookie's name", () => {
  // The URL is the one Next.js gives a route handler: https when X-Forwarded-Proto includes "https".
  // (With AUTH_URL set, its protocol decides instead: tests/unit/session-cookie.test.ts.)
  it.each([
    { authUrl: undefined, forwardedProto: "http", url: "http://localhost:3000/api/auth/session" },
    { authUrl: undefined, forwardedProto: "https", url: "https://localhost:3000/api/auth/session" },
    { authUrl: undefined, forwardedProto: "https, http", url: "https://localhost:3000/api/auth/session" },
  ])("is the one Auth.js reads (AUTH_URL $authUrl, X-Forwarded-Proto $forwardedProto)", async ({ authUrl, forwardedProto, url }) => {
    if (authUrl) process.env.AUTH_URL = authUrl;
    else delete process.env.AUTH_URL;
    const headers = { "x-forwarded-proto": forwardedProto };
    const ours = sessionCookieName(new Headers(headers), authUrl);
    const other = ours.startsWith("__Host-") ? ours.slice("__Host-".length) : `__Host-${ours}`;
    const token = await sessionExpiringIn(DAY);

    expect(await askAuthJs(url, headers, ours, token), `Auth.js reads ${ours}`).not.toBeNull();
    expect(await askAuthJs(url, headers, other, token), `Auth.js ignores ${other}`).toBeNull();
  });
});

describe("expiry and extension", () => {
  // Auth.js's maxAge is the idle timeout (auth.ts).
  const maxAge = sessionLifetimes().idleSeconds * 1000;
  const updateAge = SESSION_UPDATE_AGE_SECONDS * 1000;

  it.each([
    { case: "expired a minute ago", expiresIn: -60_000 },
    { case: "extended a minute ago", expiresIn: maxAge - 60_000 },
    { case: "extended just under the update age ago", expiresIn: maxAge - updateAge + 60_000 },
    { case: "extended just over the update age ago", expiresIn: maxAge - updateAge - 60_000 },
    { case: "extended two days ago", expiresIn: maxAge - 2 * DAY },
  ])("match Auth.js's for a session $case", async ({ expiresIn }) => {
    process.env.AUTH_URL = "http://localhost:3000";
    const [viaAuthJs, viaApp] = [await sessionExpiringIn(expiresIn), await sessionExpiringIn(expiresIn)];
    const [authJsBefore, appBefore] = [await storedExpiry(viaAuthJs), await storedExpiry(viaApp)];

    const authJsUser = await askAuthJs("http://localhost:3000/api/auth/session", {}, "authjs.session-token", viaAuthJs);
    const appUser = await sessionUserForToken(viaApp);

    expect(appUser !== null, "signed in").toBe(authJsUser !== null);
    const [authJsAfter, appAfter] = [await storedExpiry(viaAuthJs), await storedExpiry(viaApp)];
    expect(appAfter === null, "deleted").toBe(authJsAfter === null);
    expect(appAfter !== null && appAfter !== appBefore, "extended").toBe(authJsAfter !== null && authJsAfter !== authJsBefore);
    if (appAfter !== null && authJsAfter !== null) expect(Math.abs(appAfter - authJsAfter)).toBeLessThan(5_000);
  });
});
