import { randomUUID } from "node:crypto";
import { BeforeCreate, BeforeUpdate, Collection, Entity, Index, OneToMany, type Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { DEFAULT_ROLE, type Role } from "../config/roles";
import { Account } from "./Account";
import { Session } from "./Session";

/**
 * The Auth.js user plus the template's own fields. Replaces the adapter's
 * User because its `email` defaults to "" under a unique index, so a second
 * user whose provider shares no email could not be created. Every datetime
 * keeps milliseconds (`length: 3`: MySQL would otherwise drop them).
 */
// The admin list: filter by role, newest or oldest first.
@Index({ properties: ["role", "createdAt"] })
@Entity({ tableName: "user" })
export class User {
  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @Property({ type: "string", nullable: true })
  name?: string | null;

  @Property({ type: "string", nullable: true })
  @Unique()
  email?: string | null;

  @Property({ type: "datetime", length: 3, nullable: true })
  emailVerified: Date | null = null;

  @Property({ type: "string", length: 2048, nullable: true })
  image?: string | null;

  /**
   * One of ROLES (config/roles.ts). A plain column rather than a database enum,
   * so adding a role needs no migration; every write is validated against ROLES.
   */
  @Property({ type: "string", length: 32, default: DEFAULT_ROLE })
  role: Opt<Role> = DEFAULT_ROLE;

  /** Lower-cased name, kept in step by the hooks below: prefix search without a table scan. */
  @Property({ type: "string", nullable: true })
  @Index()
  nameSearch?: string | null;

  /** The admin list pages by (createdAt, id). */
  @Property({ type: "datetime", length: 3, onCreate: () => new Date() })
  @Index()
  createdAt: Opt<Date> = new Date();

  /** Set when a session is created or extended (at most hourly). */
  @Property({ type: "datetime", length: 3, nullable: true })
  lastActiveAt?: Date | null;

  /** A banned user has no sessions and cannot sign in. */
  @Property({ type: "datetime", length: 3, nullable: true })
  bannedAt?: Date | null;

  /** When a ban ends by itself (null: when an admin lifts it). Past this moment the ban no longer applies; nothing is written. */
  @Property({ type: "datetime", length: 3, nullable: true })
  bannedUntil?: Date | null;

  @Property({ type: "string", length: 500, nullable: true })
  banReason?: string | null;

  @BeforeCreate()
  @BeforeUpdate()
  normaliseForSearch(): void {
    this.nameSearch = this.name ? this.name.trim().normalize("NFC").toLowerCase() : null;
  }

  @OneToMany({ entity: () => Session, mappedBy: "user", hidden: true, orphanRemoval: true })
  sessions = new Collection<Session>(this);

  @OneToMany({ entity: () => Account, mappedBy: "user", hidden: true, orphanRemoval: true })
  accounts = new Collection<Account>(this);
}
