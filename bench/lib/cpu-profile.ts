import { readFileSync } from "node:fs";

/** The parts of a V8 .cpuprofile this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a sample's time is charged: `name` (a function) and `url` (its file). */
export type Categorise = (frame: { functionName: string; url: string }) => string | null;

/**
 * Self time per category within a time window (µs on the monotonic clock
 * that process.hrtime uses, which is V8's on Linux). Samples the categoriser
 * returns null for (idle) are left out.
 */
export function selfTimeByCategory(file: string, from: bigint, to: bigint, categorise: Categorise): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const category = new Map(profile.nodes.map((node) => [node.id, categorise(node.callFrame)]));
  const totals = new Map<string, number>();
  let time = profile.startTime;
  const [start, end] = [Number(from / 1000n), Number(to / 1000n)];
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    const name = category.get(id);
    if (time < start || time > end || !name) return;
    totals.set(name, (totals.get(name) ?? 0) + delta);
  });
  return totals;
}
