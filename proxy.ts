import { NextResponse, type NextRequest } from "next/server";
import { sessionCookieName, sessionUserForToken } from "@/lib/auth-session";
import { signInUrl } from "@/lib/paths";
import { ADMIN_ROLE } from "@/lib/roles";

/**
 * The first gate of the admin area: anonymous visitors go to sign in (and
 * come back), signed-in non-admins get the 403 page. It runs only for admin
 * paths (see `matcher`), so the rest of the site pays nothing for it. Every
 * admin page, action and route checks again with requireAdmin(): this is
 * never the only check.
 */
export async function proxy(request: NextRequest) {
  const returnTo = request.nextUrl.pathname + request.nextUrl.search;
  const token = request.cookies.get(sessionCookieName(request.headers))?.value;
  const user = token ? await sessionUserForToken(token) : null;
  if (!user) return NextResponse.redirect(new URL(signInUrl(returnTo), request.url));
  if (user.role !== ADMIN_ROLE) {
    return NextResponse.rewrite(new URL("/403", request.url), { status: 403 });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/admin/:path*", "/api/admin/:path*"],
};
