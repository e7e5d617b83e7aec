import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { linksIn, readMailbox } from "@/lib/email/dev-mailbox";
import { startDevMailbox } from "@/scripts/dev-mailbox";
import { postServerAction } from "@/e2e/server-actions";

/**
 * Production servers (`next start`) started by a test, on one database,
 * with a development mailbox for sign-in links. The build is made once if
 * there is none, or if a source file is newer than it.
 */

const SOURCES = ["app", "lib", "config", "entities", "components", "auth.ts", "proxy.ts", "instrumentation.ts"];

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestSource(join(path, entry))));
}

export function ensureProductionBuild(): void {
  const built = existsSync(".next/BUILD_ID") ? statSync(".next/BUILD_ID").mtimeMs : 0;
  if (built > Math.max(...SOURCES.filter(existsSync).map(newestSource))) return;
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error("next build failed");
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

export interface AppServer {
  url: string;
  process: ChildProcess;
  /** What the server printed, for a failing test's message. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface Cluster {
  servers: AppServer[];
  mailboxDir: string;
  stop: () => Promise<void>;
}

async function waitUntilServing(url: string, server: ChildProcess, output: () => string): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (server.exitCode !== null) throw new Error(`the server at ${url} exited:\n${output()}`);
    if (
      await fetch(`${url}/sign-in`).then(
        (response) => response.status < 500,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server at ${url} did not start:\n${output()}`);
}

/** Starts `count` production servers on DATABASE_URL (or `databaseUrl`), sharing one mailbox. */
export async function startCluster(count: number, environment: Record<string, string> = {}): Promise<Cluster> {
  ensureProductionBuild();
  const mailboxDir = await mkdtemp(join(tmpdir(), "scale-mailbox-"));
  const mailboxPort = await freePort();
  const mailbox = await startDevMailbox({ host: "127.0.0.1", port: mailboxPort, dir: mailboxDir });
  const servers: AppServer[] = [];
  for (let index = 0; index < count; index++) {
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const child = spawn("npx", ["next", "start", "--port", String(port)], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        AUTH_URL: url,
        EMAIL_SERVER: `smtp://127.0.0.1:${mailboxPort}`,
        EMAIL_FROM: "Scale test <no-reply@example.test>",
        DEV_MAILBOX_DIR: mailboxDir,
        LOCAL_OIDC_ALLOW_IN_PRODUCTION: "true",
        RATE_LIMIT_SIGN_IN: "100000/1m",
        RATE_LIMIT_ADMIN: "100000/1m",
        RATE_LIMIT_ACCOUNT: "100000/1m",
        RATE_LIMIT_EMAIL_LINK: "100000/1m",
        NEXT_TELEMETRY_DISABLED: "1",
        ...environment,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let printed = "";
    child.stdout?.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const output = () => printed.slice(-4000);
    const stop = async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    };
    servers.push({ url, process: child, output, stop });
  }
  try {
    await Promise.all(servers.map((server) => waitUntilServing(server.url, server.process, server.output)));
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    await new Promise<void>((resolve) => mailbox.close(() => resolve()));
    throw error;
  }
  return {
    servers,
    mailboxDir,
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await new Promise<void>((resolve) => mailbox.close(() => resolve()));
    },
  };
}

/** The session token in a response's Set-Cookie, if it set one. */
export function sessionTokenSet(response: Response): string | null {
  const cookies = response.headers.getSetCookie();
  for (const cookie of cookies) {
    const match = /^(?:__Host-)?authjs\.session-token=([^;]+)/.exec(cookie);
    if (match) return match[1]!;
  }
  return null;
}

/** The newest sign-in link sent to `email`, waiting for it to arrive. */
export async function linkFor(mailboxDir: string, email: string): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const message = (await readMailbox(mailboxDir)).find((received) => received.to.includes(email));
    const link = message && linksIn(message.text).find((found) => found.includes("/sign-in/confirm?"));
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no sign-in link for ${email}`);
}

/** Asks `server` for a sign-in link for `email`, as the sign-in page's form does. */
export async function requestSignInLink(server: AppServer, email: string): Promise<void> {
  const asked = await postServerAction(server.url, "requestEmailLink", { email, callbackUrl: "/" }, {}, "/sign-in");
  // Auth.js redirects to its verify-request route, which shows /sign-in/check-email.
  if (!/verify-request|check-email/.test(asked.headers.get("x-action-redirect") ?? "")) {
    throw new Error(`asking for a link answered ${asked.status}: ${JSON.stringify([...asked.headers])}`);
  }
}

/** What the link's confirmation page posts to Auth.js's email callback when "Sign in" is pressed. */
export function openLink(server: AppServer, link: string): Promise<Response> {
  const callback = `${server.url}/api/auth/callback/email${new URL(link).search}`;
  return fetch(callback, { method: "POST", redirect: "manual", headers: { origin: server.url } });
}

/** Signs in through `server` as a person would: asks for a link, opens it; returns the session token. */
export async function signInByEmail(server: AppServer, mailboxDir: string, email: string): Promise<string> {
  await requestSignInLink(server, email);
  const opened = await openLink(server, await linkFor(mailboxDir, email));
  const token = sessionTokenSet(opened);
  if (!token) throw new Error(`opening the link did not sign in (${opened.status} ${opened.headers.get("location")})`);
  return token;
}

export const withSession = (token: string): Record<string, string> => ({ cookie: `authjs.session-token=${token}` });
