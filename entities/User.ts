import { randomUUID } from "node:crypto";
import {
  Collection,
  Entity,
  Enum,
  Index,
  OneToMany,
  type Opt,
  PrimaryKey,
  Property,
  Unique,
} from "@mikro-orm/core";
import { DEFAULT_ROLE, ROLES, type Role } from "../lib/roles";
import { Account } from "./Account";
import { Session } from "./Session";

/**
 * The Auth.js user plus the template's own fields. Replaces the adapter's
 * User because its `email` defaults to "" under a unique index, so a second
 * user whose provider shares no email could not be created.
 */
@Entity({ tableName: "user" })
export class User {
  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @Property({ type: "string", nullable: true })
  name?: string | null;

  @Property({ type: "string", nullable: true })
  @Unique()
  email?: string | null;

  @Property({ type: "datetime", nullable: true })
  emailVerified: Date | null = null;

  @Property({ type: "string", length: 2048, nullable: true })
  image?: string | null;

  @Enum({ items: () => [...ROLES], type: "string", length: 32, default: DEFAULT_ROLE })
  role: Opt<Role> = DEFAULT_ROLE;

  @Property({ type: "datetime", onCreate: () => new Date() })
  @Index()
  createdAt: Opt<Date> = new Date();

  @OneToMany({ entity: () => Session, mappedBy: "user", hidden: true, orphanRemoval: true })
  sessions = new Collection<Session>(this);

  @OneToMany({ entity: () => Account, mappedBy: "user", hidden: true, orphanRemoval: true })
  accounts = new Collection<Account>(this);
}
