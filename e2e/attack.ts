import { createHash, randomBytes, randomUUID } from "node:crypto";
import { MikroORM } from "@mikro-orm/core";
import type { EntityManager, Knex } from "@mikro-orm/knex";
import { driverOptions } from "../config/database-driver";
import { postServerAction } from "./server-actions";
import { APP_URL, e2eDatabase } from "./setup-values";

export { actionId } from "./server-actions";

/**
 * Tools for attacking the production build from outside, as the security
 * suite does: people and sessions written straight into the suite's
 * database (SQLite, PostgreSQL or MySQL: e2e/setup-values.ts), the
 * database's state to prove a refusal changed nothing, and server actions
 * posted the way React's client posts them.
 */

const { target } = e2eDatabase();
let orm: Promise<MikroORM> | undefined;
const E2E_POOL = {
  DATABASE_POOL_MIN: 0,
  DATABASE_POOL_MAX: 2,
  DATABASE_POOL_TIMEOUT: 10,
  DATABASE_CONNECT_TIMEOUT: 5,
  DATABASE_IDLE_TIMEOUT: 30,
};
/** MikroORM on the suite's database, opened on first use; tables by name, as an outsider with database access would. */
async function database(): Promise<{ db: Knex; at: (ms: number) => number | Date }> {
  // No entities: Playwright compiles TypeScript with decorators of another kind than MikroORM's.
  const options = { ...driverOptions(target, E2E_POOL), entities: [], discovery: { warnWhenNoEntities: false } };
  const em = (await (orm ??= MikroORM.init(options))).em as EntityManager;
  // A moment as the app's columns hold it (SQLite: milliseconds).
  return { db: em.getConnection().getKnex(), at: (ms) => em.getPlatform().processDateProperty(new Date(ms)) as number | Date };
}

export interface Person {
  id: string;
  email: string;
  /** A live session's token; undefined for no session. */
  token?: string;
}

export async function createPerson(
  role: "user" | "moderator" | "admin",
  options: { banned?: boolean; session?: "live" | "expired" | "none" } = {},
): Promise<Person> {
  const { db, at } = await database();
  const id = randomUUID();
  const email = `${role}-${id}@attack.test`;
  const banned = options.banned ? { banned_at: at(Date.now()), ban_reason: "attack test" } : { banned_at: null, ban_reason: null };
  await db("user").insert({
    id,
    name: `Attack ${role}`,
    email,
    role,
    created_at: at(Date.now()),
    name_search: `attack ${role}`,
    ...banned,
  });
  const session = options.session ?? "live";
  if (session === "none") return { id, email };
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const expires = session === "live" ? now + 86_400_000 : now - 60_000;
  await db("session").insert({
    id: randomUUID(),
    user_id: id,
    token_hash: hashOf(token),
    expires: at(expires),
    created_at: at(now),
    last_seen_at: at(now),
    authenticated_at: at(now),
  });
  return { id, email, token };
}

/** Bans (with a reason) or unbans (null) the user with this email, as an admin's change would. */
export async function setBan(email: string, reason: string | null): Promise<void> {
  const { db, at } = await database();
  await db("user")
    .where({ email })
    .update({ banned_at: reason === null ? null : at(Date.now()), ban_reason: reason });
  if (reason !== null) await db("session").whereIn("user_id", db("user").select("id").where({ email })).delete();
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export async function sessionExists(token: string): Promise<boolean> {
  const { db } = await database();
  return (
    (await db("session")
      .where({ token_hash: hashOf(token) })
      .first("id")) !== undefined
  );
}

/** Makes a session's last proof of identity `minutesAgo` old: sensitive actions then ask to sign in again. */
export async function ageAuthentication(token: string, minutesAgo: number): Promise<void> {
  const { db, at } = await database();
  await db("session")
    .where({ token_hash: hashOf(token) })
    .update({ authenticated_at: at(Date.now() - minutesAgo * 60_000) });
}

export async function userRow(
  id: string,
): Promise<{ role: string; banned_at: number | Date | null; ban_reason: string | null } | undefined> {
  const { db } = await database();
  return db("user").where({ id }).first("role", "banned_at", "ban_reason");
}

export async function auditRows(targetId: string): Promise<{ action: string; actor_id: string | null; ip: string | null }[]> {
  const { db } = await database();
  return db("audit_log").where({ target_id: targetId }).orderBy(["created_at", "id"]).select("action", "actor_id", "ip");
}

/** Everything a refused request must leave as it was: users, sessions and audit records (refusals themselves aside). */
export async function databaseState(): Promise<string> {
  const { db } = await database();
  const users = await db("user").orderBy("id").select("id", "role", "banned_at", "ban_reason", "email");
  const sessions = await db("session").count({ n: "*" });
  const audit = await db("audit_log").whereNot({ action: "admin_access_refused" }).count({ n: "*" });
  const accounts = await db("account").count({ n: "*" });
  const passkeys = await db("authenticator").count({ n: "*" });
  return JSON.stringify({ users, sessions, audit, accounts, passkeys });
}

export const cookieOf = (person: { token?: string }): Record<string, string> =>
  person.token ? { cookie: `authjs.session-token=${person.token}` } : {};

/** Posts to a server action of the suite's server as React's client does (e2e/server-actions.ts). */
export function postAction(
  name: string,
  fields: Record<string, string>,
  headers: Record<string, string>,
  path = "/admin/users",
): Promise<Response> {
  return postServerAction(APP_URL, name, fields, headers, path);
}

/** Makes every pending sign-in link for this address expired, as if its EMAIL_LINK_TTL had passed; how many there were. */
export async function expireEmailLinks(email: string): Promise<number> {
  const { db, at } = await database();
  return db("verification_token")
    .where({ identifier: email })
    .update({ expires: at(Date.now() - 1000) });
}

/** Makes an address unproved, as an account made through a provider that did not verify it would be. */
export async function forgetEmailProof(email: string): Promise<void> {
  const { db } = await database();
  await db("user").where({ email }).update({ email_verified: null });
}
