import "server-only";
import { defaultEntities } from "@auth/mikro-orm-adapter";
import type { VerificationToken as AdapterVerificationToken } from "next-auth/adapters";
import { getEm } from "@/lib/db/orm";

/**
 * The tokens behind email sign-in links. Auth.js hands over only a hash of
 * the link's token (SHA-256 of token and secret), so the table never holds a
 * usable link.
 *
 * The adapter's own useVerificationToken reads the row, then deletes it:
 * two requests with the same link at the same moment both read it and both
 * sign in. Here the delete decides: only the request whose delete removed the
 * row gets the token. Auth.js itself then refuses an expired one.
 */

const { VerificationToken } = defaultEntities;

/** Expired tokens cleared per new link: enough to keep up, never a long delete. */
const PURGE_BATCH = 100;

export async function createVerificationToken(data: AdapterVerificationToken): Promise<AdapterVerificationToken> {
  const em = await getEm();
  const expired = await em.find(VerificationToken, { expires: { $lt: new Date() } }, { fields: ["token"], limit: PURGE_BATCH });
  if (expired.length > 0) await em.nativeDelete(VerificationToken, { token: { $in: expired.map((row) => row.token) } });
  em.create(VerificationToken, { identifier: data.identifier, token: data.token, expires: data.expires });
  await em.flush();
  return { identifier: data.identifier, token: data.token, expires: data.expires };
}

export async function useVerificationToken({
  identifier,
  token,
}: {
  identifier?: string;
  token: string;
}): Promise<AdapterVerificationToken | null> {
  const em = await getEm();
  const found = await em.findOne(VerificationToken, { token });
  if (!found || (identifier !== undefined && found.identifier !== identifier)) return null;
  const deleted = await em.nativeDelete(VerificationToken, { token, identifier: found.identifier });
  if (deleted !== 1) return null;
  return { identifier: found.identifier, token: found.token, expires: found.expires };
}
