/**
 * Whether the database answers, asked by the proxy before each request. It
 * costs nothing most of the time: a ping at most every FRESH_MS, shared by
 * the requests that arrive meanwhile, and between pings the last answer
 * stands. A query that failed to connect anywhere in the app
 * (instrumentation.ts's onRequestError) makes the next request ping at once.
 *
 * So while the database is away, requests get a 503 in the time of one
 * failed connection attempt, rather than each waiting on the pool and
 * failing as a 500; and the first ping that succeeds brings the app back,
 * with no restart.
 *
 * This module imports nothing, so the proxy's bundle holds no database
 * driver: the ping itself is registered by lib/db/orm.ts, which
 * instrumentation.ts loads when the server starts. Until then, the database
 * counts as reachable.
 */
const FRESH_MS = 2000;

interface Health {
  checkedAt: number;
  reachable: boolean;
  ping?: Promise<boolean>;
  /** Resolves when the database answers, rejects when it does not (in bounded time); set by lib/db/orm.ts. */
  check?: () => Promise<void>;
}

const globalForHealth = globalThis as typeof globalThis & { __databaseHealth?: Health };
const health: Health = (globalForHealth.__databaseHealth ??= { checkedAt: 0, reachable: true });

export function registerDatabasePing(check: () => Promise<void>): void {
  health.check = check;
}

async function ping(): Promise<boolean> {
  try {
    await health.check?.();
    return true;
  } catch {
    return false;
  }
}

/** True, or a promise of the answer when the last one is older than FRESH_MS. */
export function databaseReachable(now = Date.now()): boolean | Promise<boolean> {
  if (now - health.checkedAt < FRESH_MS) return health.reachable;
  health.ping ??= ping().then((reachable) => {
    if (reachable !== health.reachable) {
      console[reachable ? "info" : "error"](
        reachable ? "The database is reachable again." : "The database is not reachable: answering 503 until it is.",
      );
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
