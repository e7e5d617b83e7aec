/**
 * `npm run bench`: performance figures against the production build.
 * Writes bench/results/latest.json and prints a summary. Not a test: the
 * targets are reported, and judged by people, never asserted on a noisy machine.
 *
 *   npm run bench                 every part
 *   npm run bench -- auth         signed-in vs anonymous throughput
 *   npm run bench -- profile      where a signed-in request's extra CPU time goes
 *   npm run bench -- admin        the admin users page at 1k, 10k and 100k users
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { closeOrm } from "../lib/db/orm";
import { benchAdminUsers } from "./admin-users";
import { benchAuthOverhead } from "./auth-overhead";
import { profileAuthOverhead } from "./auth-profile";
import { applyBenchEnv, build, freshDatabase, pinning, startServer } from "./lib/server";

const PARTS = ["auth", "profile", "admin"] as const;
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
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, serverPinnedToOneCore: pinning().pinned },
      authOverhead,
      authProfile,
      adminUsers,
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
  } finally {
    await closeOrm();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
