/**
 * `npm run bench`: performance figures against the production build.
 * Writes bench/results/latest.json and prints a summary. Not a test: the
 * targets are reported, and judged by people, never asserted on a noisy machine.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { closeOrm } from "../lib/db/orm";
import { benchAdminUsers } from "./admin-users";
import { benchAuthOverhead } from "./auth-overhead";
import { applyBenchEnv, build, freshDatabase, startServer } from "./lib/server";

async function main(): Promise<void> {
  const target = applyBenchEnv();
  await freshDatabase(target);
  build();
  const server = await startServer();
  try {
    // `npm run bench -- auth` or `-- admin` runs one part.
    const only = process.argv[2];
    const authOverhead = only === "admin" ? null : await benchAuthOverhead();
    const adminUsers = only === "auth" ? null : await benchAdminUsers();
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, serverPinnedToOneCore: server.pinned },
      authOverhead,
      adminUsers,
    };
    mkdirSync("bench/results", { recursive: true });
    writeFileSync(`bench/results/${only ?? "latest"}.json`, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
    if (authOverhead) {
      console.log(
        `\nAuth overhead on ${authOverhead.page}: authenticated ${authOverhead.authenticated.requestsPerSecond} req/s vs ` +
          `anonymous ${authOverhead.anonymous.requestsPerSecond} req/s = ${authOverhead.throughputRatio}x (target >= 0.9x)`,
      );
    }
    if (adminUsers) {
      for (const figure of adminUsers.figures) {
        console.log(`Admin users, ${figure.page}, ${figure.users} users: p50 ${figure.p50Ms} ms, p95 ${figure.p95Ms} ms`);
      }
      console.log(`p95 growth, smallest to largest: ${JSON.stringify(adminUsers.growth)} (targets: p95 <= 50 ms, growth < 3x)`);
    }
  } finally {
    await server.stop();
    await closeOrm();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
