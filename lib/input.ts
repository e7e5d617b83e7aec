import { z } from "zod";

/**
 * What the app accepts from a request (URL parameters, form fields), made
 * safe before it reaches the database: PostgreSQL refuses NUL bytes, and
 * lone UTF-16 surrogates or control characters have no business in names,
 * searches or reasons. Invalid input is dropped or refused here, never
 * turned into a database error.
 */

/** C0 control characters and DEL, except tab and line breaks (kept in multi-line text). */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const LINE_BREAKS_AND_TABS = /[\t\n\r]/g;

/** Text with control characters removed and lone surrogates replaced; one line unless `multiline`. */
export function cleanText(value: string, { multiline = false } = {}): string {
  const cleaned = value.toWellFormed().replace(CONTROL_CHARACTERS, "");
  return (multiline ? cleaned : cleaned.replace(LINE_BREAKS_AND_TABS, " ")).trim();
}

/** A single-line text field of at most `max` characters, cleaned. */
export const singleLineText = (max: number, message = `Keep it under ${max} characters.`) =>
  z
    .string()
    .transform((value) => cleanText(value))
    .pipe(z.string().max(max, message));

/** A multi-line text field of at most `max` characters, cleaned. */
export const multiLineText = (max: number, message = `Keep it under ${max} characters.`) =>
  z
    .string()
    .transform((value) => cleanText(value, { multiline: true }))
    .pipe(z.string().max(max, message));

/** The shape of every id the app makes (UUIDs, and what providers and Auth.js use). */
export const ID_PATTERN = /^[\w-]{1,64}$/;

export const idSchema = z.string().trim().regex(ID_PATTERN, "Not a valid id.");
