import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName } from "@/lib/auth/session-cookie";
import { getEnv } from "@/config/env";
import { signInUrl } from "@/lib/auth/return-path";

/**
 * The optimistic first gate of the admin area, as Next.js recommends a proxy:
 * a visitor without a session cookie is sent to sign in (and brought back),
 * with no database lookup and no write. Whether the cookie is a live session
 * of an admin is decided by requireAdmin() in every admin page, action and
 * route, which answers everyone else with 403.
 */
export function proxy(request: NextRequest) {
  const name = sessionCookieName(request.headers, getEnv().AUTH_URL);
  if (request.cookies.has(name)) return NextResponse.next();
  const returnTo = request.nextUrl.pathname + request.nextUrl.search;
  return NextResponse.redirect(new URL(signInUrl(returnTo), request.url));
}

export const config = {
  matcher: ["/admin/:path*", "/api/admin/:path*"],
};
