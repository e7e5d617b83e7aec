import { randomUUID } from "node:crypto";
import { Entity, Formula, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import type { Account } from "./Account";
import type { User } from "./User";

/**
 * A database session (lib/auth/session-store.ts reads and writes them).
 * Replaces the adapter's Session, whose `onDelete: "cascade"` MikroORM 6
 * ignores, and which stores the token itself: here only its SHA-256 is kept,
 * so a copy of the database signs nobody in. Every datetime keeps
 * milliseconds.
 */
// Finds a user's sessions (the account page, sign out everywhere) on every database.
@Index({ properties: ["user", "expires"] })
@Entity({ tableName: "session" })
export class Session {
  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @ManyToOne({ entity: "User", deleteRule: "cascade", hidden: true })
  user!: User;

  /** Auth.js's name for the user's id: the `user` relation's column, read back as is (never written through). */
  @Formula((alias) => `${alias}.user_id`, { type: "string", lazy: false })
  userId!: Opt<string>;

  /** SHA-256 of the cookie's token, in hex: the lookup key. The token itself is never stored. */
  @Property({ type: "string", length: 64 })
  @Unique()
  tokenHash!: string;

  /** When it ends: an idle timeout after it was last seen, and never later than its absolute lifetime. */
  @Property({ type: "datetime", length: 3 })
  @Index()
  expires!: Date;

  @Property({ type: "datetime", length: 3 })
  createdAt!: Date;

  /** Brought forward at most once an hour, when the session is extended. */
  @Property({ type: "datetime", length: 3 })
  lastSeenAt!: Date;

  /**
   * The sign-in method that made this session: "email" for an email link,
   * else the provider's id, with its account (disconnecting the account
   * ends the session). Null for sessions from before it was recorded.
   */
  @Property({ type: "string", length: 64, nullable: true })
  method: string | null = null;

  @ManyToOne({ entity: "Account", nullable: true, deleteRule: "cascade", hidden: true })
  @Index()
  account: Account | null = null;

  /**
   * Impersonation (lib/users/impersonation.ts): the user viewing the app as
   * this session's user, and their own session, which holds no token while
   * this one lasts and gets it back when it ends. Deleting either ends this.
   */
  @ManyToOne({ entity: "User", nullable: true, deleteRule: "cascade", hidden: true })
  @Index()
  impersonator: User | null = null;

  @ManyToOne({ entity: "Session", nullable: true, deleteRule: "cascade", hidden: true })
  @Index()
  impersonatorSession: Session | null = null;

  /** When the user last proved who they are with their provider (re-authentication, "sudo mode"). */
  @Property({ type: "datetime", length: 3 })
  authenticatedAt!: Date;

  /** The browser's User-Agent when the session began, shown as "Chrome on macOS". */
  @Property({ type: "string", length: 512, nullable: true })
  userAgent: string | null = null;

  /** The client's IP when the session began, by the TRUSTED_PROXY_HOPS rule. */
  @Property({ type: "string", length: 45, nullable: true })
  ip: string | null = null;
}
