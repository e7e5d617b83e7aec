import { createHash, randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { postServerAction } from "./server-actions";
import { APP_URL, E2E_DATABASE_FILE } from "./setup-values";

export { actionId } from "./server-actions";

/**
 * Tools for attacking the production build from outside, as the security
 * suite does: people and sessions written straight into the suite's
 * database, the database's state to prove a refusal changed nothing, and
 * server actions posted the way React's client posts them.
 */

const db = new Database(E2E_DATABASE_FILE, { timeout: 5000 });

export interface Person {
  id: string;
  email: string;
  /** A live session's token; undefined for no session. */
  token?: string;
}

export function createPerson(role: "user" | "admin", options: { banned?: boolean; session?: "live" | "expired" | "none" } = {}): Person {
  const id = randomUUID();
  const email = `${role}-${id}@attack.test`;
  db.prepare("insert into user (id, name, email, role, created_at, name_search, banned_at, ban_reason) values (?, ?, ?, ?, ?, ?, ?, ?)").run(
    id, `Attack ${role}`, email, role, Date.now(), `attack ${role}`, options.banned ? Date.now() : null, options.banned ? "attack test" : null,
  );
  const session = options.session ?? "live";
  if (session === "none") return { id, email };
  const token = randomBytes(32).toString("base64url");
  const [now, expires] = [Date.now(), session === "live" ? Date.now() + 86_400_000 : Date.now() - 60_000];
  db.prepare("insert into session (id, user_id, token_hash, expires, created_at, last_seen_at, authenticated_at) values (?, ?, ?, ?, ?, ?, ?)").run(
    randomUUID(), id, hashOf(token), expires, now, now, now,
  );
  return { id, email, token };
}

/** Bans (with a reason) or unbans (null) the user with this email, as an admin's change would. */
export function setBan(email: string, reason: string | null): void {
  db.prepare("update user set banned_at = ?, ban_reason = ? where email = ?").run(reason === null ? null : Date.now(), reason, email);
  if (reason !== null) db.prepare("delete from session where user_id = (select id from user where email = ?)").run(email);
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

export function sessionExists(token: string): boolean {
  return db.prepare("select 1 from session where token_hash = ?").get(hashOf(token)) !== undefined;
}

/** Makes a session's last proof of identity `minutesAgo` old: sensitive actions then ask to sign in again. */
export function ageAuthentication(token: string, minutesAgo: number): void {
  db.prepare("update session set authenticated_at = ? where token_hash = ?").run(Date.now() - minutesAgo * 60_000, hashOf(token));
}

export function userRow(id: string): { role: string; banned_at: number | null; ban_reason: string | null } | undefined {
  return db.prepare("select role, banned_at, ban_reason from user where id = ?").get(id) as never;
}

export function auditRows(targetId: string): { action: string; actor_id: string | null; ip: string | null }[] {
  return db.prepare("select action, actor_id, ip from audit_log where target_id = ? order by created_at, id").all(targetId) as never;
}

/** Everything a refused request must leave as it was: users, sessions and audit records (refusals themselves aside). */
export function databaseState(): string {
  const users = db.prepare("select id, role, banned_at, ban_reason, email from user order by id").all();
  const sessions = db.prepare("select count(*) as n from session").get();
  const audit = db.prepare("select count(*) as n from audit_log where action != 'admin_access_refused'").get();
  return JSON.stringify({ users, sessions, audit });
}

export const cookieOf = (person: { token?: string }): Record<string, string> =>
  person.token ? { cookie: `authjs.session-token=${person.token}` } : {};

/** Posts to a server action of the suite's server as React's client does (e2e/server-actions.ts). */
export function postAction(name: string, fields: Record<string, string>, headers: Record<string, string>, path = "/admin/users"): Promise<Response> {
  return postServerAction(APP_URL, name, fields, headers, path);
}

/** Makes every pending sign-in link for this address expired, as if its EMAIL_LINK_TTL had passed. */
export function expireEmailLinks(email: string): number {
  return db.prepare("update verification_token set expires = ? where identifier = ?").run(Date.now() - 1000, email).changes;
}

/** Makes an address unproved, as an account made through a provider that did not verify it would be. */
export function forgetEmailProof(email: string): void {
  db.prepare("update user set email_verified = null where email = ?").run(email);
}
