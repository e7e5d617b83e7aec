import "server-only";
import { Account } from "@/entities/Account";
import { Authenticator } from "@/entities/Authenticator";
import { recordAudit } from "@/lib/audit/record";
import { requestOrigin } from "@/lib/auth/request-origin";
import { getEm } from "@/lib/db/orm";
import { emailSignInAddress, removeSignInMethod } from "./account";
import { UserActionError } from "./errors";
import { lockUser } from "./lock";
import { notifySignInMethodChange } from "./notices";

/** A user's passkeys on /account (Auth.js stores them: lib/auth/passkeys.ts). */
export interface PasskeyListItem {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(userId: string): Promise<PasskeyListItem[]> {
  const rows = await (
    await getEm()
  ).find(Authenticator, { user: userId }, { fields: ["name", "createdAt", "lastUsedAt"], orderBy: { createdAt: "desc", id: "asc" } });
  return rows.map(({ id, name, createdAt, lastUsedAt }) => ({ id, name, createdAt, lastUsedAt }));
}

export async function renamePasskey(userId: string, passkeyId: string, name: string): Promise<string> {
  const renamed = await (await getEm()).nativeUpdate(Authenticator, { id: passkeyId, user: userId }, { name });
  if (renamed === 0) throw new UserActionError("That passkey is no longer there.");
  return `Renamed to "${name}".`;
}

/**
 * Removes a passkey (its account, and the other sessions it signed in, go
 * with it), unless it is the user's last way to sign in; under the user's
 * row lock, as disconnecting any method is (./account.ts). Audited, and
 * told by email.
 */
export async function removePasskey(userId: string, passkeyId: string, currentSessionId: string): Promise<string> {
  const em = await getEm();
  const { ip } = await requestOrigin();
  const removed = await em.transactional(async (tx) => {
    const user = await lockUser(tx, userId);
    const passkey = await tx.findOne(Authenticator, { id: passkeyId, user: userId }, { populate: ["account"] });
    if (!passkey) throw new UserActionError("That passkey is no longer there.");
    const methods = await tx.count(Account, { user: userId });
    if (methods === 1 && !(await emailSignInAddress(userId, tx))) {
      throw new UserActionError("This passkey is your only way to sign in: add another before you remove it.");
    }
    await removeSignInMethod(tx, passkey.account.id, currentSessionId);
    recordAudit(tx, {
      actor: { id: userId, email: user.email ?? null, ip },
      targetId: userId,
      targetEmail: user.email ?? null,
      action: "passkey_removed",
      before: { name: passkey.name },
      after: null,
    });
    await tx.flush();
    return passkey.name;
  });
  await notifySignInMethodChange(userId, "removed", `a passkey ("${removed}")`);
  return `Removed "${removed}"; the other sessions it signed in have ended.`;
}
