import { randomUUID } from "node:crypto";
import { Entity, Formula, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import type { User } from "./User";

/**
 * A provider account linked to a user. Replaces the adapter's Account for the
 * same reason as Session: its cascade rule is ignored by MikroORM 6.
 * Property names follow Auth.js (snake_case tokens) so the adapter can assign
 * provider data as is.
 */
// Lists a user's providers; also indexes the foreign key where the database does not.
@Index({ properties: ["user", "provider"] })
@Entity({ tableName: "account" })
@Unique({ properties: ["provider", "providerAccountId"] })
export class Account {
  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @ManyToOne({ entity: "User", deleteRule: "cascade", hidden: true })
  user!: User;

  /** Auth.js's name for the user's id: the `user` relation's column, read back as is (never written through). */
  @Formula((alias) => `${alias}.user_id`, { type: "string", lazy: false })
  userId!: Opt<string>;

  @Property({ type: "string" })
  type!: string;

  @Property({ type: "string" })
  provider!: string;

  @Property({ type: "string" })
  providerAccountId!: string;

  @Property({ type: "text", nullable: true })
  refresh_token?: string | null;

  @Property({ type: "text", nullable: true })
  access_token?: string | null;

  @Property({ type: "integer", nullable: true })
  expires_at?: number | null;

  @Property({ type: "string", nullable: true })
  token_type?: string | null;

  @Property({ type: "string", length: 1024, nullable: true })
  scope?: string | null;

  @Property({ type: "text", nullable: true })
  id_token?: string | null;

  @Property({ type: "string", nullable: true })
  session_state?: string | null;
}
