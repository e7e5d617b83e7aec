import "server-only";
import { getEnv } from "@/config/env";
import { ADMIN_ROLE, DEFAULT_ROLE, type Role } from "@/config/roles";

/**
 * The role a user gets when their account is created: admin for an address
 * listed in ADMIN_EMAILS (how the first admin is made), otherwise the default.
 * Never anything a provider's profile says.
 */
export function roleForNewUser(email: string | null | undefined): Role {
  const admins = getEnv().ADMIN_EMAILS;
  return email && admins.includes(email.trim().toLowerCase()) ? ADMIN_ROLE : DEFAULT_ROLE;
}
