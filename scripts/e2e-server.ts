/**
 * The e2e suite's app server: a fresh database, migrated, then the production
 * build (`next build && next start`). Run by playwright.config.ts. It deletes
 * the database first (SQLite's file, or the server's database), which it may
 * only if its name marks it as scratch (dropDatabase).
 */
import { spawnSync } from "node:child_process";
import { getEnv } from "../config/env";
import { migrate } from "./migrations";
import { exitWith, runInForeground } from "./lib/run";
import { dropDatabase } from "./lib/scratch-databases";

async function main(): Promise<void> {
  const port = process.argv[2] ?? "3100";
  const target = getEnv().DATABASE_URL;
  await dropDatabase(target);
  await migrate(target);
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
  runInForeground("npx", ["next", "start", "--port", port]);
}

main().catch((error: unknown) => exitWith(error instanceof Error ? error.message : String(error)));
