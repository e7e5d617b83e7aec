/**
 * Sudo mode, row by row of lib/auth/sensitive-actions.ts: with a session
 * whose sign-in is older than REAUTH_WINDOW, every action the list names
 * answers "reauthenticate" when its rule applies, and changes nothing; when
 * the rule does not apply, or the sign-in is fresh, the action goes ahead.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { testRequest as request } from "./support/next-headers";

vi.mock("next/headers", () => import("./support/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// A provider to connect.
process.env.AUTH_LOCAL_OIDC_ISSUER = "http://127.0.0.1:9";

const { SENSITIVE_ACTIONS } = await import("@/lib/auth/sensitive-actions");
const adminActions = await import("@/app/admin/users/actions");
const accountActions = await import("@/app/account/actions");
const authActions = await import("@/app/(auth)/actions");
const { getEm } = await import("@/lib/db/orm");
const { Account } = await import("@/entities/Account");
const { Authenticator } = await import("@/entities/Authenticator");
const { Session } = await import("@/entities/Session");
const { User } = await import("@/entities/User");
const { hashSessionToken } = await import("@/lib/auth/session-store");
const { signedInAs } = await import("./support/sessions");

type Role = "user" | "admin";

async function person(role: Role, { accounts = 0, session = false } = {}) {
  const em = await getEm();
  const user = em.create(User, { name: `Sudo ${role}`, email: `sudo-${randomUUID()}@example.test`, role });
  for (let index = 0; index < accounts; index++)
    em.create(Account, { user, type: "oidc", provider: "local", providerAccountId: randomUUID() });
  await em.flush();
  return { id: user.id, token: session ? await signedInAs(user.id) : undefined };
}

/** Signs in as a fresh admin whose sign-in is `minutesAgo` old; two other admins keep the last-admin rule out of the way. */
async function actingAdmin(minutesAgo: number) {
  await person("admin");
  const admin = await person("admin", { accounts: 2, session: true });
  const em = await getEm();
  await em.nativeUpdate(
    Session,
    { tokenHash: hashSessionToken(admin.token!) },
    { authenticatedAt: new Date(Date.now() - minutesAgo * 60_000) },
  );
  request.cookie = `authjs.session-token=${admin.token}`;
  return admin;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

/** The action's result, or what it redirected to (a sign-in started, or the users list after a delete). */
async function outcome(call: () => Promise<{ status: string }>): Promise<string> {
  try {
    return (await call()).status;
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return "redirected";
    throw error;
  }
}

/** For each listed action: an attempt where its rule applies, and one where it does not (null: it always applies). */
const cases: Record<
  keyof typeof SENSITIVE_ACTIONS,
  { applies: () => Promise<() => Promise<{ status: string }>>; doesNot: (() => Promise<() => Promise<{ status: string }>>) | null }
> = {
  setUserRole: {
    applies: async () => {
      // Not only admins: a stale session making anyone staff (a moderator) is refused too.
      const target = await person("user");
      return () => adminActions.setUserRoleAction(null, form({ userId: target.id, role: "moderator" }));
    },
    doesNot: async () => {
      const target = await person("user");
      return () => adminActions.setUserRoleAction(null, form({ userId: target.id, role: "user" }));
    },
  },
  banUser: {
    applies: async () => {
      const target = await person("admin");
      return () => adminActions.banUserAction(null, form({ userId: target.id }));
    },
    doesNot: async () => {
      const target = await person("user");
      return () => adminActions.banUserAction(null, form({ userId: target.id }));
    },
  },
  unbanUser: {
    applies: async () => {
      const target = await person("user");
      return () => adminActions.unbanUserAction(null, form({ userId: target.id }));
    },
    doesNot: null,
  },
  signOutEverywhere: {
    applies: async () => {
      const target = await person("admin", { session: true });
      return () => adminActions.signOutEverywhereAction(null, form({ userId: target.id }));
    },
    doesNot: async () => {
      const target = await person("user", { session: true });
      return () => adminActions.signOutEverywhereAction(null, form({ userId: target.id }));
    },
  },
  endUserSession: {
    applies: async () => {
      const target = await person("admin", { session: true });
      const session = await (await getEm()).findOneOrFail(Session, { user: target.id });
      return () => adminActions.endUserSessionAction(null, form({ userId: target.id, sessionId: session.id }));
    },
    doesNot: async () => {
      const target = await person("user", { session: true });
      const session = await (await getEm()).findOneOrFail(Session, { user: target.id });
      return () => adminActions.endUserSessionAction(null, form({ userId: target.id, sessionId: session.id }));
    },
  },
  deleteUser: {
    applies: async () => {
      const target = await person("user");
      return () => adminActions.deleteUserAction(null, form({ userId: target.id, confirm: "delete" }));
    },
    doesNot: null,
  },
  connectProvider: {
    applies: async () => () => authActions.connectProvider(null, form({ provider: "local" })),
    doesNot: null,
  },
  impersonateUser: {
    applies: async () => {
      const target = await person("user");
      return () => adminActions.impersonateUserAction(null, form({ userId: target.id }));
    },
    doesNot: null,
  },
  addPasskey: {
    applies: async () => () => accountActions.addPasskeyAction(null, form({ name: "Laptop" })),
    doesNot: null,
  },
  removePasskey: {
    applies: async () => {
      const em = await getEm();
      const userId = (await currentUserId())!;
      const credentialID = randomUUID();
      const account = em.create(Account, { user: userId, type: "webauthn", provider: "passkey", providerAccountId: credentialID });
      const passkey = em.create(Authenticator, {
        credentialID,
        user: userId,
        account,
        providerAccountId: credentialID,
        credentialPublicKey: "key",
        counter: 0,
        credentialDeviceType: "singleDevice",
        credentialBackedUp: false,
        name: "Old phone",
      });
      await em.flush();
      return () => accountActions.removePasskeyAction(null, form({ passkeyId: passkey.id }));
    },
    doesNot: null,
  },
  disconnectSignInMethod: {
    applies: async () => {
      const account = await (await getEm()).findOneOrFail(Account, { user: (await currentUserId())! }, { orderBy: { id: "asc" } });
      return () => accountActions.disconnectAction(null, form({ accountId: account.id }));
    },
    doesNot: null,
  },
};

async function currentUserId(): Promise<string | undefined> {
  const token = /authjs\.session-token=([^;]+)/.exec(request.cookie)?.[1];
  return token
    ? (await (await getEm()).findOneOrFail(Session, { tokenHash: hashSessionToken(token) }, { populate: ["user"] })).user.id
    : undefined;
}

describe.each(Object.entries(SENSITIVE_ACTIONS))("%s (needs a recent sign-in when: %s)", (name) => {
  const entry = cases[name as keyof typeof SENSITIVE_ACTIONS];

  it("asks a stale session to sign in again where the rule applies, and changes nothing", async () => {
    await actingAdmin(60);
    const attempt = await entry.applies();
    const em = await getEm();
    const before = [
      await em.count(User),
      await em.count(Session),
      await em.count(Account),
      JSON.stringify(await em.find(User, {}, { fields: ["role", "bannedAt"], orderBy: { id: "asc" } })),
    ];
    expect(await outcome(attempt)).toBe("reauthenticate");
    const after = [
      await em.fork().count(User),
      await em.fork().count(Session),
      await em.fork().count(Account),
      JSON.stringify(await em.fork().find(User, {}, { fields: ["role", "bannedAt"], orderBy: { id: "asc" } })),
    ];
    expect(after).toEqual(before);
  });

  it("goes ahead where the rule does not apply, or with a fresh sign-in", async () => {
    if (entry.doesNot) {
      await actingAdmin(60);
      expect(await outcome(await entry.doesNot())).not.toBe("reauthenticate");
    }
    await actingAdmin(1);
    expect(await outcome(await entry.applies())).not.toBe("reauthenticate");
  });
});
