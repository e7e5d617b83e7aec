import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SESSION_REFRESHED_COOKIE } from "../lib/auth/session-cookie";
import { bundledModuleAt, selfTimeByCategory, type Categorise } from "./lib/cpu-profile";
import { load } from "./lib/load";
import { BENCH_PORT, BENCH_URL, pinning, waitUntilAnswering } from "./lib/server";
import { seedSession } from "./auth-overhead";

/** Where code bundled into .next/server came from: the module it was written in (bench/lib/cpu-profile.ts). */
function bundledCategory(module: string | null): string {
  if (module === null) return "bundled code of unknown module";
  if (/^node_modules\/(@auth|next-auth|jose|oauth4webapi|@panva|preact|preact-render-to-string)\//.test(module))
    return "Auth.js (next-auth, @auth/core)";
  if (/^node_modules\/next\//.test(module)) return "Next.js (bundled)";
  if (/^node_modules\/(react|react-dom|scheduler)\//.test(module)) return "React (bundled)";
  if (/^node_modules\//.test(module)) return "other packages (bundled)";
  if (/^(auth\.ts|lib\/auth\/|lib\/db\/)/.test(module)) return "app: auth.ts, lib/auth, lib/db";
  return "app: pages, components, proxy";
}

/** Where the server's CPU time goes, by the package or module it is spent in. */
const categorise: Categorise = ({ functionName, url, lineNumber }) => {
  if (functionName === "(idle)") return null;
  if (functionName === "(garbage collector)") return "garbage collection";
  if (!url) return "V8 and native code";
  if (url.startsWith("node:")) return "Node.js (streams, promises, async hooks)";
  if (/node_modules\/@mikro-orm\//.test(url)) return "MikroORM";
  if (/node_modules\/(knex|tarn)\//.test(url)) return "knex and its pool (MikroORM's SQL layer)";
  if (/node_modules\/(sqlite3|pg|pg-protocol|mysql2|mariadb)\//.test(url)) return "database driver";
  if (/node_modules\/next\//.test(url)) return "Next.js server";
  if (url.includes("/.next/server/")) return bundledCategory(bundledModuleAt(url, lineNumber));
  return "other";
};

/** Time in these is the caller's: Node.js's streams and promises, V8's builtins and collecting garbage serve whoever called them. */
const CHARGED_TO_CALLER = new Set([
  "Node.js (streams, promises, async hooks)",
  "V8 and native code",
  "garbage collection",
  "bundled code of unknown module",
]);

export interface ProfileRow {
  category: string;
  anonymousUsPerRequest: number;
  signedInUsPerRequest: number;
  extraUs: number;
}

/**
 * Where a signed-in request's extra time goes: the production server runs
 * under V8's CPU profiler while it serves the home page anonymously and with
 * a session cookie, in alternating rounds; each side's CPU time per request
 * is split by category, and the difference is what being signed in costs.
 * The profiler slows everything down: compare rows, not absolute times.
 */
export async function profileAuthOverhead(rounds = 4, seconds = 3): Promise<ProfileRow[]> {
  const directory = mkdtempSync(join(tmpdir(), "starter-profile-"));
  const next = [
    "node",
    "--cpu-prof",
    `--cpu-prof-dir=${directory}`,
    "node_modules/next/dist/bin/next",
    "start",
    "--port",
    String(BENCH_PORT),
  ];
  const [command, ...args] = [...pinning().server, ...next];
  const server = spawn(command!, args, { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  await waitUntilAnswering(() => server.exitCode);
  const url = `${BENCH_URL}/`;
  const signedIn = { cookie: `authjs.session-token=${await seedSession()}; ${SESSION_REFRESHED_COOKIE}=1` };
  await load(url, {}, 4);
  await load(url, signedIn, 4);
  const windows: { signedIn: boolean; from: bigint; to: bigint; requests: number }[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const withCookie of round % 2 === 0 ? [false, true] : [true, false]) {
      const from = process.hrtime.bigint();
      const result = await load(url, withCookie ? signedIn : {}, seconds);
      windows.push({ signedIn: withCookie, from, to: process.hrtime.bigint(), requests: result.requests });
    }
  }
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGINT");
  await exited;
  const file = join(
    directory,
    readdirSync(directory).find((name) => name.endsWith(".cpuprofile"))!,
  );
  const [anonymous, withSession] = [false, true].map((side) => {
    const totals = new Map<string, number>();
    let requests = 0;
    for (const window of windows.filter((candidate) => candidate.signedIn === side)) {
      requests += window.requests;
      for (const [category, time] of selfTimeByCategory(file, window.from, window.to, categorise, CHARGED_TO_CALLER)) {
        totals.set(category, (totals.get(category) ?? 0) + time);
      }
    }
    return { requests, totals };
  });
  const categories = new Set([...anonymous!.totals.keys(), ...withSession!.totals.keys()]);
  const perRequest = (phase: typeof anonymous, category: string) => Math.round((phase!.totals.get(category) ?? 0) / phase!.requests);
  const rows = [...categories].map((category) => {
    const anonymousUs = perRequest(anonymous, category);
    const signedInUs = perRequest(withSession, category);
    return { category, anonymousUsPerRequest: anonymousUs, signedInUsPerRequest: signedInUs, extraUs: signedInUs - anonymousUs };
  });
  rows.sort((a, b) => b.extraUs - a.extraUs);
  const sum = (key: keyof Omit<ProfileRow, "category">) => rows.reduce((total, row) => total + row[key], 0);
  rows.push({
    category: "total",
    anonymousUsPerRequest: sum("anonymousUsPerRequest"),
    signedInUsPerRequest: sum("signedInUsPerRequest"),
    extraUs: sum("extraUs"),
  });
  return rows;
}
