import "server-only";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { recordAudit } from "@/lib/audit/record";
import { getEm } from "@/lib/db/orm";
import { endImpersonationsOf } from "@/lib/users/impersonation";
import { requestOrigin } from "./request-origin";

/**
 * Called when an email link signs a user in: whoever opened it owns the
 * address. If that user's address was never proved (the account was made
 * through a provider that did not verify it), whoever made the account may
 * not own the address: an attacker can make an account with someone else's
 * email first and wait for them to sign in with it ("pre-hijacking"). So the
 * first proof takes the account over: the sign-in methods and sessions made
 * before it are removed, and the change is audited.
 */
export async function claimUnprovenAddress(userId: string): Promise<void> {
  const { ip } = await requestOrigin();
  const em = await getEm();
  await em.transactional(async (tx) => {
    const user = await tx.findOne(User, { id: userId, emailVerified: null }, { fields: ["email"] });
    if (!user) return;
    const accounts = await tx.find(Account, { user: userId }, { fields: ["provider"] });
    // Someone viewing as this user gets their own session back (audited), as on a ban.
    await endImpersonationsOf(tx, userId);
    const sessions = await tx.nativeDelete(Session, { user: userId });
    if (accounts.length === 0 && sessions === 0) return;
    await tx.nativeDelete(Account, { user: userId });
    recordAudit(tx, {
      actor: { id: userId, email: user.email ?? null, ip },
      targetId: userId,
      targetEmail: user.email ?? null,
      action: "claim_address",
      before: { methods: accounts.map((account) => account.provider).join(", ") || null, sessions },
      after: { methods: null, sessions: 0 },
    });
  });
}
