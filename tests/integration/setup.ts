import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll } from "vitest";
import { closeDatabase } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { migrate } from "@/scripts/db";

// The Migrator imports migration files with Node's own loader, not Vite's.
register();

// Each test file gets a fresh SQLite database built by the committed migrations.
const file = join(tmpdir(), `starter-it-${randomUUID()}.db`);
process.env.DATABASE_URL = `sqlite:${file}`;
process.env.AUTH_SECRET = "integration-tests-secret-0123456789abcdef";
process.env.ADMIN_EMAILS = "boss@example.test";

beforeAll(async () => {
  await migrate(getEnv().DATABASE_URL);
});

afterAll(async () => {
  await closeDatabase();
  for (const ext of ["", "-wal", "-shm"]) rmSync(file + ext, { force: true });
});
