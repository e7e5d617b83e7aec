/**
 * `npm start`: the production server, after the checks that would otherwise
 * fail on its first request:
 * 1. the configuration (the same schema as the server);
 * 2. the database answers, and every migration is applied (migrations are a
 *    release step, `npm run db:migrate`: the server never changes the schema).
 * Each failure is one message that says what to do, and exit code 1.
 * Then `next start`, with any arguments given (e.g. `npm start -- --port 8080`).
 */
import { ConfigurationError, getEnv } from "../config/env";
import { explainDatabaseError } from "../lib/db/errors";
import { loadEnvFiles } from "./lib/load-env-files";
import { exitWith, runInForeground } from "./lib/run";
import { pendingMigrations } from "./migrations";

async function main(): Promise<void> {
  loadEnvFiles();
  // As `next start` will: the production rules of the schema apply (AUTH_URL, no development tools).
  Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? "production" });
  const env = getEnv();
  const pending = await pendingMigrations(env.DATABASE_URL);
  if (pending.length > 0) {
    exitWith(
      `The database is missing ${pending.length} migration${pending.length === 1 ? "" : "s"} (${pending.join(", ")}). ` +
        "Apply them with `npm run db:migrate` before starting this version.",
    );
  }
  runInForeground("npx", ["next", "start", ...process.argv.slice(2)]);
}

main().catch((error: unknown) => exitWith(error instanceof ConfigurationError ? error.message : explainDatabaseError(error).message));
