import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { migrate } from "../../scripts/migrations";
import { dropDatabase } from "../../scripts/lib/scratch-databases";
import { parseDatabaseUrl, type DatabaseTarget } from "../../config/database-url";

export const BENCH_PORT = 3200;
export const BENCH_URL = `http://localhost:${BENCH_PORT}`;
/** Where the other build runs when two are compared (BENCH_BASELINE: bench/lib/baseline.ts). */
export const BASELINE_PORT = 3201;

/** The production server's environment; the bench process uses the same one to seed. */
export const benchEnv = {
  AUTH_SECRET: "bench-only-secret-that-is-long-enough-0123456789",
  AUTH_URL: BENCH_URL,
  // Absolute: a baseline build (bench/lib/baseline.ts) runs from another folder on the same database.
  DATABASE_URL: `sqlite:${resolve("data/bench-scratch.db")}`,
  NEXT_TELEMETRY_DISABLED: "1",
  // Set (empty) so that a developer's .env cannot switch them on here.
  AUTH_LOCAL_OIDC_ISSUER: "",
  ADMIN_EMAILS: "",
};

export function applyBenchEnv(): DatabaseTarget {
  Object.assign(process.env, benchEnv);
  const target = parseDatabaseUrl(benchEnv.DATABASE_URL);
  if (typeof target === "string") throw new Error(target);
  return target;
}

export async function freshDatabase(target: DatabaseTarget): Promise<void> {
  await dropDatabase(target);
  await migrate(target);
}

/** The load part's database: bench_scratch on the PostgreSQL server in BENCH_POSTGRES_URL or TEST_POSTGRES_URL, fresh and migrated. */
export async function freshLoadDatabase(): Promise<DatabaseTarget> {
  const server = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
  if (!server)
    throw new Error(
      "npm run bench -- load needs a PostgreSQL server: set BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)",
    );
  const url = new URL(server);
  url.pathname = "/bench_scratch";
  const target = parseDatabaseUrl(url.toString());
  if (typeof target === "string" || target.dialect !== "postgresql") throw new Error(`BENCH_POSTGRES_URL must be a postgresql:// URL`);
  await freshDatabase(target);
  return target;
}

export function build(): void {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
  if (result.status !== 0) throw new Error("next build failed");
}

export interface RunningServer {
  stop(): Promise<void>;
}

/**
 * On a machine with taskset and two or more cores, the server gets core 0 and
 * this process (the load generator) core 1, so they do not steal each other's
 * time and runs compare like with like.
 */
export function pinning(): { server: string[]; pinned: boolean } {
  const available = spawnSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" }).status === 0;
  return available && cpus().length >= 2 ? { server: ["taskset", "-c", "0"], pinned: true } : { server: [], pinned: false };
}

/** Resolves once the server on `port` answers; `exitCode` tells whether it died instead. */
export async function waitUntilAnswering(exitCode: () => number | null, port = BENCH_PORT): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://localhost:${port}/sign-in`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (exitCode() !== null) throw new Error(`next start exited with ${exitCode()}`);
    if (Date.now() > deadline) throw new Error("next start did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `next start` of the build in `cwd` (this one by default) on `port`; resolves once it answers. */
export async function startServer(port = BENCH_PORT, cwd = process.cwd()): Promise<RunningServer & { pinned: boolean }> {
  const { server, pinned } = pinning();
  const command = [...server, "npx", "next", "start", "--port", String(port)];
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    cwd,
    env: { ...process.env, AUTH_URL: `http://localhost:${port}` },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  await waitUntilAnswering(() => child.exitCode, port);
  return {
    pinned,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}
