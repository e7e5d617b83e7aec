import "server-only";
import type { PublishedAdapter } from "@auth/mikro-orm-adapter";
import { randomUUID } from "node:crypto";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { normalizeEmail } from "@/lib/users/email";
import { roleForNewUser } from "@/lib/users/new-user-role";
import { createSession, deleteSession, findSessionAndUser, updateSession } from "./session-store";
import { provenAtInThisRequest } from "./sign-in-proof";
import { createVerificationToken, useVerificationToken } from "./verification-tokens";

/**
 * What the app changes in @auth/mikro-orm-adapter, one line each. Every
 * other method (users by id, updating and deleting users, linking and
 * unlinking accounts, making sign-in link tokens) is the adapter's own code.
 */
export function withAppRules(published: PublishedAdapter): Adapter {
  return {
    ...published,
    // A new user's role comes from ADMIN_EMAILS for a verified address, never from a profile; the email is stored normalised.
    createUser: (data) => published.createUser(newUser(data)),
    // Emails are stored normalised, so they are looked up normalised.
    getUserByEmail: (email) => published.getUserByEmail(normalizeEmail(email)),
    // A sign-up is whole or nothing: a user whose first account cannot be written is removed, so the next try can sign up.
    linkAccount: async (account) => {
      try {
        await published.linkAccount(account);
      } catch (error) {
        await removeUnfinishedSignUp(account.userId);
        throw error;
      }
    },
    // Session tokens are stored as SHA-256 hashes, with the device, IP and sign-in proof (./session-store.ts).
    createSession: (session) => createSession(session, provenAtInThisRequest()),
    getSessionAndUser: findSessionAndUser,
    updateSession,
    deleteSession,
    // The adapter never deletes an unused sign-in link's token: expired ones go, a hundred at a time, as new ones are made.
    createVerificationToken,
    // A sign-in link works once, even opened twice at the same moment (./verification-tokens.ts).
    useVerificationToken,
  };
}

/** The fields Auth.js defines, as this app stores them: no role or anything else from a provider's profile. */
function newUser(data: AdapterUser): AdapterUser {
  const email = data.email ? normalizeEmail(data.email) || null : null;
  // The email provider proves the address (emailVerified); OAuth providers say so in their profile (lib/auth/providers.ts).
  const verified = data.emailVerified instanceof Date || data.providerVerifiedEmail === true;
  return {
    id: data.id ?? randomUUID(),
    name: data.name ?? null,
    email: email as string,
    emailVerified: data.emailVerified ?? (email && verified ? new Date() : null),
    image: data.image ?? null,
    role: roleForNewUser(email, { verified }),
  };
}

/** Removes a user that has nothing to sign in with yet: no account, no session, no proved address. */
async function removeUnfinishedSignUp(userId: string): Promise<void> {
  const em = await getEm();
  const unfinished = await em.count(User, { id: userId, emailVerified: null, accounts: { $none: {} }, sessions: { $none: {} } });
  if (unfinished > 0) await em.nativeDelete(User, { id: userId });
}
