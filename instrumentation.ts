/**
 * Runs once when the server starts, before it answers any request:
 * - a configuration error stops it here, with the env schema's message;
 * - each request gets the connection's address in PEER_ADDRESS_HEADER (any
 *   such header a client sent is overwritten): Next.js keeps a client's own
 *   X-Forwarded-For, so this is the only trustworthy address without a proxy
 *   (lib/audit/client-ip.ts);
 * - auth.ts is loaded first, so the Auth.js adapter is the one that opens the
 *   process's database connection (see lib/db/orm.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidConfiguration } = await import("./config/env");
    exitOnInvalidConfiguration();
    // Imported here, not at the top: Next.js also compiles this file for the Edge runtime, which has no node:net.
    const { markPeerAddressStamped, PEER_ADDRESS_HEADER } = await import("./lib/audit/client-ip");
    const { subscribe } = await import("node:diagnostics_channel");
    subscribe("http.server.request.start", (message) => {
      const { request, socket } = message as { request: { headers: Record<string, unknown> }; socket: { remoteAddress?: string } };
      request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? "";
    });
    markPeerAddressStamped();
    await import("./auth");
  }
}

/** A request failed: if the database could not be reached, the next request checks it first (lib/db/health.ts). */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ isConnectionFailure }, { suspectDatabase }] = await Promise.all([import("./lib/db/errors"), import("./lib/db/health")]);
  if (isConnectionFailure(error)) suspectDatabase();
}
