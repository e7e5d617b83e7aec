import "server-only";
import { isConnectionFailure, isPoolExhausted } from "./errors";
import { suspectDatabase } from "./health";

/**
 * What a request gets while the database is away (status 503, and when to
 * try again): a short page for a browser, JSON for an API client. Answered
 * by the proxy while the shared ping fails, and by route handlers whose
 * query failed to connect before the ping noticed.
 */
export function serviceUnavailable(request: Request): Response {
  const headers = { "retry-after": "5", "cache-control": "no-store" };
  const { pathname } = new URL(request.url);
  const browser = request.headers.get("accept")?.includes("text/html") ?? false;
  if (pathname.startsWith("/api/") && !browser) {
    return Response.json(
      { error: "service_unavailable", message: "The database is unreachable. Try again shortly." },
      { status: 503, headers },
    );
  }
  const page =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">' +
    '<title>Temporarily unavailable</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">' +
    "<h1>Temporarily unavailable</h1><p>The site cannot reach its database right now. Nothing you did caused this; " +
    "try again in a few moments.</p></body></html>";
  return new Response(page, { status: 503, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
}

/**
 * A route handler that answers 503, not 500, when its database connection
 * fails mid-request (and has the next request check the database first), or
 * when no connection came free in DATABASE_POOL_TIMEOUT (overload: the
 * database is fine, so nothing is marked down). Whatever the handler wrote
 * in a transaction was rolled back with it.
 */
export function answeringDatabaseFaults<R extends Request, C extends unknown[]>(handler: (request: R, ...context: C) => Promise<Response>) {
  return async (request: R, ...context: C): Promise<Response> => {
    try {
      return await handler(request, ...context);
    } catch (error) {
      const outage = isConnectionFailure(error);
      if (!outage && !isPoolExhausted(error)) throw error;
      if (outage) suspectDatabase();
      const what = outage ? "the database connection failed" : "no database connection came free in time";
      console.error(
        `${request.method} ${new URL(request.url).pathname}: ${what} (${error instanceof Error ? error.message : String(error)}); answered 503.`,
      );
      return serviceUnavailable(request);
    }
  };
}
