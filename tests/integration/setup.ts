import { register } from "tsx/esm/api";
import { afterAll, beforeAll } from "vitest";
import type { MigrationDialect } from "@/config/mikro-orm";
import { closeOrm } from "@/lib/db/orm";
import { migrate } from "@/scripts/migrations";
import { dropDatabase, scratchTarget } from "@/scripts/lib/scratch-databases";

// The Migrator imports migration files with Node's own loader, not Vite's.
register();

// Each test file gets a fresh database built by the committed migrations:
// SQLite, or PostgreSQL / MySQL in the integration-postgresql and
// integration-mysql projects (vitest.config.ts).
const dialect = (process.env.TEST_DATABASE ?? "sqlite") as MigrationDialect;
const target = scratchTarget(dialect);
if (!target)
  throw new Error(`TEST_DATABASE=${dialect} needs the server URL in ${dialect === "mysql" ? "TEST_MYSQL_URL" : "TEST_POSTGRES_URL"}`);
process.env.DATABASE_URL = target.dialect === "sqlite" ? `sqlite:${target.location}` : target.location;
process.env.AUTH_SECRET = "integration-tests-secret-0123456789abcdef";
process.env.ADMIN_EMAILS = "boss@example.test";
// Email sign-in is on (nothing is sent: tests make tokens themselves).
process.env.EMAIL_SERVER = "smtp://127.0.0.1:9";
process.env.EMAIL_FROM = "Integration <no-reply@example.test>";
// Tests act far faster than people; tests/integration/rate-limits.test.ts sets its own limits.
process.env.RATE_LIMIT_ADMIN = "100000/1m";
process.env.RATE_LIMIT_SIGN_IN = "100000/1m";

beforeAll(async () => {
  await migrate(target);
});

afterAll(async () => {
  await closeOrm();
  await dropDatabase(target);
});
