import "server-only";
import { getEnv } from "@/config/env";
import { getKnex } from "./orm";

/**
 * Whether the database answers, asked by the proxy before each request. It
 * costs nothing most of the time: a ping (`select 1`) at most every
 * FRESH_MS, shared by the requests that arrive meanwhile, and between pings
 * the last answer stands. A query that failed to connect anywhere in the app
 * (instrumentation.ts's onRequestError) makes the next request ping at once.
 *
 * So while the database is away, requests get a 503 in the time of one
 * failed connection attempt, rather than each waiting on the pool and
 * failing as a 500; and the first ping that succeeds brings the app back,
 * with no restart.
 */
const FRESH_MS = 2000;

interface Health {
  checkedAt: number;
  reachable: boolean;
  ping?: Promise<boolean>;
}

const globalForHealth = globalThis as typeof globalThis & { __databaseHealth?: Health };
const health: Health = (globalForHealth.__databaseHealth ??= { checkedAt: 0, reachable: true });

/** knex's connection pool (tarn), as far as the ping reads it. */
interface PoolState {
  max: number;
  numUsed(): number;
}

async function ping(): Promise<boolean> {
  const limitMs = getEnv().DATABASE_CONNECT_TIMEOUT * 1000 + 500;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("database ping timed out")), limitMs);
  });
  try {
    const knex = await Promise.race([getKnex(), timeout]);
    const pool = (knex.client as { pool?: PoolState }).pool;
    // Every connection is open and busy with a query: the database is answering, and the app is loaded.
    // A ping would queue behind them and time out, taking a busy instance out of service.
    if (pool && pool.numUsed() >= pool.max) return true;
    await Promise.race([knex.raw("select 1"), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** True, or a promise of the answer when the last one is older than FRESH_MS. */
export function databaseReachable(now = Date.now()): boolean | Promise<boolean> {
  if (now - health.checkedAt < FRESH_MS) return health.reachable;
  health.ping ??= ping().then((reachable) => {
    if (reachable !== health.reachable) {
      console[reachable ? "info" : "error"](reachable ? "The database is reachable again." : "The database is not reachable: answering 503 until it is.");
    }
    Object.assign(health, { reachable, checkedAt: Date.now(), ping: undefined });
    return reachable;
  });
  return health.ping;
}

/** A query failed to reach the database: the next request checks again before it runs. */
export function suspectDatabase(): void {
  health.checkedAt = 0;
}
