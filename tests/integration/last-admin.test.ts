/**
 * There is always at least one admin: the last one cannot be demoted, banned
 * or deleted, by themself or anyone, even when many admins act at once.
 * Run against SQLite, and PostgreSQL and MariaDB when configured, where the
 * row locks do the work.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { AuditLog } from "@/entities/AuditLog";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { signedInAs } from "./support/sessions";
import type { Role } from "@/config/roles";
import { COMMAND_LINE_ACTOR, type Actor } from "@/lib/audit/actor";
import { banUser, deleteUser, setUserRole } from "@/lib/users/changes";
import { UserActionError } from "@/lib/users/errors";

async function createUsers(count: number, role: Role): Promise<User[]> {
  const em = await getEm();
  const users = Array.from({ length: count }, () =>
    em.create(User, { name: `${role} ${randomUUID().slice(0, 6)}`, email: `${role}-${randomUUID()}@example.test`, role }),
  );
  await em.flush();
  for (const user of users) await signedInAs(user.id);
  return users;
}

/** Keeps the admins of one scenario apart from every other test's. */
async function demoteEveryone(): Promise<void> {
  const em = await getEm();
  await em.nativeUpdate(User, { role: "admin" }, { role: "user" });
}

function as(actor: User): Actor {
  return { id: actor.id, email: actor.email ?? null, ip: "198.51.100.1" };
}

async function activeAdmins(): Promise<User[]> {
  const em = await getEm();
  return em.find(User, { role: "admin", bannedAt: null });
}

describe("the last admin", () => {
  it("cannot demote themself", async () => {
    await demoteEveryone();
    const [admin] = await createUsers(1, "admin");
    await expect(setUserRole(admin!.id, "user", as(admin!))).rejects.toThrow(/is the last admin and cannot be demoted/);
    expect((await activeAdmins()).map((user) => user.id)).toEqual([admin!.id]);
  });

  it("cannot be banned or deleted, even from the command line, once the others are gone", async () => {
    await demoteEveryone();
    const [first, second] = await createUsers(2, "admin");
    expect(await setUserRole(first!.id, "user", as(second!))).toContain("is now user");
    await expect(banUser(second!.id, { reason: "no", until: null }, as(first!))).rejects.toThrow(/no longer make this change/);
    await expect(banUser(second!.id, { reason: "no", until: null }, COMMAND_LINE_ACTOR)).rejects.toThrow(/last admin and cannot be banned/);
    await expect(deleteUser(second!.id, COMMAND_LINE_ACTOR)).rejects.toThrow(/last admin and cannot be deleted/);
    const em = await getEm();
    expect(await em.count(Session, { user: second!.id }), "a refused ban ends no session").toBe(1);
    expect(await em.count(AuditLog, { targetId: second!.id }), "a refused change is not audited").toBe(0);
  });

  it("is not counted when banned: a banned admin does not keep the area open", async () => {
    await demoteEveryone();
    const [first, second] = await createUsers(2, "admin");
    await banUser(first!.id, { reason: "compromised", until: null }, as(second!));
    await expect(setUserRole(second!.id, "user", as(second!))).rejects.toThrow(/last admin/);
  });

  it("survives two admins demoting each other at the same moment", async () => {
    for (let round = 0; round < 10; round++) {
      await demoteEveryone();
      const [first, second] = await createUsers(2, "admin");
      const results = await Promise.allSettled([setUserRole(second!.id, "user", as(first!)), setUserRole(first!.id, "user", as(second!))]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((result) => result.status === "rejected");
      expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(UserActionError);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });

  it("survives many concurrent demotions, bans and deletions", async () => {
    for (let round = 0; round < 5; round++) {
      await demoteEveryone();
      const admins = await createUsers(6, "admin");
      const attempts = Array.from({ length: 36 }, (_, index) => {
        const actor = admins[index % admins.length]!;
        const target = admins[(index * 5 + 1 + round) % admins.length]!;
        const change = [
          () => setUserRole(target.id, "user", as(actor)),
          () => banUser(target.id, { reason: "concurrency test", until: null }, as(actor)),
          () => deleteUser(target.id, as(actor)),
        ][index % 3]!;
        return change();
      });
      const results = await Promise.allSettled(attempts);
      for (const result of results) {
        if (result.status === "rejected") {
          // Refusals only: the last-admin rule, a self-ban or self-delete, or a target already deleted.
          expect(result.reason).toBeInstanceOf(UserActionError);
        }
      }
      const remaining = await activeAdmins();
      expect(remaining.length, `round ${round}`).toBeGreaterThanOrEqual(1);
      expect(remaining.every((admin) => admins.some((created) => created.id === admin.id))).toBe(true);
    }
  });

  it("never deadlocks two changes whose target sorts before an admin the other holds", async () => {
    // Two moderators ban each other while the one admin's id sorts after both: each change locks its
    // actor, then the admin; locking the target after that (as this code once did) waits on the other.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      for (let round = 0; round < 5; round++) {
        await demoteEveryone();
        const em = await getEm();
        const [first, second] = ["0", "1"].map((prefix) =>
          em.create(User, {
            id: `${prefix}${randomUUID().slice(1)}`,
            name: "moderator",
            email: `moderator-${randomUUID()}@example.test`,
            role: "moderator",
          }),
        );
        em.create(User, { id: `f${randomUUID().slice(1)}`, name: "admin", email: `admin-${randomUUID()}@example.test`, role: "admin" });
        await em.flush();
        const results = await Promise.allSettled([
          banUser(second!.id, { reason: "each other", until: null }, as(first!)),
          banUser(first!.id, { reason: "each other", until: null }, as(second!)),
        ]);
        expect(
          results.filter((result) => result.status === "fulfilled"),
          `round ${round}`,
        ).toHaveLength(1);
      }
      expect(warn.mock.calls.filter(([message]) => String(message).includes("ended by the database"))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
