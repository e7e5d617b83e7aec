import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/config/env";
import { clientIp } from "@/lib/audit/client-ip";

/**
 * Where the current request comes from: the browser's User-Agent (cut to the
 * column's length) and the client's IP by the TRUSTED_PROXY_HOPS rule. Both
 * null outside a request (a script or a test).
 */
export async function requestOrigin(): Promise<{ userAgent: string | null; ip: string | null }> {
  let list: Headers;
  try {
    list = await headers();
  } catch {
    return { userAgent: null, ip: null };
  }
  return { userAgent: list.get("user-agent")?.slice(0, 512) || null, ip: clientIp(list, getEnv().TRUSTED_PROXY_HOPS) };
}
