import "server-only";
import { DeadlockException, LockMode, LockWaitTimeoutException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { getEnv } from "@/config/env";
import { ADMIN_ROLE, hasPermission, outranksOrEquals, type Permission } from "@/config/roles";
import { User } from "@/entities/User";
import type { Actor } from "@/lib/audit/actor";
import { getEm } from "@/lib/db/orm";
import { banApplies } from "./ban";
import { UserActionError } from "./errors";
import { userLabel } from "./label";

/**
 * Runs a change to a user, by an actor who needs `permission`, in one
 * transaction that first locks every admin row, the actor's and the
 * target's, in one statement and in id order, so two changes cannot deadlock
 * on them (locking the target afterwards could: its row may sort before an
 * admin's that another change holds while waiting for it). Under those locks it
 * checks, again, that the actor still holds the permission, is not banned,
 * and may act on the target (their role grants all the target's does): a
 * ban or demotion of the actor that committed first refuses their change.
 * And two concurrent changes cannot both see "another admin remains" and
 * together remove the last one. SQLite has no row locks; a write to those
 * rows takes its database write lock instead. A transaction the database
 * chose as a deadlock victim is retried.
 */
export async function changeUser<T>(
  targetId: string,
  actor: Actor,
  permission: Permission,
  work: (em: EntityManager, target: User, admins: User[]) => Promise<T>,
): Promise<T> {
  const sqlite = getEnv().DATABASE_URL.dialect === "sqlite";
  const lock = sqlite ? {} : { lockMode: LockMode.PESSIMISTIC_WRITE as const };
  const ids = actor.id === null ? [targetId] : [targetId, actor.id];
  const locked = { $or: [{ role: ADMIN_ROLE }, { id: { $in: ids } }] };
  for (let attempt = 1; ; attempt++) {
    const em = await getEm();
    try {
      return await em.transactional(async (tx) => {
        // SQLite: any write takes the database's write lock, which these rows' locks stand for.
        if (sqlite) await tx.nativeUpdate(User, { role: ADMIN_ROLE }, { role: ADMIN_ROLE });
        const rows = await tx.find(User, locked, { ...lock, orderBy: { id: "asc" } });
        const admins = rows.filter((row) => row.role === ADMIN_ROLE);
        const self = rows.find((row) => row.id === actor.id);
        // The command line (no actor id) acts with the server's own authority.
        if (actor.id !== null && (!self || !hasPermission(self.role, permission) || banApplies(self.bannedAt, self.bannedUntil))) {
          throw new UserActionError("You may no longer make this change, so it was not made.");
        }
        const target = rows.find((row) => row.id === targetId);
        if (!target) throw new UserActionError("That user no longer exists.");
        if (self && target.id !== self.id && !outranksOrEquals(self.role, target.role)) {
          throw new UserActionError(`You cannot act on ${userLabel(target)}: their role (${target.role}) can do things yours cannot.`);
        }
        return work(tx, target, admins);
      });
    } catch (error) {
      const retryable = error instanceof DeadlockException || error instanceof LockWaitTimeoutException;
      if (!retryable || attempt >= 3) throw error;
      // The locks above are taken in one order, so this should not happen: say so where it can be seen.
      console.warn(`A change to user ${targetId} was ended by the database (${error.name}); trying again (attempt ${attempt + 1} of 3).`);
    }
  }
}
