import { randomUUID } from "node:crypto";
import { SESSION_REFRESHED_COOKIE } from "../lib/auth/session-cookie";
import { User } from "../entities/User";
import type { EntityManager } from "@mikro-orm/knex";
import { Session } from "../entities/Session";
import { demoSession, seedUsers, PLAIN } from "../scripts/lib/seed";
import { load, median } from "./lib/load";
import { BENCH_URL } from "./lib/server";

export interface AdminUsersFigure {
  database: string;
  users: number;
  page: string;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
}

export interface AdminUsersResult {
  figures: AdminUsersFigure[];
  /** p95 at the largest size divided by p95 at the smallest, per page (target: under 3). */
  growth: Record<string, number>;
}

/** Adds plain users (each with a GitHub, Google or local account) until there are `total` (bench/lib/seed.ts). */
async function seedUsersUpTo(em: EntityManager, total: number): Promise<void> {
  const count = await em.count(User);
  if (count < total) await seedUsers(em, count, total - count, "bench.example", PLAIN);
}

async function seedAdminSession(em: EntityManager): Promise<string> {
  const admin = em.create(User, { name: "Bench Admin", email: `admin-${randomUUID()}@bench.example`, role: "admin" });
  await em.flush();
  const session = demoSession(admin.id);
  await em.insert(Session, { ...session.row, expires: new Date(Date.now() + 30 * 86_400_000) });
  return session.token;
}

/**
 * The admin users page at each size (by default 1,000 to 1,000,000 users),
 * on the database the bench server uses: the first page, and an email
 * search (a prefix matching ten users). Latency as one admin sees it (one
 * client, no queueing behind other requests), after a warm-up; the median
 * of three runs per figure.
 */
export async function benchAdminUsers(
  database: string,
  em: EntityManager,
  sizes = [1_000, 10_000, 100_000, 1_000_000],
): Promise<AdminUsersResult> {
  const cookie = { cookie: `authjs.session-token=${await seedAdminSession(em)}; ${SESSION_REFRESHED_COOKIE}=1` };
  const pages = { "first page": "/admin/users", "email search": "/admin/users?q=user-000012" };
  const figures: AdminUsersFigure[] = [];
  for (const size of sizes) {
    const seeding = Date.now();
    await seedUsersUpTo(em, size);
    console.log(`Admin users bench, ${database}: ${size} users (seeded in ${Math.round((Date.now() - seeding) / 1000)} s)`);
    for (const [page, path] of Object.entries(pages)) {
      const check = await fetch(`${BENCH_URL}${path}`, { headers: cookie });
      const html = await check.text();
      if (!check.ok || !html.includes('data-testid="users-table"')) throw new Error(`${path} did not list users`);
      await load(`${BENCH_URL}${path}`, cookie, 5, 1);
      const runs = [];
      for (let run = 0; run < 3; run++) runs.push(await load(`${BENCH_URL}${path}`, cookie, 4, 1));
      figures.push({
        database,
        users: size,
        page,
        requestsPerSecond: Math.round(median(runs.map((r) => r.requestsPerSecond))),
        p50Ms: Math.round(median(runs.map((r) => r.p50)) * 10) / 10,
        p95Ms: Math.round(median(runs.map((r) => r.p95)) * 10) / 10,
      });
    }
  }
  const growth: Record<string, number> = {};
  for (const page of Object.keys(pages)) {
    const rows = figures.filter((figure) => figure.page === page);
    growth[page] = Math.round((rows.at(-1)!.p95Ms / Math.max(rows[0]!.p95Ms, 1)) * 100) / 100;
  }
  return { figures, growth };
}
