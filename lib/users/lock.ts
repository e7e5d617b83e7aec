import "server-only";
import { LockMode } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { getDatabaseTarget } from "@/config/env";
import { User } from "@/entities/User";

/**
 * Locks a user's row until `tx` ends, so checks made under it hold for the
 * write that follows, and returns it. SQLite has no row locks: a write takes
 * the database's write lock, which stands in for this one.
 */
export async function lockUser(tx: EntityManager, userId: string): Promise<User> {
  const sqlite = getDatabaseTarget().dialect === "sqlite";
  if (sqlite) await tx.nativeUpdate(User, { id: userId }, { id: userId });
  return tx.findOneOrFail(User, { id: userId }, sqlite ? {} : { lockMode: LockMode.PESSIMISTIC_WRITE });
}
