import { Agent, request as httpRequest } from "node:http";
import { randomUUID } from "node:crypto";

/**
 * A closed-loop load generator: each of N clients sends its next request as
 * soon as the last one is answered, so the load is bounded by N. Each
 * request is chosen by the caller, and timed and checked here.
 */

export type Kind = "pageView" | "adminList" | "roleChange";

export interface RunResult {
  latencies: { kind: Kind; ms: number }[];
  errors: number;
  non2xx: number;
  timeouts: number;
  /** Answers with status 200 whose body reports a refusal (a server action's `{ status: "error" }`). */
  refusals: number;
}

export interface Chosen {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Sends one request on a keep-alive agent; resolves with its status and body. */
function send(agent: Agent, url: URL, chosen: Chosen): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { agent, host: url.hostname, port: url.port, method: chosen.method, path: chosen.path, headers: chosen.headers, timeout: 30_000 },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", reject);
    request.end(chosen.body);
  });
}

/**
 * `connections` clients against one instance for `seconds`, each sending the
 * next request of the mix as soon as its last one is answered (a closed
 * loop, so the load is bounded by the connection count).
 */
export async function run(url: string, connections: number, seconds: number, next: (origin: string) => Chosen): Promise<RunResult> {
  const result: RunResult = { latencies: [], errors: 0, non2xx: 0, timeouts: 0, refusals: 0 };
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const chosen = next(url);
      const sentAt = performance.now();
      try {
        const { status, body } = await send(agent, target, chosen);
        result.latencies.push({ kind: chosen.kind, ms: performance.now() - sentAt });
        if (status < 200 || status >= 300) {
          if (result.non2xx++ === 0) console.error(`${chosen.method} ${chosen.path} answered ${status}: ${body.slice(0, 300)}`);
        } else if (chosen.kind === "roleChange" && body.includes(`"status":"error"`)) {
          if (result.refusals++ === 0) console.error(`A role change was refused: ${body.slice(0, 600).replace(/\n/g, " ")}`);
        }
      } catch (error) {
        result.errors++;
        if ((error as Error).message === "timeout") result.timeouts++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  agent.destroy();
  return result;
}

/** A server action's multipart body, as React's client sends it (e2e/server-actions.ts). */
export function actionBody(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = `----load${randomUUID().replace(/-/g, "")}`;
  // The fields first, then the argument list that refers to them: React reads the parts in order.
  const parts = [...Object.entries(fields).map(([key, value]) => [`_1_${key}`, value]), ["0", JSON.stringify([null, "$K1"])]];
  const body =
    parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
    `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
