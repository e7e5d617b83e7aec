import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * A production server (`next start`) for a benchmark, on loopback, with its
 * inspector open on loopback too, so the bench can measure its heap after a
 * full garbage collection: the figure that shows a leak. (Resident memory
 * does not: V8 on a large machine lets the heap grow by hundreds of MB
 * before collecting, and keeps what it took.)
 */
export interface Instance {
  url: string;
  child: ChildProcess;
  inspectorPort: number;
  stop(): Promise<void>;
}

export async function startInstance(port: number, databaseUrl: string): Promise<Instance> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NODE_OPTIONS: `--inspect=127.0.0.1:${port + 100}`,
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
    if (
      await fetch(`${url}/sign-in`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    if (waited > 60_000) throw new Error(`next start on ${port} did not answer`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    inspectorPort: port + 100,
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

/** One call to a process's inspector (Chrome DevTools Protocol) over its WebSocket. */
async function inspect(port: number, method: string): Promise<Record<string, unknown>> {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  if (!target) throw new Error(`no inspector target on port ${port}`);
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  try {
    await new Promise((resolve, reject) => {
      socket.addEventListener("open", resolve, { once: true });
      socket.addEventListener("error", reject, { once: true });
    });
    return await new Promise((resolve, reject) => {
      socket.addEventListener("message", (event) => {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (message.id !== 1) return;
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result ?? {});
      });
      socket.send(JSON.stringify({ id: 1, method }));
    });
  } finally {
    socket.close();
  }
}

/** The instance's V8 heap in use right after a full garbage collection, in MB. */
export async function heapAfterGcMb(instance: Instance): Promise<number> {
  await inspect(instance.inspectorPort, "HeapProfiler.collectGarbage");
  const usage = await inspect(instance.inspectorPort, "Runtime.getHeapUsage");
  return Math.round((Number(usage.usedSize) / 1024 / 1024) * 10) / 10;
}
