import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** A production server (`next start`) for a benchmark, on loopback, with its own process id for memory readings. */
export interface Instance {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startInstance(port: number, databaseUrl: string): Promise<Instance> {
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
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}
