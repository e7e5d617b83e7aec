import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import type { User } from "./User";

/**
 * A database session. Replaces the adapter's Session because its
 * `onDelete: "cascade"` is ignored by MikroORM 6 (which reads `deleteRule`),
 * so deleting a user failed on the foreign key.
 */
// Finds a user's sessions (sign out everywhere, last active) on every database.
@Index({ properties: ["user", "expires"] })
@Entity({ tableName: "session" })
export class Session {
  @PrimaryKey({ type: "string", length: 36 })
  id: string = randomUUID();

  @ManyToOne({ entity: "User", deleteRule: "cascade", hidden: true })
  user!: User;

  /** Auth.js passes `userId`; the column is the `user` relation above. */
  @Property({ type: "string", persist: false })
  userId!: string;

  /** Milliseconds kept, as Auth.js gives them (MySQL would otherwise drop them). */
  @Property({ type: "datetime", length: 3 })
  expires!: Date;

  @Property({ type: "string" })
  @Unique()
  sessionToken!: string;
}
