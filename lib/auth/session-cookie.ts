import { getEnv, type Env } from "@/config/env";

/**
 * The session cookie, by one rule for Auth.js (auth.ts) and the proxy, which
 * refreshes it and refuses duplicates. Pure: the proxy uses it without the
 * database.
 */

/** A session is extended (one database write, which also dates "last seen") at most once an hour; the proxy re-sends the cookie as often. */
export const SESSION_UPDATE_AGE_SECONDS = 60 * 60;

/**
 * Whether a request reached the app over https: AUTH_URL's protocol when it
 * is set (production requires it); otherwise the request's own, which
 * Next.js takes from X-Forwarded-Proto by `includes("https")` (a proxy chain
 * can send "https, http"). Auth.js decides from the same URL.
 */
export function isHttpsRequest(requestHeaders: Headers, { AUTH_URL }: Pick<Env, "AUTH_URL"> = getEnv()): boolean {
  return AUTH_URL ? new URL(AUTH_URL).protocol === "https:" : (requestHeaders.get("x-forwarded-proto") ?? "").includes("https");
}

/**
 * The session cookie for a request: `__Host-` prefixed over https (the
 * browser then refuses it unless Secure, host-only and for the whole site),
 * plain over http; HttpOnly and SameSite=Lax.
 */
export function sessionCookie(requestHeaders: Headers, env: Pick<Env, "AUTH_URL"> = getEnv()) {
  const secure = isHttpsRequest(requestHeaders, env);
  return {
    name: `${secure ? "__Host-" : ""}authjs.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** A Cookie header's pairs, named as cookie parsers name them: spaces around the name do not count. */
function cookiePairs(cookieHeader: string | null): { name: string; value: string; pair: string }[] {
  return (cookieHeader ?? "").split(";").flatMap((pair) => {
    const equals = pair.indexOf("=");
    return equals === -1 ? [] : [{ name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim(), pair }];
  });
}

/**
 * Every value the request's Cookie header gives `name`, in order. Parsers
 * keep one value per name (Next.js the last, Auth.js the first), so
 * duplicates are counted here, from the raw header.
 */
export function cookieValues(cookieHeader: string | null, name: string): string[] {
  return cookiePairs(cookieHeader)
    .filter((cookie) => cookie.name === name)
    .map((cookie) => cookie.value);
}

/** The Cookie header without any `name` cookie. */
export function withoutCookie(cookieHeader: string | null, name: string): string {
  return cookiePairs(cookieHeader)
    .filter((cookie) => cookie.name !== name)
    .map((cookie) => cookie.pair)
    .join(";");
}

/**
 * Whether the request carries a session cookie at all. Without one there is
 * no session, which Auth.js too answers, but only after about 0.2 ms of
 * setting itself up (docs/performance.md): the guards ask this first.
 */
export function hasSessionCookie(requestHeaders: Headers): boolean {
  return cookieValues(requestHeaders.get("cookie"), sessionCookie(requestHeaders).name).length > 0;
}

/** Set for an hour after the proxy re-sends the session cookie: it is refreshed at most hourly. */
export const SESSION_REFRESHED_COOKIE = "session-cookie-refreshed";
