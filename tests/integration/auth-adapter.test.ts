import { randomUUID } from "node:crypto";
import { statSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { MikroORM } from "@mikro-orm/core";
import type { AdapterAccount, AdapterUser } from "next-auth/adapters";
import { describe, expect, it, vi } from "vitest";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm, getOrm } from "@/lib/db/orm";
import { adapter as a } from "./support/adapter";

function profile(overrides: Partial<AdapterUser> = {}): AdapterUser {
  return {
    id: randomUUID(),
    name: "Ada Lovelace",
    email: `ada-${randomUUID()}@example.test`,
    emailVerified: null,
    image: null,
    role: "user",
    ...overrides,
  };
}

function oauthAccount(userId: string, provider = "github"): AdapterAccount {
  return {
    userId,
    type: "oauth",
    provider,
    providerAccountId: randomUUID(),
    access_token: "access",
    token_type: "bearer",
    scope: "read:user",
    expires_at: 1_900_000_000,
  };
}

describe("the process's one ORM", () => {
  it("is opened once however many callers race to open it, and the adapter uses it", async () => {
    const { closeOrm } = await import("@/lib/db/orm");
    await closeOrm();
    const init = vi.spyOn(MikroORM, "init");
    const viaAdapter = async () => {
      await Promise.all([a.getUser(randomUUID()), a.getUserByEmail("nobody@example.test")]);
      return getOrm();
    };
    const instances = await Promise.all([viaAdapter(), getOrm(), viaAdapter(), getOrm()]);
    expect(new Set(instances).size).toBe(1);
    expect(init).toHaveBeenCalledTimes(1);
    init.mockRestore();
    // The adapter's own writes are in the app's identity map's database: one pool, one connection for SQLite.
    const created = await a.createUser(profile());
    expect(await (await getEm()).count(User, { id: created.id })).toBe(1);
  });
});

describe("the process's one ORM in next dev", () => {
  it("is opened again once an entity file changes, and only then", async () => {
    const env = process.env as Record<string, string>;
    const previous = env.NODE_ENV!;
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    vi.useFakeTimers({ toFake: ["Date"] });
    env.NODE_ENV = "development";
    try {
      const before = await getOrm();
      vi.advanceTimersByTime(1500);
      expect(await getOrm(), "nothing changed").toBe(before);
      // An edit, as an editor saves it: the file's time of change moves.
      const file = join(process.cwd(), "entities", "User.ts");
      const { atime, mtime } = statSync(file);
      utimesSync(file, atime, new Date(mtime.getTime() + 5000));
      try {
        vi.advanceTimersByTime(1500);
        const after = await getOrm();
        expect(after).not.toBe(before);
        expect(await after.em.fork().count(User, {})).toBeGreaterThanOrEqual(0);
        expect(log).toHaveBeenCalledWith(expect.stringContaining("entities/ changed"));
        // The server closes it 30 s on; the test's scratch database cannot be dropped while it is open.
        await before.close(true);
      } finally {
        utimesSync(file, atime, mtime);
      }
    } finally {
      env.NODE_ENV = previous;
      vi.useRealTimers();
      log.mockRestore();
    }
  });
});

describe("another bundle's copy of the entity classes", () => {
  // A production build bundles pages and route handlers apart, each with its own copy of entities/;
  // the ORM knows only the copy it was opened with. Every adapter method must work with any copy.
  it("signs up, links, finds, unlinks and deletes", async () => {
    await getOrm();
    vi.resetModules();
    const [{ MikroOrmAdapter }, { withAppRules }, copies] = await Promise.all([
      import("@auth/mikro-orm-adapter"),
      import("@/lib/auth/adapter"),
      Promise.all([import("@/entities/User"), import("@/entities/Account"), import("@/entities/Session")]),
    ]);
    const [{ User: UserCopy }, { Account: AccountCopy }, { Session: SessionCopy }] = copies;
    expect(UserCopy).not.toBe(User);
    const other = withAppRules(
      MikroOrmAdapter(getOrm, { entities: { User: UserCopy, Account: AccountCopy, Session: SessionCopy } }),
    ) as typeof a;
    const user = await other.createUser(profile());
    const account = oauthAccount(user.id);
    await other.linkAccount(account);
    const key = { provider: account.provider, providerAccountId: account.providerAccountId };
    expect(await other.getUserByAccount(key)).toMatchObject({ id: user.id });
    expect(await other.updateUser({ id: user.id, name: "Copied" })).toMatchObject({ name: "Copied" });
    await other.unlinkAccount(key);
    await other.deleteUser(user.id);
    expect(await a.getUser(user.id)).toBeNull();
  });
});

