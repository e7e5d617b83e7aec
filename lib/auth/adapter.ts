import "server-only";
import type { PublishedAdapter } from "@auth/mikro-orm-adapter";
import { randomUUID } from "node:crypto";
import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import { Account } from "@/entities/Account";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { normalizeEmail } from "@/lib/users/email";
import { notifySignInMethodChange } from "@/lib/users/notices";
import { roleForNewUser } from "@/lib/users/new-user-role";
import { createAuthenticator, getAccount, getAuthenticator, listAuthenticatorsByUserId, updateAuthenticatorCounter } from "./passkeys";
import { providerName } from "./providers";
import { createSession, deleteSession, findSessionAndUser, updateSession } from "./session-store";
import { proofInThisRequest } from "./sign-in-proof";
import { createVerificationToken, useVerificationToken } from "./verification-tokens";

/**
 * What the app changes in @auth/mikro-orm-adapter, one line each. Every
 * other method (users by id, updating and deleting users, users by account,
 * unlinking accounts) is the adapter's own code.
 *
 * The adapter makes new rows with `new User()`, which MikroORM accepts only
 * from the copy of the class it was opened with; a production build bundles
 * pages and route handlers apart, each with its own copy of entities/. So
 * the two writes the app changes anyway use `em.create`, which finds the
 * class by name.
 */
export function withAppRules(published: PublishedAdapter): Adapter {
  return {
    ...published,
    // A new user's role comes from ADMIN_EMAILS for a verified address, never from a profile; the email is stored normalised.
    createUser,
    // Emails are stored normalised, so they are looked up normalised.
    getUserByEmail: (email) => published.getUserByEmail(normalizeEmail(email)),
    // A sign-up is whole or nothing: a user whose first account cannot be written is removed, so the next try can sign up.
    // A method linked to an existing account is announced to its owner by email.
    linkAccount,
    // Session tokens are stored as SHA-256 hashes, with the device, IP and sign-in proof (./session-store.ts).
    createSession: (session) => createSession(session, proofInThisRequest()),
    getSessionAndUser: findSessionAndUser,
    updateSession,
    deleteSession,
    // The adapter never deletes an unused sign-in link's token: expired ones go, a hundred at a time, as new ones are made.
    createVerificationToken,
    // A sign-in link works once, even opened twice at the same moment (./verification-tokens.ts).
    useVerificationToken,
    // Passkeys: the published adapter has no WebAuthn methods (./passkeys.ts).
    getAccount,
    createAuthenticator,
    getAuthenticator,
    listAuthenticatorsByUserId,
    updateAuthenticatorCounter,
  };
}

/** The sign-up write: the fields Auth.js defines, as this app stores them; no role or anything else from a provider's profile. */
async function createUser(data: AdapterUser): Promise<AdapterUser> {
  const email = data.email ? normalizeEmail(data.email) || null : null;
  // The email provider proves the address (emailVerified); OAuth providers say so in their profile (./providers.ts).
  const verified = data.emailVerified instanceof Date || data.providerVerifiedEmail === true;
  const user = {
    id: data.id ?? randomUUID(),
    name: data.name ?? null,
    email,
    emailVerified: data.emailVerified ?? (email && verified ? new Date() : null),
    image: data.image ?? null,
    role: roleForNewUser(email, { verified }),
  };
  const em = await getEm();
  em.create(User, user);
  await em.flush();
  return { ...user, email: user.email ?? "" };
}

async function linkAccount(account: AdapterAccount): Promise<void> {
  const em = await getEm();
  // The columns of an Account: a provider's token response can carry more (`expires_in`, say), which is not stored.
  const { type, provider, providerAccountId, refresh_token, access_token, expires_at, token_type, scope, id_token, session_state } =
    account;
  em.create(Account, {
    user: account.userId,
    ...{ type, provider, providerAccountId, refresh_token, access_token, expires_at, token_type, scope, id_token },
    session_state: session_state as string | undefined,
  });
  try {
    await em.flush();
  } catch (error) {
    await removeUnfinishedSignUp(account.userId);
    throw error;
  }
  // A "Connect" added a way into an existing account: its owner is told.
  if (proofInThisRequest()?.linking && type !== "webauthn") {
    await notifySignInMethodChange(account.userId, "added", `${providerName(provider)} (${providerAccountId})`);
  }
}

/** Removes a user that has nothing to sign in with yet: no account, no session, no proved address. */
async function removeUnfinishedSignUp(userId: string): Promise<void> {
  const em = await getEm();
  const unfinished = await em.count(User, { id: userId, emailVerified: null, accounts: { $none: {} }, sessions: { $none: {} } });
  if (unfinished > 0) await em.nativeDelete(User, { id: userId });
}
