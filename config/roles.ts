/**
 * Roles and what each may do: the one place both are defined. Every check in
 * the app asks for a permission (requirePermission("users:ban")), never a
 * role's name, so adding a role is adding it here. A permission not in
 * PERMISSIONS, or a role without an entry, is a type error. It imports
 * nothing, so entities and lib/ can both depend on it.
 */
export const PERMISSIONS = [
  "users:read",
  "users:ban",
  "users:set-role",
  "users:delete",
  "sessions:revoke",
  "audit:read",
  "users:impersonate",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Every role, least to most powerful (the order of menus and of the roles page). */
export const ROLES = ["user", "moderator", "admin"] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_PERMISSIONS = {
  user: [],
  // Support staff: look at users, stop spammers and their sessions, read the audit log.
  moderator: ["users:read", "users:ban", "sessions:revoke", "audit:read"],
  admin: PERMISSIONS,
} as const satisfies Record<Role, readonly Permission[]>;

/** What each permission allows, as the roles page explains it. */
export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  "users:read": "See the users list, each user's page and the users API",
  "users:ban": "Ban and unban users",
  "users:set-role": "Change users' roles",
  "users:delete": "Delete users",
  "sessions:revoke": "End a user's sessions",
  "audit:read": "Read the audit log",
  "users:impersonate": "View the app as another user",
};

/** Every new user starts here; never taken from a provider's profile. */
export const DEFAULT_ROLE: Role = "user";

/**
 * The role that holds every permission. There is always at least one
 * unbanned user with it (the last-admin rule), and ADMIN_EMAILS makes it.
 */
export const ADMIN_ROLE: Role = "admin";

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasPermission(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}

/**
 * Whether someone of role `actor` may act on someone of role `target` (ban,
 * end sessions, view as): only when the actor's role grants every
 * permission the target's does. A moderator cannot act on an admin.
 */
export function outranksOrEquals(actor: Role, target: Role): boolean {
  return ROLE_PERMISSIONS[target].every((permission) => hasPermission(actor, permission));
}

/** Whether a role grants any permission: staff, whose role changes need a recent sign-in. */
export function grantsPermissions(role: Role): boolean {
  return ROLE_PERMISSIONS[role].length > 0;
}

/** Whether a role may enter the admin area at all. */
export function canEnterAdmin(role: Role): boolean {
  return hasPermission(role, "users:read") || hasPermission(role, "audit:read");
}
