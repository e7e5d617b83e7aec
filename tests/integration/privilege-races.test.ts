/**
 * An admin who is being banned or demoted cannot undo it, nor slip in a
 * change after it: each change re-checks its actor under the same locks as
 * the change. Tried with the requests racing, on every configured database.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AuditLog } from "@/entities/AuditLog";
import { User } from "@/entities/User";
import type { Actor } from "@/lib/audit/actor";
import { getEm } from "@/lib/db/orm";
import { banUser, setUserRole, unbanUser } from "@/lib/users/changes";
import { UserActionError } from "@/lib/users/errors";

async function createAdmins(count: number): Promise<User[]> {
  const em = await getEm();
  const admins = Array.from({ length: count }, () =>
    em.create(User, { name: "Racer", email: `racer-${randomUUID()}@example.test`, role: "admin" }),
  );
  await em.flush();
  return admins;
}

const as = (user: User): Actor => ({ id: user.id, email: user.email ?? null, ip: "198.51.100.2" });

/** The audit log of a set of users, oldest first. */
async function auditOf(users: User[]): Promise<AuditLog[]> {
  const ids = users.map((user) => user.id);
  return (await getEm()).find(AuditLog, { targetId: { $in: ids } }, { orderBy: { createdAt: "asc", id: "asc" } });
}

/** Every change made by `actor` happened before `cutoff` (the ban or demotion of `actor`). */
function nothingAfter(entries: AuditLog[], actor: User, cutoff: AuditLog): void {
  const late = entries.filter((entry) => entry.actorId === actor.id && entry.createdAt > cutoff.createdAt);
  expect(late, "a change by the actor after their ban or demotion").toEqual([]);
}

function expectRefusalsOnly(results: PromiseSettledResult<unknown>[]): void {
  for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(UserActionError);
}

describe("an admin under a ban", () => {
  it("cannot unban themself, however the requests race", async () => {
    for (let round = 0; round < 5; round++) {
      const [banned, banning] = await createAdmins(2);
      const results = await Promise.allSettled([
        ...Array.from({ length: 4 }, () => unbanUser(banned!.id, as(banned!))),
        banUser(banned!.id, { reason: "compromised", until: null }, as(banning!)),
        ...Array.from({ length: 4 }, () => unbanUser(banned!.id, as(banned!))),
      ]);
      expectRefusalsOnly(results);
      expect((await (await getEm()).findOneOrFail(User, banned!.id)).bannedAt).not.toBeNull();
      expect((await auditOf([banned!])).map((entry) => entry.action)).toEqual(["ban"]);
    }
  });

  it("makes no change after the ban commits", async () => {
    for (let round = 0; round < 5; round++) {
      const [banned, banning, bystander] = await createAdmins(3);
      const changes = Array.from({ length: 6 }, (_, index) => setUserRole(bystander!.id, index % 2 === 0 ? "user" : "admin", as(banned!)));
      const results = await Promise.allSettled([
        ...changes.slice(0, 3),
        banUser(banned!.id, { reason: "compromised", until: null }, as(banning!)),
        ...changes.slice(3),
      ]);
      expectRefusalsOnly(results);
      const entries = await auditOf([banned!, bystander!]);
      nothingAfter(
        entries,
        banned!,
        entries.find((entry) => entry.action === "ban")!,
      );
    }
  });
});

describe("an admin being demoted", () => {
  it("cannot promote themself back, nor change anything after the demotion", async () => {
    for (let round = 0; round < 5; round++) {
      const [demoted, demoting, bystander] = await createAdmins(3);
      const results = await Promise.allSettled([
        setUserRole(demoted!.id, "admin", as(demoted!)),
        setUserRole(bystander!.id, "user", as(demoted!)),
        setUserRole(demoted!.id, "user", as(demoting!)),
        setUserRole(demoted!.id, "admin", as(demoted!)),
        setUserRole(bystander!.id, "admin", as(demoted!)),
      ]);
      expectRefusalsOnly(results);
      expect((await (await getEm()).findOneOrFail(User, demoted!.id)).role).toBe("user");
      const entries = await auditOf([demoted!, bystander!]);
      const demotion = entries.find((entry) => entry.targetId === demoted!.id && entry.after?.role === "user")!;
      expect(demotion.actorId).toBe(demoting!.id);
      nothingAfter(entries, demoted!, demotion);
    }
  });
});
