import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { spawn, type ChildProcess } from "node:child_process";
import { MikroORM } from "@mikro-orm/core";
import { Agent, request as httpRequest } from "node:http";
import { createOrmConfig } from "../config/mikro-orm";
import type { DatabaseTarget } from "../config/database-url";
import { Session } from "../entities/Session";
import { User } from "../entities/User";
import { AuditLog } from "../entities/AuditLog";
import { actionId } from "../e2e/server-actions";
import { hashSessionToken, newSessionToken } from "../lib/auth/session-store";
import { SESSION_REFRESHED_COOKIE } from "../lib/auth/session-cookie";
import { percentile } from "./lib/load";

/**
 * `npm run bench -- load`: two production instances on one PostgreSQL
 * database, as behind a load balancer, under 200 connections for 60 seconds
 * on loopback: signed-in page views from many distinct sessions, admin list
 * pages and role changes. Reports throughput, latency percentiles, errors,
 * and each instance's memory before and after.
 */

const CONNECTIONS = 200;
/** BENCH_LOAD_SECONDS shortens a trial run; the figures to report are from the full 60. */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
/** Long enough for each server's heap to reach its working size under this load, so "before" is a steady state. */
const WARM_UP_SECONDS = 45;
const PORTS = [3211, 3212];
const PEOPLE = 2_000;
const ADMINS = 20;
/** Few enough that the admin set stays small (each change locks it), as in a real app. */
const ROLE_TARGETS = 100;
const FILLER_USERS = 10_000;

/** Of each 100 requests: signed-in page views, admin list pages, role changes. */
const MIX = { pageViews: 70, adminLists: 22, roleChanges: 8 } as const;

