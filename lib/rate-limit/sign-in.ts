import "server-only";
import { getEnv } from "@/config/env";
import { clientIp } from "@/lib/audit/client-ip";
import { addressSubject, consume, inboxSubject, ipSubject, tooManyRequests, type Verdict } from "./limits";

/**
 * A request to Auth.js's routes of a kind that is limited: sign-in starts
 * and provider callbacks each count against the "sign-in" limit of the
 * client's IP (separately), requests for routes that do not exist against
 * "auth-noise". Over it: the 429 (with Retry-After) to answer before Auth.js
 * sees the request.
 */
export async function limitAuthRequest(request: Request, kind: "signin" | "callback" | "unknown"): Promise<Response | null> {
  const ip = clientIp(request.headers, getEnv().TRUSTED_PROXY_HOPS);
  const verdict =
    kind === "unknown" ? await consume("auth-noise", [ipSubject(ip)]) : await consume("sign-in", [`${kind}:${ipSubject(ip)}`]);
  return verdict.allowed ? null : tooManyRequests(verdict.retryAfterSeconds);
}

/**
 * A request for an email sign-in link, checked in this order, each check
 * only when the ones before pass (so a requester over one limit leaves no
 * count behind in the next):
 * 1. a sign-in start of the client's IP ("sign-in");
 * 2. a link for this address from this network ("email-link", per address
 *    and network, so a stranger's burst does not stop the owner's requests);
 * 3. the cooldown: when an email went to the address moments ago, `send` is
 *    false (that link still works) and the requester's answer is the same;
 * 4. only then, an email about to be sent counts towards the address's
 *    ceiling ("email-link-address", from anywhere). Past it, the address is
 *    not shut out for the rest of the window, which would hand anyone with
 *    a few networks a lock-out: it gets one email per window/limit
 *    ("email-link-slow", 29 minutes by default), and each of those, whoever
 *    asked, is a working link in the owner's inbox.
 * The per-network limit and the ceiling count the inbox (name+tag@ is
 * name@), so tags do not multiply them; the cooldown and the slow lane
 * count the exact address, so a request for name+x@ never takes the turn of
 * name@'s own link (its email would sign in to another account).
 */
export async function limitEmailLinkRequest(ip: string | null, address: string): Promise<Verdict & { send?: boolean }> {
  const byIp = await consume("sign-in", [`signin:${ipSubject(ip)}`]);
  if (!byIp.allowed) return byIp;
  const [addressKey, inboxKey] = [addressSubject(address), inboxSubject(address)];
  const byNetwork = await consume("email-link", [`${inboxKey}:${ipSubject(ip)}`]);
  if (!byNetwork.allowed) return byNetwork;
  if (!(await consume("email-link-cooldown", [addressKey])).allowed) return { allowed: true, send: false };
  if ((await consume("email-link-address", [inboxKey])).allowed) return { allowed: true, send: true };
  const slowly = await consume("email-link-slow", [addressKey]);
  return slowly.allowed ? { allowed: true, send: true } : slowly;
}
