/**
 * Runs once when the server starts, before it answers any request:
 * - a configuration error stops it here, with the env schema's message;
 * - auth.ts is loaded first, so the Auth.js adapter is the one that opens the
 *   process's database connection (see lib/db/orm.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnInvalidConfiguration } = await import("./config/env");
    exitOnInvalidConfiguration();
    await import("./auth");
  }
}
