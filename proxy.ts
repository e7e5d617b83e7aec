import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/config/env";
import { signInUrl } from "@/lib/auth/return-path";
import { cookieValues, isHttpsRequest, SESSION_REFRESHED_COOKIE, sessionCookie, withoutCookie } from "@/lib/auth/session-cookie";
import { databaseReachable } from "@/lib/db/health";
import { serviceUnavailable } from "@/lib/db/unavailable";
import { REQUEST_PATH_HEADER } from "@/lib/http/request-path";
import { contentSecurityPolicy, HSTS } from "@/lib/http/security-headers";

/**
 * Runs before every request but static files, cheaply: no database query of
 * its own (a shared ping at most every two seconds), and no database code in
 * its bundle. Each step answers the request, or passes it on to the next.
 * Whether a session is live, and whose, is decided by auth() in the page,
 * action or route itself.
 */
export async function proxy(request: NextRequest) {
  const https = isHttpsRequest(request.headers);
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, { https, development: process.env.NODE_ENV === "development" });
  const response =
    refuseMalformed(request) ??
    sendToConfiguredHost(request) ??
    refuseForeignPost(request) ??
    refuseDuplicateSessionCookies(request) ??
    (await answerWhileDatabaseIsDown(request)) ??
    sendAnonymousAdminVisitorsToSignIn(request) ??
    forward(request, policy, https);
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

const refuse = (status: number, message: string) => new NextResponse(`${message}\n`, { status });

/** A path that does not decode would reach Next.js as a 500. */
function refuseMalformed(request: NextRequest): NextResponse | null {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return null;
  } catch {
    return refuse(400, "Malformed request.");
  }
}

/**
 * In development, a page opened at another name for this machine
 * (127.0.0.1, which `next dev` prints, for AUTH_URL's localhost) moves to
 * AUTH_URL: cookies, Auth.js's callbacks and the cross-site check all go by
 * it, so every form would be refused there.
 */
function sendToConfiguredHost(request: NextRequest): NextResponse | null {
  const configured = getEnv().AUTH_URL;
  if (process.env.NODE_ENV !== "development" || !configured || !["GET", "HEAD"].includes(request.method)) return null;
  const own = new URL(configured);
  if (request.headers.get("host") === own.host) return null;
  return NextResponse.redirect(new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, own.origin), 307);
}

/** Next.js's own limit on a server action's body. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A POST from another site, for another host, or too large for Next.js (which would answer 500). */
function refuseForeignPost(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const { pathname } = request.nextUrl;
  const own = new URL(getEnv().AUTH_URL ?? request.url);
  // Providers that answer with a form post (Sign in with Apple, say) post to the callback from their own site.
  // Not the email callback (only this site's confirmation page posts there, and a post from another site
  // would sign the visitor into an account of the attacker's choosing: login CSRF), nor the passkey one.
  const origin = request.headers.get("origin");
  const providerPost = pathname.startsWith("/api/auth/callback/") && !/^\/api\/auth\/callback\/(email|passkey)(\/|$)/.test(pathname);
  if (origin && origin !== own.origin && !providerPost) {
    // The site opened at another name than AUTH_URL's: say so, not just "refused".
    const elsewhere = origin === `${own.protocol}//${request.headers.get("host")}`;
    return refuse(403, elsewhere ? `This site's address is ${own.origin} (AUTH_URL): open it there.` : "Cross-site request refused.");
  }
  const forwardedHost = request.headers.get("x-forwarded-host");
  if (forwardedHost && getEnv().AUTH_URL && forwardedHost !== own.host) return refuse(400, "Unexpected host.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return refuse(413, "Request too large.");
  // A chunked body has no length to check here, and Next.js fails an oversized one with a 500; browsers send a length.
  if (request.headers.has("next-action") && !request.headers.has("content-length")) return refuse(411, "Length required.");
  return null;
}

/**
 * Two session cookies (one planted by another site or a sibling subdomain,
 * say) sign nobody in: Next.js and Auth.js would each pick a different one.
 * Auth.js's own routes refuse the request; pages get it without the session
 * cookie (forward, below). Either way the browser is told to drop it.
 */
function hasDuplicateSessionCookies(request: NextRequest): boolean {
  return cookieValues(request.headers.get("cookie"), sessionCookie(request.headers).name).length > 1;
}

function refuseDuplicateSessionCookies(request: NextRequest): NextResponse | null {
  if (!request.nextUrl.pathname.startsWith("/api/auth/") || !hasDuplicateSessionCookies(request)) return null;
  return dropSessionCookie(request, refuse(400, "More than one session cookie: sign in again."));
}

function dropSessionCookie(request: NextRequest, response: NextResponse): NextResponse {
  const { name, options } = sessionCookie(request.headers);
  response.cookies.set(name, "", { ...options, maxAge: 0 });
  return response;
}

/** 503 while the database is unreachable (lib/db/health.ts), so no request waits on it, and nothing is half done. */
async function answerWhileDatabaseIsDown(request: NextRequest): Promise<Response | null> {
  return (await databaseReachable()) ? null : serviceUnavailable(request);
}

/**
 * The optimistic first gate of the admin area, as Next.js recommends a
 * proxy: a visitor without a session cookie is sent to sign in (and brought
 * back). requirePermission() decides in every admin page, action and route.
 */
function sendAnonymousAdminVisitorsToSignIn(request: NextRequest): NextResponse | null {
  const { pathname, search } = request.nextUrl;
  if (!/^\/(admin|api\/admin)(\/|$)/.test(pathname) || request.cookies.has(sessionCookie(request.headers).name)) return null;
  // A script calling the API is told, not sent to an HTML page.
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: "Sign in first: this API needs a session." }, { status: 401 });
  return NextResponse.redirect(new URL(signInUrl(pathname + search), request.url));
}

/**
 * Passes the request on with its CSP (Next.js reads the nonce from it to
 * mark its own scripts) and its path (the guards' return path), and re-sends
 * the session cookie at most hourly so it lasts as the session does: the
 * database extends a session on use, never past its absolute lifetime. A
 * cookie that outlives its session is harmless: the server no longer knows
 * its token.
 */
function forward(request: NextRequest, policy: string, https: boolean): NextResponse {
  const { name, options } = sessionCookie(request.headers);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  if (hasDuplicateSessionCookies(request)) {
    requestHeaders.set("cookie", withoutCookie(request.headers.get("cookie"), name));
    return dropSessionCookie(request, NextResponse.next({ request: { headers: requestHeaders } }));
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  const token = request.cookies.get(name)?.value;
  if (
    request.method === "GET" &&
    !request.nextUrl.pathname.startsWith("/api/") &&
    token &&
    !request.cookies.has(SESSION_REFRESHED_COOKIE)
  ) {
    response.cookies.set(name, token, { ...options, secure: https, maxAge: getEnv().SESSION_IDLE_TIMEOUT });
    response.cookies.set(SESSION_REFRESHED_COOKIE, "1", { ...options, secure: https, maxAge: 60 * 60 });
  }
  return response;
}

export const config = {
  // Everything but the build's static files.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