describe("users", () => {
  it("creates a user with the default role and finds them by id and by email", async () => {
    const created = await a.createUser(profile());
    expect(created.role).toBe("user");
    expect(await a.getUser(created.id)).toMatchObject({ id: created.id, email: created.email, role: "user" });
    expect(await a.getUserByEmail(created.email)).toMatchObject({ id: created.id });
    expect(await a.getUser(randomUUID())).toBeNull();
    expect(await a.getUserByEmail("nobody@example.test")).toBeNull();
  });

  it("never takes a role from the provider's profile", async () => {
    const created = await a.createUser({ ...profile(), role: "admin" });
    expect(created.role).toBe("user");
    expect((await a.getUser(created.id))?.role).toBe("user");
  });

  it("makes an address listed in ADMIN_EMAILS an admin, whatever its case, once the provider verified it", async () => {
    const created = await a.createUser({ ...profile({ email: "Boss@Example.test" }), providerVerifiedEmail: true });
    expect(created.role).toBe("admin");
  });

  it("makes a plain user of a listed address the provider did not verify, and says why", async () => {
    await (await getEm()).nativeDelete(User, { email: "boss@example.test" });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const created = await a.createUser({ ...profile({ email: "boss@example.test" }), providerVerifiedEmail: false });
    expect(created.role).toBe("user");
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("did not verify"));
    warn.mockRestore();
  });

  it("keeps addresses apart that differ only in accents, and finds each in any case", async () => {
    const plain = await a.createUser(profile({ email: `admin-${randomUUID()}@example.test` }));
    const accented = await a.createUser(profile({ email: plain.email.replace("admin", "ådmin") }));
    expect(accented.id).not.toBe(plain.id);
    expect((await a.getUserByEmail(accented.email.toUpperCase()))?.id).toBe(accented.id);
    // "a" followed by a combining ring is the same address as "å" (NFC).
    expect((await a.getUserByEmail(plain.email.replace("admin", "a\u030Admin")))?.id).toBe(accented.id);
    expect((await a.getUserByEmail(plain.email))?.id).toBe(plain.id);
  });

  it("creates several users whose provider gives no email", async () => {
    const first = await a.createUser(profile({ email: "" }));
    const second = await a.createUser(profile({ email: "" }));
    expect(first.id).not.toBe(second.id);
    expect((await a.getUser(second.id))?.email).toBeFalsy();
  });

  it("updates a user as Auth.js does when an email link proves the address", async () => {
    const created = await a.createUser(profile());
    const emailVerified = new Date("2026-03-04T05:06:07.089Z");
    expect(await a.updateUser({ id: created.id, emailVerified })).toMatchObject({ id: created.id, emailVerified, role: "user" });
    expect((await a.getUser(created.id))?.emailVerified).toEqual(emailVerified);
  });

  it("keeps dates to the millisecond", async () => {
    const emailVerified = new Date("2026-03-04T05:06:07.089Z");
    const created = await a.createUser(profile({ emailVerified }));
    expect((await a.getUser(created.id))?.emailVerified).toEqual(emailVerified);
  });
});

describe("accounts", () => {
  it("links an account, finds the user by it, and unlinks it", async () => {
    const user = await a.createUser(profile());
    const account = oauthAccount(user.id);
    await a.linkAccount(account);
    const key = { provider: account.provider, providerAccountId: account.providerAccountId };

    expect(await a.getUserByAccount(key)).toMatchObject({ id: user.id, role: "user" });

    await a.unlinkAccount(key);
    expect(await a.getUserByAccount(key)).toBeNull();
  });

  it("finds no user for an unknown account", async () => {
    expect(await a.getUserByAccount({ provider: "github", providerAccountId: "missing" })).toBeNull();
  });
});

