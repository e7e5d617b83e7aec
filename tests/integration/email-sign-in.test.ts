/**
 * What an email link's sign-in does to accounts: a new user's address is
 * verified (so ADMIN_EMAILS applies), and the first proof of an address
 * takes over an account that never proved it (pre-hijacking).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Account } from "@/entities/Account";
import { AuditLog } from "@/entities/AuditLog";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { claimUnprovenAddress } from "@/lib/auth/email-sign-in";
import { getEm } from "@/lib/db/orm";
import { signedInAs } from "./support/sessions";
import { adapter as a } from "./support/adapter";

async function userWithProvider(emailVerified: Date | null): Promise<User> {
  const em = await getEm();
  const user = em.create(User, { name: "Maybe", email: `claim-${randomUUID()}@example.test`, emailVerified });
  em.create(Account, { user, userId: user.id, type: "oidc", provider: "github", providerAccountId: randomUUID() });
  await em.flush();
  await signedInAs(user.id);
  return user;
}

async function counts(userId: string) {
  const em = await getEm();
  return {
    accounts: await em.count(Account, { user: userId }),
    sessions: await em.count(Session, { user: userId }),
    audits: await em.count(AuditLog, { targetId: userId, action: "claim_address" }),
  };
}

describe("a user made by an email link", () => {
  it("has a verified address, so ADMIN_EMAILS applies", async () => {
    const user = await a.createUser({ id: randomUUID(), email: "Boss@Example.test", emailVerified: new Date(), name: null, role: "user" });
    expect(user.role).toBe("admin");
    expect((await (await getEm()).findOneOrFail(User, { id: user.id })).emailVerified).toBeInstanceOf(Date);
  });
});

describe("the first proof of an address", () => {
  it("removes the sign-in methods and sessions of an account whose address was never proved, audited", async () => {
    const user = await userWithProvider(null);
    await claimUnprovenAddress(user.id);
    expect(await counts(user.id)).toEqual({ accounts: 0, sessions: 0, audits: 1 });
    const audit = await (await getEm()).findOneOrFail(AuditLog, { targetId: user.id, action: "claim_address" });
    expect(audit.before).toEqual({ methods: "github", sessions: 1 });
  });

  it("leaves an account whose address was proved alone", async () => {
    const user = await userWithProvider(new Date());
    await claimUnprovenAddress(user.id);
    expect(await counts(user.id)).toEqual({ accounts: 1, sessions: 1, audits: 0 });
  });

  it("records nothing when there was nothing to remove", async () => {
    const em = await getEm();
    const user = em.create(User, { name: "Fresh", email: `fresh-${randomUUID()}@example.test` });
    await em.flush();
    await claimUnprovenAddress(user.id);
    await claimUnprovenAddress(randomUUID());
    expect(await counts(user.id)).toEqual({ accounts: 0, sessions: 0, audits: 0 });
  });
});
