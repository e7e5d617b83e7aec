/**
 * `npm run bench`: performance figures against the production build.
 * Writes bench/results/latest.json and prints a summary. Not a test: the
 * targets are reported, and judged by people, never asserted on a noisy machine.
 *
 *   npm run bench                 every part
 *   npm run bench -- auth         signed-in vs anonymous throughput (BENCH_BASELINE=<commit>:
 *                                 that commit's build measured beside this one, alternated)
 *   npm run bench -- profile      where a signed-in request's extra CPU time goes
 *   npm run bench -- admin        the admin users page at 1k, 10k and 100k users
 *   npm run bench -- load         two instances on PostgreSQL, 200 connections for 60 s
 *                                 (the server in BENCH_POSTGRES_URL or TEST_POSTGRES_URL)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { MikroORM } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/knex";
import { createOrmConfig } from "../config/mikro-orm";
import { closeOrm, getEm } from "../lib/db/orm";
import { benchAdminUsers, type AdminUsersResult } from "./admin-users";
import { benchAuthOverhead, type AuthOverheadResult } from "./auth-overhead";
import { benchLoadMix } from "./load-mix";
import { profileAuthOverhead } from "./auth-profile";
import { prepareBaseline } from "./lib/baseline";
import { applyBenchEnv, BASELINE_PORT, BENCH_URL, build, freshDatabase, freshLoadDatabase, pinning, startServer } from "./lib/server";

const PARTS = ["auth", "profile", "admin", "load"] as const;
type Part = (typeof PARTS)[number];

async function withServer<T>(work: () => Promise<T>): Promise<T> {
  const server = await startServer();
  try {
    return await work();
  } finally {
    await server.stop();
  }
}

/** The admin users page on SQLite, then on PostgreSQL (bench_scratch) where a server is configured. */
async function measureAdminUsers(): Promise<AdminUsersResult[]> {
  const results = [await withServer(async () => benchAdminUsers("sqlite", await getEm()))];
  if (!(process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL)) return results;
  const target = await freshLoadDatabase();
  const orm = await MikroORM.init(createOrmConfig(target));
  const sqlite = process.env.DATABASE_URL;
  process.env.DATABASE_URL = target.location;
  try {
    results.push(await withServer(() => benchAdminUsers("postgresql", orm.em.fork() as EntityManager)));
  } finally {
    process.env.DATABASE_URL = sqlite;
    await orm.close(true);
  }
  return results;
}

/** This build, and beside it the build of BENCH_BASELINE when set, both answering. */
async function measureAuthOverhead(): Promise<AuthOverheadResult> {
  const ref = process.env.BENCH_BASELINE;
  if (!ref) return withServer(() => benchAuthOverhead([{ name: "this build", url: BENCH_URL }]));
  const baseline = prepareBaseline(ref);
  const other = await startServer(BASELINE_PORT, baseline.dir);
  try {
    return await withServer(() =>
      benchAuthOverhead([
        { name: "this build", url: BENCH_URL },
        { name: `baseline ${baseline.commit}`, url: `http://localhost:${BASELINE_PORT}` },
      ]),
    );
  } finally {
    await other.stop();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only !== undefined && !PARTS.includes(only as Part)) {
    throw new Error(`Unknown part "${only}": use one of ${PARTS.join(", ")}, or nothing for all`);
  }
  const runs = (part: Part) => only === undefined || only === part;
  const target = applyBenchEnv();
  await freshDatabase(target);
  build();
  try {
    const authOverhead = runs("auth") ? await measureAuthOverhead() : null;
    const authProfile = runs("profile") ? await profileAuthOverhead() : null;
    const adminUsers = runs("admin") ? await measureAdminUsers() : null;
    // Every part runs the load part only where a PostgreSQL server is configured; `-- load` requires one.
    const loadServer = Boolean(process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL);
    const loadMix = only === "load" || (runs("load") && loadServer) ? await benchLoadMix(await freshLoadDatabase()) : null;
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, serverPinnedToOneCore: pinning().pinned },
      authOverhead,
      authProfile,
      adminUsers,
      loadMix,
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync(`bench/results/${only ?? "latest"}.json`, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
    if (authOverhead) {
      for (const figures of authOverhead.builds) {
        console.log(
          `\nAuth overhead on ${authOverhead.page}, ${figures.build}: authenticated ${figures.authenticated.requestsPerSecond} req/s vs ` +
            `anonymous ${figures.anonymous.requestsPerSecond} req/s = ${figures.throughputRatio}x ` +
            `(rounds ${figures.ratioRange.join("-")}; target >= 0.85x)`,
        );
      }
      const versus = authOverhead.anonymousVersusSecond;
      if (versus)
        console.log(`Anonymous, this build over the baseline: ${versus.ratio}x (rounds ${versus.range.join("-")}; target within 5%)`);
    }
    if (authProfile) {
      console.log("\nCPU µs per request: anonymous, signed in, extra");
      for (const row of authProfile) {
        console.log(
          `  ${row.category.padEnd(60)} ${String(row.anonymousUsPerRequest).padStart(6)} ${String(row.signedInUsPerRequest).padStart(6)} ${String(row.extraUs).padStart(6)}`,
        );
      }
    }
    for (const result of adminUsers ?? []) {
      for (const figure of result.figures) {
        console.log(
          `Admin users, ${figure.database}, ${figure.page}, ${figure.users} users: p50 ${figure.p50Ms} ms, p95 ${figure.p95Ms} ms`,
        );
      }
      console.log(`p95 growth, smallest to largest: ${JSON.stringify(result.growth)} (targets: p95 <= 50 ms, growth < 3x)`);
    }
    if (loadMix) {
      const { latencyMs: latency, roleChanges } = loadMix;
      console.log(
        `\nLoad: ${loadMix.instances} instances, ${loadMix.connections} connections, ${loadMix.seconds} s: ${loadMix.requestsPerSecond} req/s, ` +
          `p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms; errors ${loadMix.errors}, non-2xx ${loadMix.non2xx}, ` +
          `role changes answered ${roleChanges.answered}, refused ${roleChanges.refused}, recorded ${roleChanges.recorded} (target: 0 errors)`,
      );
      for (const memory of loadMix.memoryMb) {
        console.log(
          `  ${memory.instance}: RSS ${memory.beforeRss} MB before, ${memory.everyTenSecondsRss.join(", ")} MB every 10 s, ${memory.afterRss} MB after, ${memory.afterGcRss} MB after a full GC; ` +
            `heap after a full GC ${memory.heapAfterGcBefore} MB before, ${memory.heapAfterGcAfter} MB after`,
        );
      }
    }
  } finally {
    await closeOrm();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
