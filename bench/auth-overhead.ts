import { randomUUID } from "node:crypto";
import { SESSION_REFRESHED_COOKIE } from "../lib/auth/session-cookie";
import { User } from "../entities/User";
import { createSession, newSessionToken } from "../lib/auth/session-store";
import { getEm } from "../lib/db/orm";
import { load, median, type LoadResult } from "./lib/load";
import { BENCH_URL } from "./lib/server";

export interface AuthOverheadResult {
  page: string;
  rounds: number;
  secondsPerRound: number;
  anonymous: Summary;
  authenticated: Summary;
  /**
   * Signed-in requests/s divided by anonymous requests/s (target: at least
   * 0.85): the median over rounds of each round's ratio, so the machine's
   * drift between rounds cancels out.
   */
  throughputRatio: number;
  /** The lowest and highest round's ratio: how noisy the machine was. */
  ratioRange: [number, number];
}

interface Summary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

const tenth = (value: number) => Math.round(value * 10) / 10;

function summarise(runs: LoadResult[]): Summary {
  return {
    requestsPerSecond: Math.round(median(runs.map((run) => run.requestsPerSecond))),
    p50Ms: tenth(median(runs.map((run) => run.p50))),
    p99Ms: tenth(median(runs.map((run) => run.p99))),
  };
}

/** A user and a live session written straight to the database: no sign-in flow. */
export async function seedSession(): Promise<string> {
  const em = await getEm();
  const user = em.create(User, { name: "Bench User", email: `bench-${randomUUID()}@example.test` });
  await em.flush();
  const sessionToken = newSessionToken();
  await createSession({ sessionToken, userId: user.id, expires: new Date(Date.now() + 30 * 24 * 3600 * 1000) });
  return sessionToken;
}

/**
 * The same dynamic page (home, which reads the session) anonymously and with
 * a valid session cookie, in alternating rounds so drift in the machine's
 * speed hits both alike.
 */
export async function benchAuthOverhead(rounds = 12, secondsPerRound = 3): Promise<AuthOverheadResult> {
  const page = "/";
  const url = `${BENCH_URL}${page}`;
  const token = await seedSession();
  const authenticated = { cookie: `authjs.session-token=${token}; ${SESSION_REFRESHED_COOKIE}=1` };

  const check = await fetch(url, { headers: authenticated });
  if (!(await check.text()).includes("You are signed in.")) throw new Error("the seeded session is not recognised");

  // Warm up both paths until the JIT has settled.
  for (let i = 0; i < 3; i++) {
    await load(url, {}, 4);
    await load(url, authenticated, 4);
  }
  const anonymousRuns: LoadResult[] = [];
  const authenticatedRuns: LoadResult[] = [];
  for (let round = 0; round < rounds; round++) {
    // A-B then B-A, so neither always runs first.
    const order = round % 2 === 0 ? [false, true] : [true, false];
    for (const signedIn of order) {
      const run = await load(url, signedIn ? authenticated : {}, secondsPerRound);
      (signedIn ? authenticatedRuns : anonymousRuns).push(run);
    }
  }
  for (const run of [...anonymousRuns, ...authenticatedRuns]) {
    if (run.errors || run.non2xx) throw new Error(`bench requests failed: ${run.errors} errors, ${run.non2xx} non-2xx`);
  }
  const hundredth = (value: number) => Math.round(value * 100) / 100;
  const ratios = authenticatedRuns.map((run, round) => run.requestsPerSecond / anonymousRuns[round]!.requestsPerSecond);
  return {
    page,
    rounds,
    secondsPerRound,
    anonymous: summarise(anonymousRuns),
    authenticated: summarise(authenticatedRuns),
    throughputRatio: hundredth(median(ratios)),
    ratioRange: [hundredth(Math.min(...ratios)), hundredth(Math.max(...ratios))],
  };
}
