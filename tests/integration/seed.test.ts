/** `npm run db:seed`'s work (scripts/lib/seed.ts) on each database: a spread of demo data, and no mixing with real users. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Account } from "@/entities/Account";
import { AuditLog } from "@/entities/AuditLog";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { findSessionAndUser } from "@/lib/auth/session-store";
import { DEMO_ACTOR, demoSession, seedDemoUsers } from "@/scripts/lib/seed";

describe("demo data", () => {
  it("has users with a spread of roles, bans, accounts, sessions and audit entries, and adds more on a second run", async () => {
    const em = await getEm();
    expect(await seedDemoUsers(em, 2_500)).toBe(0);
    expect(await seedDemoUsers(em, 100)).toBe(2_500);
    expect(await em.count(User)).toBe(2_600);
    expect(await em.count(User, { role: "admin" })).toBeGreaterThan(0);
    expect(await em.count(User, { role: "admin" })).toBeLessThan(10);
    expect(await em.count(User, { bannedAt: { $ne: null } })).toBeGreaterThan(40);
    expect(await em.count(User, { bannedUntil: { $ne: null } })).toBeGreaterThan(0);
    expect(await em.count(Account)).toBe(2_600);
    expect(await em.count(Session)).toBeGreaterThan(200);
    expect(await em.count(AuditLog)).toBeGreaterThan(40);
    expect(await em.count(AuditLog, { actorEmail: { $ne: DEMO_ACTOR } }), "demo entries say they are").toBe(0);
    expect(await em.count(User, { email: "user-0002599@demo.example" })).toBe(1);
  });

  it("gives sessions that sign in, as the benchmarks use them", async () => {
    const em = await getEm();
    const user = em.create(User, { name: "Demo", email: `demo-session-${randomUUID()}@demo.example` });
    await em.flush();
    const session = demoSession(user.id);
    await em.insert(Session, session.row);
    expect((await findSessionAndUser(session.token))?.user.id).toBe(user.id);
  });

  it("refuses a database with users of its own, unless told", async () => {
    const em = await getEm();
    em.create(User, { name: "Real", email: `real-${randomUUID()}@example.test` });
    await em.flush();
    const before = await em.count(User);
    await expect(seedDemoUsers(em, 10)).rejects.toThrow(/users? of its own.*--force/);
    expect(await em.fork().count(User)).toBe(before);
    await seedDemoUsers(em, 10, { force: true });
    expect(await em.fork().count(User)).toBe(before + 10);
  });
});
