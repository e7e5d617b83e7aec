import "server-only";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { Session } from "../entities/Session";
import { User } from "../entities/User";
import { getEm, getRawAdapter } from "./db";
import { roleForNewUser } from "./users";

type AdapterMethod = Exclude<keyof Adapter, "getAuthenticator" | "createAuthenticator" | "listAuthenticatorsByUserId" | "updateAuthenticatorCounter" | "getAccount">;

/** Forwards a method to the published adapter once the database is open. */
function forward<K extends AdapterMethod>(name: K): NonNullable<Adapter[K]> {
  const method = async (...args: unknown[]) => {
    const adapter = await getRawAdapter();
    const target = adapter[name] as (...params: unknown[]) => unknown;
    return target.apply(adapter, args);
  };
  return method as NonNullable<Adapter[K]>;
}

function toAdapterUser(user: User): AdapterUser {
  return {
    id: user.id,
    name: user.name ?? null,
    email: user.email ?? "",
    emailVerified: user.emailVerified,
    image: user.image ?? null,
    role: user.role,
  };
}

/**
 * `@auth/mikro-orm-adapter` with what it gets wrong on MikroORM 6 mended:
 * - createUser keeps only the profile fields Auth.js defines, so a provider
 *   cannot set a role, and assigns the role itself;
 * - getUserByAccount returns null (not a crash) when the account has no user;
 * - updateSession checks the session exists before writing to it.
 * Everything else is the adapter's own code.
 */
export const authAdapter: Adapter = {
  async createUser(data) {
    const em = await getEm();
    const user = em.create(User, {
      id: data.id,
      name: data.name ?? null,
      email: data.email || null,
      emailVerified: data.emailVerified ?? null,
      image: data.image ?? null,
      role: roleForNewUser(data.email),
    });
    await em.flush();
    return toAdapterUser(user);
  },
  getUser: forward("getUser"),
  getUserByEmail: forward("getUserByEmail"),
  async getUserByAccount(account) {
    const em = await getEm();
    const user = await em.findOne(User, {
      accounts: { provider: account.provider, providerAccountId: account.providerAccountId },
    });
    return user ? toAdapterUser(user) : null;
  },
  updateUser: forward("updateUser"),
  deleteUser: forward("deleteUser"),
  linkAccount: forward("linkAccount"),
  unlinkAccount: forward("unlinkAccount"),
  createSession: forward("createSession"),
  getSessionAndUser: forward("getSessionAndUser"),
  async updateSession(data) {
    const em = await getEm();
    const session = await em.findOne(Session, { sessionToken: data.sessionToken });
    if (!session) return null;
    if (data.expires) session.expires = data.expires;
    await em.flush();
    return { sessionToken: session.sessionToken, userId: session.user.id, expires: session.expires };
  },
  deleteSession: forward("deleteSession"),
  createVerificationToken: forward("createVerificationToken"),
  useVerificationToken: forward("useVerificationToken"),
};
