/**
 * The one place roles are defined. Adding a role is adding it to this list:
 * the database column (entities/User.ts), the admin UI and input validation
 * all read from here. Order matters only for display. It imports nothing, so
 * entities and lib/ can both depend on it.
 */
export const ROLES = ["user", "admin"] as const;

export type Role = (typeof ROLES)[number];

/** Every new user starts here; never taken from a provider's profile. */
export const DEFAULT_ROLE: Role = "user";

export const ADMIN_ROLE: Role = "admin";

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
