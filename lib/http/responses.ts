/** Answers the app's route handlers give before a page or a library would. */

/** A short plain-text answer, never cached. */
export function plainText(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** A redirect to a path on this site (303: the browser follows with a GET). */
export function seeOther(request: Request, path: string): Response {
  return Response.redirect(new URL(path, request.url), 303);
}

/**
 * A redirect the way Auth.js answers its own client: that client asks with
 * `X-Auth-Return-Redirect` for the URL as JSON, and goes there itself.
 */
export function authRedirect(request: Request, path: string): Response {
  if (request.headers.has("x-auth-return-redirect")) return Response.json({ url: new URL(path, request.url).href });
  return seeOther(request, path);
}
