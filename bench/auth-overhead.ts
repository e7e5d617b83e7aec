import { randomUUID } from "node:crypto";
import { SESSION_REFRESHED_COOKIE } from "../lib/auth/session-cookie";
import { User } from "../entities/User";
import { createSession, newSessionToken } from "../lib/auth/session-store";
import { getEm } from "../lib/db/orm";
import { load, median, type LoadResult } from "./lib/load";

/** A production build to measure, where it answers. */
export interface BuildUnderTest {
  name: string;
  url: string;
}

interface Summary {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface BuildFigures {
  build: string;
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

export interface AuthOverheadResult {
  page: string;
  rounds: number;
  secondsPerRound: number;
  builds: BuildFigures[];
  /** With two builds: the first's anonymous requests/s over the second's, per round (median and range; target: within 5%). */
  anonymousVersusSecond?: { ratio: number; range: [number, number] };
}

const tenth = (value: number) => Math.round(value * 10) / 10;
const hundredth = (value: number) => Math.round(value * 100) / 100;

function summarise(runs: LoadResult[]): Summary {
  return {
    requestsPerSecond: Math.round(median(runs.map((run) => run.requestsPerSecond))),
    p50Ms: tenth(median(runs.map((run) => run.p50))),
    p99Ms: tenth(median(runs.map((run) => run.p99))),
  };
}

const medianAndRange = (ratios: number[]) => ({
  ratio: hundredth(median(ratios)),
  range: [hundredth(Math.min(...ratios)), hundredth(Math.max(...ratios))] as [number, number],
});

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
 * The same dynamic page (home, which calls auth()) anonymously and with a
 * valid session cookie, on each build, in alternating rounds (builds, and
 * anonymous and signed in, in turn) so drift in the machine's speed hits
 * all alike.
 */
export async function benchAuthOverhead(builds: BuildUnderTest[], rounds = 12, secondsPerRound = 3): Promise<AuthOverheadResult> {
  const page = "/";
  const token = await seedSession();
  const authenticated = { cookie: `authjs.session-token=${token}; ${SESSION_REFRESHED_COOKIE}=1` };
  for (const build of builds) {
    const check = await fetch(`${build.url}${page}`, { headers: authenticated });
    if (!(await check.text()).includes("You are signed in.")) throw new Error(`${build.name}: the seeded session is not recognised`);
    // Warm up both paths until the JIT has settled.
    for (let i = 0; i < 3; i++) {
      await load(`${build.url}${page}`, {}, 4);
      await load(`${build.url}${page}`, authenticated, 4);
    }
  }
  const runs = builds.map(() => ({ anonymous: [] as LoadResult[], authenticated: [] as LoadResult[] }));
  for (let round = 0; round < rounds; round++) {
    const order = builds.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      // A-B then B-A, so neither always runs first.
      for (const signedIn of round % 2 === 0 ? [false, true] : [true, false]) {
        const run = await load(`${builds[index]!.url}${page}`, signedIn ? authenticated : {}, secondsPerRound);
        if (run.errors || run.non2xx) throw new Error(`${builds[index]!.name}: ${run.errors} errors, ${run.non2xx} non-2xx`);
        runs[index]![signedIn ? "authenticated" : "anonymous"].push(run);
      }
    }
  }
  const figures = builds.map((build, index): BuildFigures => {
    const { anonymous, authenticated: signedIn } = runs[index]!;
    const ratios = medianAndRange(signedIn.map((run, round) => run.requestsPerSecond / anonymous[round]!.requestsPerSecond));
    return {
      build: build.name,
      anonymous: summarise(anonymous),
      authenticated: summarise(signedIn),
      throughputRatio: ratios.ratio,
      ratioRange: ratios.range,
    };
  });
  const result: AuthOverheadResult = { page, rounds, secondsPerRound, builds: figures };
  if (builds.length === 2) {
    const [first, second] = runs;
    result.anonymousVersusSecond = medianAndRange(
      first!.anonymous.map((run, round) => run.requestsPerSecond / second!.anonymous[round]!.requestsPerSecond),
    );
  }
  return result;
}
