/**
 * `npm run db:seed`: demo data for trying the admin area, in DATABASE_URL.
 *
 *   npm run db:seed                       200 users
 *   npm run db:seed -- --users 100000     as many as you like (a million takes minutes on PostgreSQL)
 *   npm run db:seed -- --force            even into a database that has real users
 *
 * Users `user-0000000@demo.example` onwards, with a spread of roles, bans
 * (some timed), provider accounts, live sessions and audit entries. Run it
 * again to add more. It refuses a database with users of its own, whose
 * admin pages would be crowded with strangers, unless told with --force.
 */
import { parseArgs } from "node:util";
import { ConfigurationError, getEnv } from "../config/env";
import { explainDatabaseError } from "../lib/db/errors";
import { closeOrm, getEm } from "../lib/db/orm";
import { loadEnvFiles } from "./lib/load-env-files";
import { exitWith } from "./lib/run";
import { DEMO_DOMAIN, seedDemoUsers } from "./lib/seed";

const USAGE = `npm run db:seed [-- options]: demo users for trying the admin area, in DATABASE_URL.
  --users N   how many (default 200; a million takes minutes on PostgreSQL)
  --force     even into a database that has users of its own`;

async function main(): Promise<void> {
  loadEnvFiles();
  const { values } = parseArgs({
    options: {
      users: { type: "string", default: "200" },
      force: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const count = Number(values.users);
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) exitWith("--users must be a whole number from 1 to 10000000.");
  getEnv();
  const started = Date.now();
  const from = await seedDemoUsers(await getEm(), count, { force: values.force });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Seeded ${count} demo users (user-${String(from).padStart(7, "0")}@${DEMO_DOMAIN} onwards) in ${seconds} s.`);
}

main()
  .catch((error: unknown) => exitWith(error instanceof ConfigurationError ? error.message : explainDatabaseError(error).message))
  .finally(() => closeOrm());
