import { databaseReachable } from "@/lib/db/health";

/**
 * For load balancers and uptime checks: 200 while this instance can reach
 * the database, 503 while it cannot (the same shared ping the proxy uses,
 * so checking often costs at most one `select 1` every two seconds).
 */
export async function GET() {
  const reachable = await databaseReachable();
  return Response.json(
    { status: reachable ? "ok" : "database_unreachable" },
    { status: reachable ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
