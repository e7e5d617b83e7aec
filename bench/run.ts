/**
 * `npm run bench`: performance figures against the production build.
 * Writes bench/results/latest.json and prints a summary. Not a test: the
 * targets are reported, and judged by people, never asserted on a noisy machine.
 *
 *   npm run bench                 every part
 *   npm run bench -- auth         signed-in vs anonymous throughput
 *   npm run bench -- profile      where a signed-in request's extra CPU time goes
 *   npm run bench -- admin        the admin users page at 1k, 10k and 100k users
 *   npm run bench -- load         two instances on PostgreSQL, 200 connections for 60 s
 *                                 (the server in BENCH_POSTGRES_URL or TEST_POSTGRES_URL)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { closeOrm } from "../lib/db/orm";
import { benchAdminUsers } from "./admin-users";
import { benchAuthOverhead } from "./auth-overhead";
import { benchLoadMix } from "./load-mix";
import { profileAuthOverhead } from "./auth-profile";
import { applyBenchEnv, build, freshDatabase, freshLoadDatabase, pinning, startServer } from "./lib/server";

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
    const authOverhead = runs("auth") ? await withServer(() => benchAuthOverhead()) : null;
    const authProfile = runs("profile") ? await profileAuthOverhead() : null;
    const adminUsers = runs("admin") ? await withServer(() => benchAdminUsers()) : null;
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
      console.log(
        `\nAuth overhead on ${authOverhead.page}: authenticated ${authOverhead.authenticated.requestsPerSecond} req/s vs ` +
          `anonymous ${authOverhead.anonymous.requestsPerSecond} req/s = ${authOverhead.throughputRatio}x ` +
          `(rounds ${authOverhead.ratioRange.join("-")}; target >= 0.85x)`,
      );
    }
    if (authProfile) {
      console.log("\nCPU µs per request: anonymous, signed in, extra");
      for (const row of authProfile) {
        console.log(`  ${row.category.padEnd(60)} ${String(row.anonymousUsPerRequest).padStart(6)} ${String(row.signedInUsPerRequest).padStart(6)} ${String(row.extraUs).padStart(6)}`);
      }
    }
    if (adminUsers) {
      for (const figure of adminUsers.figures) {
        console.log(`Admin users, ${figure.page}, ${figure.users} users: p50 ${figure.p50Ms} ms, p95 ${figure.p95Ms} ms`);
      }
      console.log(`p95 growth, smallest to largest: ${JSON.stringify(adminUsers.growth)} (targets: p95 <= 50 ms, growth < 3x)`);
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