interface Instance {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface LoadMixResult {
  instances: number;
  connections: number;
  seconds: number;
  users: number;
  distinctSessions: number;
  mix: typeof MIX;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  byKind: Record<string, { requests: number; p50: number; p95: number; p99: number }>;
  errors: number;
  non2xx: number;
  timeouts: number;
  roleChanges: { answered: number; refused: number; recorded: number };
  memoryMb: { instance: string; beforeRss: number; everyTenSecondsRss: number[]; afterRss: number; afterIdleRss: number }[];
}

async function seed(target: DatabaseTarget) {
  const orm = await MikroORM.init(createOrmConfig(target));
  try {
    const em = orm.em.fork();
    const now = new Date();
    const user = (role: "user" | "admin", label: string, index: number) => ({
      id: randomUUID(),
      name: `Load ${label} ${index}`,
      nameSearch: `load ${label} ${index}`,
      email: `${label}-${index}@load.example`,
      role,
      createdAt: new Date(now.getTime() - index * 1000),
    });
    const sessionFor = (userId: string) => {
      const token = newSessionToken();
      const row = { id: randomUUID(), user: userId, userId, tokenHash: hashSessionToken(token), expires: new Date(now.getTime() + 86_400_000), createdAt: now, lastSeenAt: now, authenticatedAt: now };
      return { token, row };
    };
    const people = Array.from({ length: PEOPLE }, (_, index) => user("user", "person", index));
    const admins = Array.from({ length: ADMINS }, (_, index) => user("admin", "admin", index));
    const targets = Array.from({ length: ROLE_TARGETS }, (_, index) => user("user", "target", index));
    const filler = Array.from({ length: FILLER_USERS }, (_, index) => user("user", "filler", index));
    for (let start = 0; start < filler.length; start += 2000) await em.insertMany(User, filler.slice(start, start + 2000));
    await em.insertMany(User, [...people, ...admins, ...targets]);
    const peopleSessions = people.map((person) => sessionFor(person.id));
    const adminSessions = admins.map((admin) => sessionFor(admin.id));
    await em.insertMany(Session, [...peopleSessions, ...adminSessions].map((session) => session.row));
    return {
      users: people.length + admins.length + targets.length + filler.length,
      peopleTokens: peopleSessions.map((session) => session.token),
      adminTokens: adminSessions.map((session) => session.token),
      targetIds: targets.map((target) => target.id),
    };
  } finally {
    await orm.close(true);
  }
}

async function startInstance(port: number, databaseUrl: string): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_URL: url,
      // One address sends everything here; the limits themselves are tested elsewhere.
      RATE_LIMIT_ADMIN: "100000/1m",
      RATE_LIMIT_SIGN_IN: "100000/1m",
      RATE_LIMIT_ACCOUNT: "100000/1m",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`next start on ${port} exited with ${child.exitCode}`);
    if (await fetch(`${url}/sign-in`).then((response) => response.ok, () => false)) break;
    if (waited > 60_000) throw new Error(`next start on ${port} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

/** A server action's multipart body, as React's client sends it (e2e/server-actions.ts). */
function actionBody(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = `----load${randomUUID().replace(/-/g, "")}`;
  // The fields first, then the argument list that refers to them: React reads the parts in order.
  const parts = [...Object.entries(fields).map(([key, value]) => [`_1_${key}`, value]), ["0", JSON.stringify([null, "$K1"])]];
  const body = parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

type Kind = "pageView" | "adminList" | "roleChange";

export async function benchLoadMix(target: DatabaseTarget): Promise<LoadMixResult> {
  const seeded = await seed(target);
  const instances: Instance[] = [];
  try {
    for (const port of PORTS) instances.push(await startInstance(port, target.location));
    const setRole = actionId("setUserRoleAction");
    const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
    const cookie = (token: string) => `authjs.session-token=${token}; ${SESSION_REFRESHED_COOKIE}=1`;
    let roleChangeCount = 0;
    let sequence = 0;

    /** The next request of the mix, for one instance. */
    const nextRequest = (origin: string): Chosen => {
      const slot = sequence++ % 100;
      if (slot < MIX.pageViews) {
        return { kind: "pageView", method: "GET", path: slot % 2 ? "/" : "/account", headers: { cookie: cookie(pick(seeded.peopleTokens)) } };
      }
      if (slot < MIX.pageViews + MIX.adminLists) {
        const query = pick(["", "?q=load+person+1", "?role=admin", "?sort=name", "?q=filler+9"]);
        return { kind: "adminList", method: "GET", path: `/admin/users${query}`, headers: { cookie: cookie(pick(seeded.adminTokens)) } };
      }
      // Each target's role goes user -> admin -> user ..., its changes ROLE_TARGETS requests apart.
      const index = roleChangeCount++;
      const userId = seeded.targetIds[index % ROLE_TARGETS]!;
      const role = Math.floor(index / ROLE_TARGETS) % 2 === 0 ? "admin" : "user";
      const { body, contentType } = actionBody({ userId, role });
      const headers = { cookie: cookie(pick(seeded.adminTokens)), "next-action": setRole, accept: "text/x-component", origin, "content-type": contentType };
      return { kind: "roleChange", method: "POST", path: `/admin/users/${userId}`, headers, body };
    };

    // Warm up at full load (routes loaded, pools filled, heaps grown to their working size), then measure memory.
    await Promise.all(instances.map((instance) => run(instance.url, CONNECTIONS / instances.length, WARM_UP_SECONDS, nextRequest)));
    const before = instances.map((instance) => rssMb(instance.child.pid!));
    const startedAt = new Date();

    const samples: number[][] = [];
    const sampler = setInterval(() => samples.push(instances.map((instance) => rssMb(instance.child.pid!))), 10_000);
    const runs = await Promise.all(instances.map((instance) => run(instance.url, CONNECTIONS / instances.length, SECONDS, nextRequest)));
    clearInterval(sampler);
    const after = instances.map((instance) => rssMb(instance.child.pid!));
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const afterIdle = instances.map((instance) => rssMb(instance.child.pid!));

    const recorded = await countRoleChangesSince(target, startedAt);
    const all = runs.flatMap((result) => result.latencies.map((entry) => entry.ms)).sort((a, b) => a - b);
    const byKind: LoadMixResult["byKind"] = {};
    for (const kind of ["pageView", "adminList", "roleChange"] as const) {
      const latencies = runs.flatMap((result) => result.latencies.filter((entry) => entry.kind === kind).map((entry) => entry.ms)).sort((a, b) => a - b);
      byKind[kind] = { requests: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) };
    }
    return {
      instances: instances.length,
      connections: CONNECTIONS,
      seconds: SECONDS,
      users: seeded.users,
      distinctSessions: seeded.peopleTokens.length + seeded.adminTokens.length,
      mix: MIX,
      requests: all.length,
      requestsPerSecond: Math.round(all.length / SECONDS),
      latencyMs: { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), max: all.at(-1) ?? 0 },
      byKind,
      errors: runs.reduce((sum, result) => sum + result.errors, 0),
      non2xx: runs.reduce((sum, result) => sum + result.non2xx, 0),
      timeouts: runs.reduce((sum, result) => sum + result.timeouts, 0),
      roleChanges: { answered: byKind.roleChange!.requests, refused: runs.reduce((sum, result) => sum + result.refusals, 0), recorded },
      memoryMb: instances.map((instance, index) => ({
        instance: instance.url,
        beforeRss: before[index]!,
        everyTenSecondsRss: samples.map((sample) => sample[index]!),
        afterRss: after[index]!,
        afterIdleRss: afterIdle[index]!,
      })),
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
  }
}

async function countRoleChangesSince(target: DatabaseTarget, since: Date): Promise<number> {
  const orm = await MikroORM.init(createOrmConfig(target));
  try {
    return await orm.em.fork().count(AuditLog, { action: "role_change", createdAt: { $gte: since } });
  } finally {
    await orm.close(true);
  }
}

interface RunResult {
  latencies: { kind: Kind; ms: number }[];
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Answers with status 200 whose body reports a refusal (a server action's `{ status: "error" }`). */
  refusals: number;
}


interface Chosen {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends one request on a keep-alive agent; resolves with its status and body. */
function send(agent: Agent, url: URL, chosen: Chosen): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { agent, host: url.hostname, port: url.port, method: chosen.method, path: chosen.path, headers: chosen.headers, timeout: 30_000 },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(chosen.body);
  });
}

/**
 * `connections` clients against one instance for `seconds`, each sending the
 * next request of the mix as soon as its last one is answered (a closed
 * loop, so the load is bounded by the connection count).
 */
async function run(url: string, connections: number, seconds: number, next: (origin: string) => Chosen): Promise<RunResult> {
  const result: RunResult = { latencies: [], errors: 0, non2xx: 0, timeouts: 0, refusals: 0 };
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const chosen = next(url);
      const sentAt = performance.now();
      try {
        const { status, body } = await send(agent, target, chosen);
        result.latencies.push({ kind: chosen.kind, ms: performance.now() - sentAt });
        if (status < 200 || status >= 300) {
          if (result.non2xx++ === 0) console.error(`${chosen.method} ${chosen.path} answered ${status}: ${body.slice(0, 300)}`);
        } else if (chosen.kind === "roleChange" && body.includes(`"status":"error"`)) {
          if (result.refusals++ === 0) console.error(`A role change was refused: ${body.slice(0, 600).replace(/\n/g, " ")}`);
        }
      } catch (error) {
        result.errors++;
        if ((error as Error).message === "timeout") result.timeouts++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  agent.destroy();
  return result;
}
