import { isIP } from "node:net";

/**
 * The client's address, by one documented rule: TRUSTED_PROXY_HOPS reverse
 * proxies stand in front of the app, each appending to X-Forwarded-For the
 * address it was reached from.
 * - 0 hops (the default): no proxy; the address is the connection's own,
 *   which instrumentation.ts copies into PEER_ADDRESS_HEADER (overwriting any
 *   such header a client sent). X-Forwarded-For is the client's to invent.
 * - N hops: the address the outermost trusted proxy saw: the N-th entry of
 *   X-Forwarded-For counted from the right. Entries left of it are claims.
 * Anything that is not an IP address gives null: the address is recorded for
 * the audit log and the rate limits, and never makes a request fail.
 */
export const PEER_ADDRESS_HEADER = "x-starter-peer-address";

const globalForPeer = globalThis as typeof globalThis & { peerAddressStamped?: boolean };

/**
 * Called by instrumentation.ts once it stamps PEER_ADDRESS_HEADER on every
 * request. Next.js runs it on the first request, so until then a client's
 * own header of that name is not believed.
 */
export function markPeerAddressStamped(): void {
  globalForPeer.peerAddressStamped = true;
}

function validIp(value: string | null | undefined): string | null {
  // An IPv4 client of a dual-stack server arrives as ::ffff:a.b.c.d.
  const address = value?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return address && isIP(address) ? address : null;
}

export function clientIp(
  headers: Headers,
  trustedProxyHops: number,
  peerAddressStamped = globalForPeer.peerAddressStamped === true,
): string | null {
  if (trustedProxyHops === 0) return peerAddressStamped ? validIp(headers.get(PEER_ADDRESS_HEADER)) : null;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim());
  return forwarded.length >= trustedProxyHops ? validIp(forwarded[forwarded.length - trustedProxyHops]) : null;
}

/**
 * Whether the request's connection comes from this machine: the address
 * instrumentation.ts stamped is a loopback one. Proxies' headers play no
 * part. For what only the developer at the keyboard may see (/dev/mailbox).
 */
export function isLoopbackConnection(headers: Headers, peerAddressStamped = globalForPeer.peerAddressStamped === true): boolean {
  const peer = peerAddressStamped ? validIp(headers.get(PEER_ADDRESS_HEADER)) : null;
  return peer !== null && (peer === "::1" || peer.startsWith("127."));
}
