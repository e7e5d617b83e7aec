import "server-only";
import { getEnv } from "@/config/env";
import { clientIp } from "@/lib/audit/client-ip";
import { addressSubject, consume, ipSubject, tooManyRequests, type Verdict } from "./limits";

/** Auth.js's endpoints that start a sign-in or take a provider's answer. */
const LIMITED = /\/api\/auth\/(signin|callback)\//;

/**
 * Wraps Auth.js's route handler: sign-in starts and callbacks count against
 * the "sign-in" limit of the client's IP (separately), and an over-limit
 * request gets 429 with Retry-After before Auth.js sees it.
 */
export function limitSignIn<R extends Request>(handler: (request: R) => Promise<Response>) {
  return async (request: R): Promise<Response> => {
    const kind = LIMITED.exec(new URL(request.url).pathname)?.[1];
    if (kind) {
      const ip = clientIp(request.headers, getEnv().TRUSTED_PROXY_HOPS);
      const verdict = await consume("sign-in", [`${kind}:${ipSubject(ip)}`]);
      if (!verdict.allowed) return tooManyRequests(verdict.retryAfterSeconds);
    }
    return handler(request);
  };
}

/**
 * A request for an email sign-in link: it counts as a sign-in start of the
 * client's IP, and, only if the IP is within its limit, against the
 * address's link limit. An IP already over its limit cannot use up someone
 * else's address (and leaves no counter behind for it).
 */
export async function limitEmailLinkRequest(ip: string | null, address: string): Promise<Verdict> {
  const byIp = await consume("sign-in", [`signin:${ipSubject(ip)}`]);
  if (!byIp.allowed) return byIp;
  return consume("email-link", [addressSubject(address)]);
}
