import { randomUUID } from "node:crypto";
import { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import type { DatabaseTarget } from "../../config/database-url";
import { createOrmConfig } from "../../config/mikro-orm";
import { Session } from "../../entities/Session";
import { User } from "../../entities/User";
import { demoSession, insertInBatches, PLAIN, seedUsers } from "../../scripts/lib/seed";

/** The load part's people: sessions for page views and admins, users whose role changes, and filler. */
export async function seedLoadMix(target: DatabaseTarget, counts: { people: number; admins: number; targets: number; filler: number }) {
  const orm = await MikroORM.init(createOrmConfig(target));
  try {
    const em = orm.em.fork() as EntityManager;
    await seedUsers(em, 0, counts.filler, "load.example", PLAIN);
    const now = new Date();
    const user = (role: "user" | "admin", label: string, index: number) => ({
      id: randomUUID(),
      name: `Load ${label} ${index}`,
      nameSearch: `load ${label} ${index}`,
      email: `${label}-${index}@load.example`,
      role,
      createdAt: new Date(now.getTime() - index * 1000),
    });
    const people = Array.from({ length: counts.people }, (_, index) => user("user", "person", index));
    const admins = Array.from({ length: counts.admins }, (_, index) => user("admin", "admin", index));
    const targets = Array.from({ length: counts.targets }, (_, index) => user("user", "target", index));
    await insertInBatches(em, User, [...people, ...admins, ...targets]);
    const peopleSessions = people.map((person) => demoSession(person.id, now));
    const adminSessions = admins.map((admin) => demoSession(admin.id, now));
    await insertInBatches(
      em,
      Session,
      [...peopleSessions, ...adminSessions].map((session) => session.row),
    );
    return {
      users: people.length + admins.length + targets.length + counts.filler,
      peopleTokens: peopleSessions.map((session) => session.token),
      adminTokens: adminSessions.map((session) => session.token),
      targetIds: targets.map((target) => target.id),
    };
  } finally {
    await orm.close(true);
  }
}
