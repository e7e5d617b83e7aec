import "server-only";
import { getEnv } from "@/config/env";
import { ADMIN_ROLE, DEFAULT_ROLE, type Role } from "@/config/roles";
import { normalizeEmail } from "./email";

/**
 * The role a user gets when their account is created: admin for an address
 * listed in ADMIN_EMAILS (how the first admin is made) that the provider has
 * verified, otherwise the default. Never anything a provider's profile says.
 */
export function roleForNewUser(email: string | null | undefined, { verified }: { verified: boolean }): Role {
  if (!email || !getEnv().ADMIN_EMAILS.some((admin) => normalizeEmail(admin) === normalizeEmail(email))) return DEFAULT_ROLE;
  if (verified) return ADMIN_ROLE;
  console.warn(
    `ADMIN_EMAILS lists ${normalizeEmail(email)}, but the sign-in provider did not verify that address: ` +
      "the account is created as a plain user. Sign in with a provider that verifies it, or run `npm run user:role`.",
  );
  return DEFAULT_ROLE;
}
