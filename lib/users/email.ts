/**
 * The one form an email is stored, looked up and compared in: trimmed, lower
 * case, Unicode NFC (so "å" typed two ways is one character). The columns
 * compare byte for byte on every database (see the migrations).
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize("NFC").toLowerCase();
}
