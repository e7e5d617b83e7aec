import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Another commit's production build, to measure beside this one in the same
 * run (BENCH_BASELINE=<commit>, say the commit before a change): its files
 * from git, its own packages and `next build`, in .scratch/baseline-<commit>,
 * made once and reused. It must use the same database schema as this one.
 */
export function prepareBaseline(ref: string): { commit: string; dir: string } {
  const run = (command: string, args: string[], cwd = process.cwd()) => {
    const result = spawnSync(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"], env: process.env, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}`);
    return result.stdout.trim();
  };
  const commit = run("git", ["rev-parse", "--short", ref]);
  const dir = resolve(".scratch", `baseline-${commit}`);
  if (existsSync(join(dir, ".next", "BUILD_ID"))) return { commit, dir };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync("sh", ["-c", `git archive ${commit} | tar -x -C "${dir}"`], { stdio: "inherit" });
  if (archive.status !== 0) throw new Error(`could not extract ${commit}`);
  console.log(`Building the baseline ${commit} in ${dir} (once)...`);
  spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: "inherit", env: process.env });
  const build = spawnSync("npx", ["next", "build"], { cwd: dir, stdio: "inherit", env: process.env });
  if (build.status !== 0) throw new Error(`next build of ${commit} failed`);
  return { commit, dir };
}
