import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The parts of a V8 .cpuprofile this reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: Frame; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A function: its name, its file, and the (0-based) line it is defined on. */
export interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** Where a sample's time is charged; null leaves it out (idle). */
export type Categorise = (frame: Frame) => string | null;

/**
 * Time per category within a time window (µs on the monotonic clock that
 * process.hrtime uses, which is V8's on Linux). Samples the categoriser
 * returns null for (idle) are left out. A sample in a function whose
 * category is one of `charged` (Node.js's own code, say) is charged to the
 * nearest caller outside them: the streams Auth.js reads count as Auth.js's.
 */
export function selfTimeByCategory(
  file: string,
  from: bigint,
  to: bigint,
  categorise: Categorise,
  charged: Set<string> = new Set(),
): Map<string, number> {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const own = new Map(profile.nodes.map((node) => [node.id, categorise(node.callFrame)]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const category = new Map<number, string | null>();
  for (const node of profile.nodes) {
    let id: number | undefined = node.id;
    while (id !== undefined && own.get(id) !== null && charged.has(own.get(id)!)) id = parent.get(id);
    category.set(node.id, own.get(node.id) === null ? null : id === undefined ? own.get(node.id)! : own.get(id)!);
  }
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

const chunkModules = new Map<string, { line: number; module: string | null }[]>();

/**
 * The source module (e.g. "node_modules/@auth/core/lib/index.js", or
 * "lib/auth/guards.ts") that a line of a Turbopack server chunk belongs to,
 * from the markers the build leaves unminified: each module group begins
 * with its numeric id, and each module merged into it with a
 * "// MERGED MODULE: [project]/<path>" comment. Null where no marker tells.
 */
export function bundledModuleAt(url: string, line: number): string | null {
  let markers = chunkModules.get(url);
  if (!markers) {
    markers = [];
    const lines = readFileSync(fileURLToPath(url), "utf8").split("\n");
    lines.forEach((text, index) => {
      const merged = /^\/\/ MERGED MODULE: \[project\]\/(\S+)/.exec(text);
      if (merged) markers!.push({ line: index, module: merged[1]! });
      else if (/^\d+, \(\(__turbopack_context__\) => \{/.test(text)) markers!.push({ line: index, module: null });
    });
    chunkModules.set(url, markers);
  }
  let found: string | null = null;
  for (const marker of markers) {
    if (marker.line > line) break;
    found = marker.module;
  }
  return found;
}
