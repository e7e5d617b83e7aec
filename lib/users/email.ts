import { z } from "zod";

/**
 * The one form an email is stored, looked up and compared in: trimmed, lower
 * case, Unicode NFC (so "å" typed two ways is one character). The columns
 * compare byte for byte on every database (see the migrations).
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}

/**
 * An address someone types to get a sign-in link, normalised. Plain ASCII
 * addresses only (zod's email rule): no quotes, commas or look-alike "@",
 * so no mail software can read it as a different or second recipient.
 */
export const emailAddressSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }))
  .transform(normalizeEmail);
