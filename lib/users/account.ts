import "server-only";
import type { EntityManager } from "@mikro-orm/knex";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { emailSignInEnabled, providerChoices, providerName } from "@/lib/auth/providers";
import { getEm } from "@/lib/db/orm";
import { UserActionError } from "./errors";
import { lockUser } from "./lock";
import { notifySignInMethodChange } from "./notices";
import { describeUserAgent } from "./user-agent";

/** What people manage about their own account on /account (and admins see on a user's page). */

export interface SessionListItem {
  id: string;
  /** "Chrome on macOS". */
  device: string;
  ip: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expires: Date;
  current: boolean;
}

/**
 * A user's live sessions, most recently seen first; `currentSessionId` is
 * marked. Sessions someone else opened to view as them (impersonation) are
 * the admin's business, and their devices are not the user's: left out.
 */
export async function listSessions(userId: string, currentSessionId?: string): Promise<SessionListItem[]> {
  const em = await getEm();
  const sessions = await em.find(
    Session,
    { user: userId, expires: { $gt: new Date() }, impersonator: null },
    { fields: ["userAgent", "ip", "createdAt", "lastSeenAt", "expires"], orderBy: { lastSeenAt: "desc", id: "asc" } },
  );
  return sessions.map((session) => ({
    id: session.id,
    device: describeUserAgent(session.userAgent),
    ip: session.ip,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expires: session.expires,
    current: session.id === currentSessionId,
  }));
}

export interface SignInMethod {
  id: string;
  provider: string;
  providerAccountId: string;
}

export async function listSignInMethods(userId: string): Promise<SignInMethod[]> {
  const em = await getEm();
  // Passkeys are accounts too, listed on their own (./passkeys.ts).
  const accounts = await em.find(
    Account,
    { user: userId, type: { $ne: "webauthn" } },
    { fields: ["provider", "providerAccountId"], orderBy: { provider: "asc", id: "asc" } },
  );
  return accounts.map((account) => ({ id: account.id, provider: account.provider, providerAccountId: account.providerAccountId }));
}

/** A provider the user has an account with, to prove who they are again; null if they have none (email only). */
export async function reauthenticationProvider(userId: string): Promise<string | null> {
  const linked = new Set((await listSignInMethods(userId)).map((method) => method.provider));
  return providerChoices().find((choice) => linked.has(choice.id))?.id ?? null;
}

/**
 * The address sign-in links can be sent to, when this site sends them and
 * the address is verified (by a link, or by the provider that made the
 * account): a sign-in method of its own, which needs no linked account.
 */
export async function emailSignInAddress(userId: string, em?: EntityManager): Promise<string | null> {
  if (!emailSignInEnabled()) return null;
  const user = await (em ?? (await getEm())).findOne(User, { id: userId }, { fields: ["email", "emailVerified"] });
  return user?.email && user.emailVerified ? user.email : null;
}

export async function renameUser(userId: string, name: string): Promise<string> {
  const em = await getEm();
  const user = await em.findOneOrFail(User, { id: userId });
  user.name = name;
  await em.flush();
  return "Your name is saved.";
}

/** Ends one of the user's own sessions (that device must sign in again). */
export async function endOwnSession(userId: string, sessionId: string): Promise<string> {
  const em = await getEm();
  const ended = await em.nativeDelete(Session, { id: sessionId, user: userId, impersonator: null });
  if (ended === 0) throw new UserActionError("That session has already ended.");
  return "That session has ended.";
}

/**
 * Ends every session of the user but the one they are using. Not one that
 * someone opened to view as them: it is not theirs (listSessions leaves it
 * out), and ending it here would strand the viewer's own session.
 */
export async function endOtherSessions(userId: string, currentSessionId: string): Promise<string> {
  const em = await getEm();
  const ended = await em.nativeDelete(Session, { user: userId, id: { $ne: currentSessionId }, impersonator: null });
  return ended === 0
    ? "You were not signed in anywhere else."
    : `Signed out everywhere else (${ended} ${ended === 1 ? "session" : "sessions"} ended).`;
}

/**
 * Removes a sign-in method, unless it is the user's last (sign-in links to a
 * verified address count as one): they could never sign in again. The
 * sessions it signed in end with it, except `currentSessionId`'s, whose
 * user has just proved it's them. The check and the delete share a
 * transaction that locks the user's row (SQLite: its write lock), so two
 * disconnects at once cannot both pass it.
 */
export async function disconnectSignInMethod(userId: string, accountId: string, currentSessionId: string): Promise<string> {
  const em = await getEm();
  const removed = await em.transactional(async (tx) => {
    await lockUser(tx, userId);
    const accounts = await tx.find(Account, { user: userId }, { fields: ["provider", "providerAccountId"] });
    const account = accounts.find((candidate) => candidate.id === accountId);
    if (!account) throw new UserActionError("That sign-in method is no longer connected.");
    if (accounts.length === 1 && !(await emailSignInAddress(userId, tx))) {
      throw new UserActionError("This is your only way to sign in: connect another one before you disconnect it.");
    }
    await removeSignInMethod(tx, accountId, currentSessionId);
    return account;
  });
  await notifySignInMethodChange(userId, "removed", `${providerName(removed.provider)} (${removed.providerAccountId})`);
  return `Disconnected ${providerName(removed.provider)}; the other sessions it signed in have ended.`;
}

/**
 * Deletes a sign-in method's account row; the sessions it signed in end with
 * it (the foreign key cascades), but the acting session is first detached
 * from it, so removing the method you signed in with does not sign you out.
 */
export async function removeSignInMethod(tx: EntityManager, accountId: string, currentSessionId: string): Promise<void> {
  await tx.nativeUpdate(Session, { id: currentSessionId, account: accountId }, { account: null });
  await tx.nativeDelete(Account, { id: accountId });
}
