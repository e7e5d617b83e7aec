import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * One rate-limit counter: how many times a rule was used by one subject in
 * the window that began at `windowStart`. Kept in the database so a limit
 * holds across app instances (lib/rate-limit/).
 */
@Entity({ tableName: "rate_limit" })
export class RateLimit {
  /** The rule and the subject, e.g. "sign-in:ip:203.0.113.9" (long subjects hashed to fit). */
  @PrimaryKey({ type: "string", length: 191 })
  limitKey!: string;

  /** Milliseconds kept: windows are compared to the millisecond. */
  @Property({ type: "datetime", length: 3 })
  @Index()
  windowStart!: Date;

  @Property({ type: "integer" })
  count!: number;
}
