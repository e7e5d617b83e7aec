import { answeringDatabaseFaults } from "@/lib/db/unavailable";
import { requirePermission } from "@/lib/auth/guards";
import { listUsers, parseUserListParams } from "@/lib/users/queries";

/**
 * The user list as JSON, for scripts and integrations, with the same query
 * parameters as /admin/users (q, role, sort, cursor). Admins only.
 */
export const GET = answeringDatabaseFaults(async (request: Request) => {
  await requirePermission("users:read");
  const query = parseUserListParams(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listUsers(query);
  return Response.json(page, { headers: { "cache-control": "no-store" } });
});
