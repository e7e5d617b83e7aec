import "server-only";
import type { PublishedAdapter } from "@auth/mikro-orm-adapter";
import { randomUUID } from "node:crypto";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { Account } from "@/entities/Account";
import { User } from "@/entities/User";
import { getEm, getOrm, openOrmThrough } from "@/lib/db/orm";
import { normalizeEmail } from "@/lib/users/email";
import { roleForNewUser } from "@/lib/users/new-user-role";
import { createSession, deleteSession, findSessionAndUser, updateSession } from "./session-store";
import { holdNewUser, provenAtInThisRequest, takeNewUser, type NewUser } from "./sign-in-context";
import { createVerificationToken, useVerificationToken } from "./verification-tokens";

function toAdapterUser(user: User | NewUser): AdapterUser {
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? "",
    emailVerified: user.emailVerified,
    image: user.image ?? null,
    role: user.role,
  };
}

/** The columns of an Account: a provider's token response can carry more (`expires_in`, say), which is not stored. */
function accountFields(account: AdapterAccount) {
  const { type, provider, providerAccountId, refresh_token, access_token, expires_at, token_type, scope, id_token, session_state } = account;
  return { type, provider, providerAccountId, refresh_token, access_token, expires_at, token_type, scope, id_token, session_state: session_state as string | undefined };
}

/** Writes a user createUser held back (lib/auth/sign-in-context.ts), if this is it. */
async function writeHeldUser(userId: string): Promise<void> {
  const held = takeNewUser(userId);
  if (!held) return;
  const em = await getEm();
  em.create(User, held);
  await em.flush();
}

/** The profile fields Auth.js defines: a provider's profile can set nothing else (a role least of all). */
function profileFields(user: Partial<AdapterUser>) {
  const { name, email, emailVerified, image } = user;
  return Object.fromEntries(
    Object.entries({ name, email: email ? normalizeEmail(email) : undefined, emailVerified, image }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}

/**
 * @auth/mikro-orm-adapter with the app's rules. What changes:
 * - its MikroORM instance becomes the app's one instance (lib/db/orm.ts), and
 *   each call waits for it to be open, so concurrent first calls cannot open
 *   two;
 * - createUser and updateUser keep only Auth.js's profile fields, and a new
 *   user's role comes from ADMIN_EMAILS, for an address the provider
 *   verified (never from a provider's profile);
 * - emails are stored and looked up normalised (lib/users/email.ts);
 * - getUserByAccount returns null, not a crash, for an account without a user;
 * - the session methods are the app's session store
 *   (lib/auth/session-store.ts): tokens bound as driver parameters, one
 *   indexed query per request, and "last active" dated on sign-in and
 *   extension;
 * - an email sign-in link's token is used up atomically, once
 *   (lib/auth/verification-tokens.ts).
 * Everything else (users by id and email, deleting users, linking accounts)
 * is the adapter's own code.
 */
export function withAppRules(published: PublishedAdapter): Adapter {
  openOrmThrough(published);
  const opened =
    <A extends unknown[], R>(method: (...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      await getOrm();
      return await method(...args);
    };
  return {
    async createUser(data) {
      const em = await getEm();
      const email = data.email ? normalizeEmail(data.email) || null : null;
      // The email provider proves the address (emailVerified); OAuth providers say so in their profile.
      const verified = data.emailVerified instanceof Date || data.providerVerifiedEmail === true;
      const emailVerified = data.emailVerified ?? (email && verified ? new Date() : null);
      const user: NewUser = {
        id: data.id ?? randomUUID(),
        name: data.name ?? null,
        email,
        emailVerified,
        image: data.image ?? null,
        role: roleForNewUser(email, { verified }),
      };
      // During a sign-in the user is written with its account or first session (atomic sign-up).
      if (!holdNewUser(user)) {
        em.create(User, user);
        await em.flush();
      }
      return toAdapterUser(user);
    },
    getUser: opened(published.getUser),
    getUserByEmail: opened((email: string) => published.getUserByEmail(normalizeEmail(email))),
    async getUserByAccount({ provider, providerAccountId }) {
      const em = await getEm();
      const user = await em.findOne(User, { accounts: { provider, providerAccountId } });
      return user ? toAdapterUser(user) : null;
    },
    updateUser: opened((user: Partial<AdapterUser> & Pick<AdapterUser, "id">) =>
      published.updateUser({ id: user.id, ...profileFields(user) }),
    ),
    deleteUser: opened(async (id: string) => void (await published.deleteUser(id))),
    async linkAccount(account) {
      const held = takeNewUser(account.userId);
      await (await getEm()).transactional(async (tx) => {
        const user = held ? tx.create(User, held) : await tx.findOneOrFail(User, { id: account.userId });
        tx.create(Account, { ...accountFields(account), user, userId: user.id });
      });
    },
    unlinkAccount: opened(async (account: Pick<AdapterAccount, "provider" | "providerAccountId">) => {
      await published.unlinkAccount(account);
    }),
    async createSession(session) {
      await writeHeldUser(session.userId);
      return createSession(session, provenAtInThisRequest());
    },
    getSessionAndUser: findSessionAndUser,
    updateSession,
    deleteSession,
    createVerificationToken,
    useVerificationToken,
  };
}
