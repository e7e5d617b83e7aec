import { randomUUID } from "node:crypto";
import { BigIntType, Entity, Formula, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import type { Account } from "./Account";
import type { User } from "./User";

/**
 * A passkey (WebAuthn credential) as Auth.js's Passkey provider stores it
 * (lib/auth/passkeys.ts), with the name its owner gave it and when it was
 * last used. It belongs to the user's "passkey" account: removing that
 * account, or the user, removes it.
 */
// A user's passkeys, newest first (/account, and Auth.js's lists).
@Index({ properties: ["user", "createdAt"] })
@Entity({ tableName: "authenticator" })
export class Authenticator {
  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  /** The credential's id, base64: how a sign-in names the passkey. */
  @Property({ type: "string", length: 255 })
  @Unique()
  credentialID!: string;

  @ManyToOne({ entity: "User", deleteRule: "cascade", hidden: true })
  user!: User;

  /** Auth.js's name for the user's id: the `user` relation's column, read back as is. */
  @Formula((alias) => `${alias}.user_id`, { type: "string", lazy: false })
  userId!: Opt<string>;

  @ManyToOne({ entity: "Account", deleteRule: "cascade", hidden: true })
  account!: Account;

  /** The account's providerAccountId (the credential's id again, as Auth.js links it). */
  @Property({ type: "string", length: 255 })
  providerAccountId!: string;

  /** The public key, base64. */
  @Property({ type: "text" })
  credentialPublicKey!: string;

  /** The signature counter (32 bits unsigned): it must increase on each use, where the authenticator keeps one. */
  @Property({ type: new BigIntType("number") })
  counter!: number;

  /** "singleDevice" or "multiDevice" (synced). */
  @Property({ type: "string", length: 32 })
  credentialDeviceType!: string;

  @Property({ type: "boolean" })
  credentialBackedUp!: boolean;

  /** How the browser reached it ("internal,hybrid"). */
  @Property({ type: "string", length: 255, nullable: true })
  transports: string | null = null;

  /** What its owner calls it ("MacBook"); by default, the device it was added from. */
  @Property({ type: "string", length: 100 })
  name!: string;

  @Property({ type: "datetime", length: 3 })
  createdAt: Opt<Date> = new Date();

  @Property({ type: "datetime", length: 3, nullable: true })
  lastUsedAt: Date | null = null;
}
