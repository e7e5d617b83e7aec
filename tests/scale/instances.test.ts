/**
 * Several app instances on one database behave as one app: two production
 * servers (A and B) share this file's scratch database (PostgreSQL or
 * MariaDB), as two instances behind a load balancer would.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { postServerAction } from "@/e2e/server-actions";
import { signedInAs } from "../integration/support/sessions";
import { signInByEmail, startCluster, withSession, type AppServer, type Cluster } from "./support/cluster";

let cluster: Cluster;
let a: AppServer;
let b: AppServer;

beforeAll(async () => {
  cluster = await startCluster(2);
  [a, b] = cluster.servers as [AppServer, AppServer];
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
});

async function person(role: "user" | "admin"): Promise<{ id: string; token: string }> {
  const em = await getEm();
  const user = em.create(User, { name: `Scale ${role}`, email: `scale-${role}-${randomUUID()}@example.test`, role });
  await em.flush();
  return { id: user.id, token: await signedInAs(user.id) };
}

/** An admin's change, posted as the admin's browser would, to one instance; its status (403: no longer an admin). */
async function adminChange(server: AppServer, admin: { token: string }, action: string, fields: Record<string, string>, expected = [200]) {
  const response = await postServerAction(server.url, action, fields, withSession(admin.token), `/admin/users/${fields.userId}`);
  expect(expected, `${action} on ${server.url} answered ${response.status}`).toContain(response.status);
}

const statusOf = async (server: AppServer, path: string, token: string) =>
  (await fetch(`${server.url}${path}`, { headers: withSession(token), redirect: "manual" })).status;

describe("two instances on one database", () => {
  it("a session made by signing in through A is valid on B", async () => {
    const email = `scale-${randomUUID()}@example.test`;
    const token = await signInByEmail(a, cluster.mailboxDir, email);
    const page = await fetch(`${b.url}/account`, { headers: withSession(token) });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(email);
  });

  it("a role change made on A is enforced on B's very next request", async () => {
    const [admin, colleague] = [await person("admin"), await person("user")];
    expect(await statusOf(b, "/admin/users", colleague.token)).toBe(403);
    await adminChange(a, admin, "setUserRoleAction", { userId: colleague.id, role: "admin" });
    expect(await statusOf(b, "/admin/users", colleague.token)).toBe(200);
    await adminChange(a, admin, "setUserRoleAction", { userId: colleague.id, role: "user" });
    expect(await statusOf(b, "/admin/users", colleague.token)).toBe(403);
  });

  it("a ban made on A signs the user out on B's very next request", async () => {
    const [admin, target] = [await person("admin"), await person("user")];
    expect(await statusOf(b, "/account", target.token)).toBe(200);
    await adminChange(a, admin, "banUserAction", { userId: target.id, reason: "scale test" });
    expect(await statusOf(b, "/account", target.token)).toBe(307);
  });

  it("'sign out everywhere' made on A ends the session on B's very next request", async () => {
    const [admin, target] = [await person("admin"), await person("user")];
    expect(await statusOf(b, "/account", target.token)).toBe(200);
    await adminChange(a, admin, "signOutEverywhereAction", { userId: target.id });
    expect(await statusOf(b, "/account", target.token)).toBe(307);
  });

  it("keeps one admin when the last two demote each other on different instances at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const [x, y] = [await person("admin"), await person("admin")];
      const em = await getEm();
      await em.nativeUpdate(User, { role: "admin", id: { $nin: [x.id, y.id] } }, { role: "user" });
      await Promise.all([
        // The loser is no longer an admin when its change is checked: 403, or the change refused.
        adminChange(a, x, "setUserRoleAction", { userId: y.id, role: "user" }, [200, 403]),
        adminChange(b, y, "setUserRoleAction", { userId: x.id, role: "user" }, [200, 403]),
      ]);
      expect(await (await getEm()).count(User, { role: "admin" }), `round ${round}`).toBe(1);
    }
  });
});