describe("sessions", () => {
  it("creates, reads, extends and deletes a session", async () => {
    const user = await a.createUser(profile());
    const sessionToken = randomUUID();
    const expires = new Date(Date.now() + 60_000);
    await a.createSession({ sessionToken, userId: user.id, expires });

    const found = await a.getSessionAndUser(sessionToken);
    expect(found?.user).toMatchObject({ id: user.id, email: user.email, role: "user" });
    expect(found?.session).toMatchObject({ id: expect.any(String), sessionToken, userId: user.id, expires });

    const later = new Date(Date.now() + 3_600_000);
    const updated = await a.updateSession({ sessionToken, expires: later });
    expect(updated?.expires).toEqual(later);
    expect((await a.getSessionAndUser(sessionToken))?.session.expires).toEqual(later);

    await a.deleteSession(sessionToken);
    expect(await a.getSessionAndUser(sessionToken)).toBeNull();
  });

  it("reports an unknown session as absent instead of failing", async () => {
    expect(await a.getSessionAndUser("unknown")).toBeNull();
    expect(await a.updateSession({ sessionToken: "unknown", expires: new Date() })).toBeNull();
  });

  it("sees a role change on the next read of the session", async () => {
    const user = await a.createUser(profile());
    const sessionToken = randomUUID();
    await a.createSession({ sessionToken, userId: user.id, expires: new Date(Date.now() + 60_000) });
    await (await getEm()).nativeUpdate(User, { id: user.id }, { role: "admin" });
    expect((await a.getSessionAndUser(sessionToken))?.user.role).toBe("admin");
  });
});

describe("deleting a user", () => {
  it("deletes their accounts and sessions with them", async () => {
    const user = await a.createUser(profile());
    await a.linkAccount(oauthAccount(user.id, "github"));
    await a.linkAccount(oauthAccount(user.id, "google"));
    const sessionToken = randomUUID();
    await a.createSession({ sessionToken, userId: user.id, expires: new Date(Date.now() + 60_000) });

    await a.deleteUser(user.id);

    expect(await a.getUser(user.id)).toBeNull();
    expect(await a.getSessionAndUser(sessionToken)).toBeNull();
    const em = await getEm();
    expect(await em.count(Account, { user: user.id })).toBe(0);
    expect(await em.count(Session, { user: user.id })).toBe(0);
  });
});

describe("verification tokens", () => {
  it("can be used once", async () => {
    const token = { identifier: "ada@example.test", token: randomUUID(), expires: new Date(Date.now() + 60_000) };
    await a.createVerificationToken(token);

    const used = await a.useVerificationToken({ identifier: token.identifier, token: token.token });
    expect(used).toMatchObject({ identifier: token.identifier, token: token.token });
    expect(await a.useVerificationToken({ identifier: token.identifier, token: token.token })).toBeNull();
  });
});

describe("a sign-up that fails halfway", () => {
  it("leaves no user when its first account cannot be written, so the next try can sign up", async () => {
    const taken = await a.createUser(profile());
    const account = oauthAccount(taken.id);
    await a.linkAccount(account);
    const newcomer = await a.createUser(profile());
    // The same provider account again: the unique constraint refuses it.
    await expect(a.linkAccount({ ...account, userId: newcomer.id })).rejects.toThrow();
    expect(await (await getEm()).count(User, { id: newcomer.id })).toBe(0);
  });

  it("never removes a user who already has a way to sign in", async () => {
    const existing = await a.createUser(profile());
    const first = oauthAccount(existing.id, "google");
    await a.linkAccount(first);
    await expect(a.linkAccount({ ...first, userId: existing.id })).rejects.toThrow();
    const em = await getEm();
    expect(await em.count(User, { id: existing.id })).toBe(1);
    expect(await em.count(Account, { user: existing.id })).toBe(1);
  });
});
