import { MikroORM } from "@mikro-orm/core";
import { createOrmConfig } from "../config/mikro-orm";
import type { DatabaseTarget } from "../config/database-url";
import { AuditLog } from "../entities/AuditLog";
import { actionId } from "../e2e/server-actions";
import { SESSION_REFRESHED_COOKIE } from "../lib/auth/session-cookie";
import { seedLoadMix } from "./lib/load-seed";
import { percentile } from "./lib/load";
import { actionBody, run, type Chosen } from "./lib/closed-loop";
import { heapAfterGcMb, rssMb, startInstance, type Instance } from "./lib/instances";

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
  /**
   * Resident memory (what the machine gives the process; "before" is right
   * after a full collection) and the V8 heap still in use after a full
   * collection, before and after the run: the figure a leak would grow.
   */
  memoryMb: {
    instance: string;
    beforeRss: number;
    everyTenSecondsRss: number[];
    afterRss: number;
    afterGcRss: number;
    heapAfterGcBefore: number;
    heapAfterGcAfter: number;
  }[];
}

export async function benchLoadMix(target: DatabaseTarget): Promise<LoadMixResult> {
  const seeded = await seedLoadMix(target, { people: PEOPLE, admins: ADMINS, targets: ROLE_TARGETS, filler: FILLER_USERS });
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
        return {
          kind: "pageView",
          method: "GET",
          path: slot % 2 ? "/" : "/account",
          headers: { cookie: cookie(pick(seeded.peopleTokens)) },
        };
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
      const headers = {
        cookie: cookie(pick(seeded.adminTokens)),
        "next-action": setRole,
        accept: "text/x-component",
        origin,
        "content-type": contentType,
      };
      return { kind: "roleChange", method: "POST", path: `/admin/users/${userId}`, headers, body };
    };

    // Warm up at full load (routes loaded, pools filled, heaps grown to their working size), then measure memory.
    await Promise.all(instances.map((instance) => run(instance.url, CONNECTIONS / instances.length, WARM_UP_SECONDS, nextRequest)));
    const heapBefore = await Promise.all(instances.map(heapAfterGcMb));
    const before = instances.map((instance) => rssMb(instance.child.pid!));
    const startedAt = new Date();

    const samples: number[][] = [];
    const sampler = setInterval(() => samples.push(instances.map((instance) => rssMb(instance.child.pid!))), 10_000);
    const runs = await Promise.all(instances.map((instance) => run(instance.url, CONNECTIONS / instances.length, SECONDS, nextRequest)));
    clearInterval(sampler);
    const after = instances.map((instance) => rssMb(instance.child.pid!));
    const heapAfter = await Promise.all(instances.map(heapAfterGcMb));
    const afterGc = instances.map((instance) => rssMb(instance.child.pid!));

    const recorded = await countRoleChangesSince(target, startedAt);
    const all = runs.flatMap((result) => result.latencies.map((entry) => entry.ms)).sort((a, b) => a - b);
    const byKind: LoadMixResult["byKind"] = {};
    for (const kind of ["pageView", "adminList", "roleChange"] as const) {
      const latencies = runs
        .flatMap((result) => result.latencies.filter((entry) => entry.kind === kind).map((entry) => entry.ms))
        .sort((a, b) => a - b);
      byKind[kind] = {
        requests: latencies.length,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
      };
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
        afterGcRss: afterGc[index]!,
        heapAfterGcBefore: heapBefore[index]!,
        heapAfterGcAfter: heapAfter[index]!,
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
