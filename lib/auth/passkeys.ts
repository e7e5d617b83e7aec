import "server-only";
import type { AdapterAccount, AdapterAuthenticator } from "next-auth/adapters";
import { cookies, headers } from "next/headers";
import { Account } from "@/entities/Account";
import { Authenticator } from "@/entities/Authenticator";
import { User } from "@/entities/User";
import { recordAudit } from "@/lib/audit/record";
import { getEm } from "@/lib/db/orm";
import { cleanText } from "@/lib/input";
import { notifySignInMethodChange } from "@/lib/users/notices";
import { describeUserAgent } from "@/lib/users/user-agent";
import { requestOrigin } from "./request-origin";
import { isHttpsRequest } from "./session-cookie";

/**
 * The adapter's WebAuthn methods, over MikroORM (the published adapter has
 * none): Auth.js's Passkey provider stores and finds passkeys through them.
 */

export const PASSKEY_PROVIDER_ID = "passkey";

/** The name the "Add a passkey" form chose, for the passkey Auth.js is about to store. */
const PASSKEY_NAME_COOKIE = "passkey-name";

/** Keeps the chosen name for createAuthenticator, for the few minutes the browser's ceremony takes. */
export async function rememberPasskeyName(name: string): Promise<void> {
  const secure = isHttpsRequest(await headers());
  (await cookies()).set(PASSKEY_NAME_COOKIE, name, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 600, secure });
}

function toAdapterAuthenticator(row: Authenticator): AdapterAuthenticator {
  return {
    credentialID: row.credentialID,
    userId: row.userId,
    providerAccountId: row.providerAccountId,
    credentialPublicKey: row.credentialPublicKey,
    counter: Number(row.counter),
    credentialDeviceType: row.credentialDeviceType,
    credentialBackedUp: row.credentialBackedUp,
    transports: row.transports,
  };
}

/** The account a passkey belongs to (Auth.js finds its user through it). */
export async function getAccount(providerAccountId: string, provider: string): Promise<AdapterAccount | null> {
  const account = await (await getEm()).findOne(Account, { provider, providerAccountId }, { disableIdentityMap: true });
  if (!account) return null;
  const { userId, type, refresh_token, access_token, expires_at, token_type, scope, id_token, session_state } = account;
  return {
    userId,
    type: type as AdapterAccount["type"],
    provider,
    providerAccountId,
    ...{ refresh_token, access_token, expires_at, token_type, scope, id_token },
    session_state: session_state ?? undefined,
  } as AdapterAccount;
}

/**
 * Stores a new passkey, named as its owner chose on /account (else after
 * the device it came from), audited, and told to the owner by email.
 */
export async function createAuthenticator(data: AdapterAuthenticator): Promise<AdapterAuthenticator> {
  const em = await getEm();
  const account = await em.findOneOrFail(Account, { provider: PASSKEY_PROVIDER_ID, providerAccountId: data.providerAccountId });
  const jar = await cookies();
  const { userAgent, ip } = await requestOrigin();
  const name = cleanText(jar.get(PASSKEY_NAME_COOKIE)?.value ?? "").slice(0, 100) || describeUserAgent(userAgent);
  jar.delete(PASSKEY_NAME_COOKIE);
  const row = em.create(Authenticator, {
    credentialID: data.credentialID,
    user: data.userId,
    account,
    providerAccountId: data.providerAccountId,
    credentialPublicKey: data.credentialPublicKey,
    counter: data.counter,
    credentialDeviceType: data.credentialDeviceType,
    credentialBackedUp: data.credentialBackedUp,
    transports: data.transports ?? null,
    name,
  });
  const email = (await em.findOneOrFail(User, { id: data.userId }, { fields: ["email"] })).email ?? null;
  recordAudit(em, {
    actor: { id: data.userId, email, ip },
    targetId: data.userId,
    targetEmail: email,
    action: "passkey_added",
    before: null,
    after: { name },
  });
  await em.flush();
  await notifySignInMethodChange(data.userId, "added", `a passkey ("${name}")`);
  return { ...data, transports: row.transports };
}

export async function getAuthenticator(credentialID: string): Promise<AdapterAuthenticator | null> {
  const row = await (await getEm()).findOne(Authenticator, { credentialID }, { disableIdentityMap: true });
  return row ? toAdapterAuthenticator(row) : null;
}

export async function isKnownPasskey(credentialID: string): Promise<boolean> {
  return (await (await getEm()).count(Authenticator, { credentialID })) > 0;
}

/** A user's passkeys, newest first. */
export async function listAuthenticatorsByUserId(userId: string): Promise<AdapterAuthenticator[]> {
  const rows = await (
    await getEm()
  ).find(Authenticator, { user: userId }, { orderBy: { createdAt: "desc", id: "asc" }, disableIdentityMap: true });
  return rows.map(toAdapterAuthenticator);
}

/**
 * Records a sign-in's new signature counter, and when the passkey was used.
 * The counter must go up where the authenticator keeps one (it stays 0 where
 * it does not): a copy of a credential, or a replayed assertion, shows as a
 * counter that did not, and is refused here, whatever raced it. Auth.js then
 * refuses the sign-in.
 */
export async function updateAuthenticatorCounter(credentialID: string, newCounter: number): Promise<AdapterAuthenticator> {
  const em = await getEm();
  const counterRises = newCounter === 0 ? { counter: 0 } : { counter: { $lt: newCounter } };
  const updated = await em.nativeUpdate(Authenticator, { credentialID, ...counterRises }, { counter: newCounter, lastUsedAt: new Date() });
  if (updated === 0) {
    const exists = await em.count(Authenticator, { credentialID });
    if (exists > 0)
      console.error(`Passkey sign-in refused: its counter did not increase (${newCounter}): a cloned or replayed credential?`);
    throw new Error(exists > 0 ? "The passkey's signature counter did not increase" : "No such passkey");
  }
  return toAdapterAuthenticator(await em.findOneOrFail(Authenticator, { credentialID }, { disableIdentityMap: true }));
}
