/**
 * The database goes away and comes back, under a production server. The
 * server reaches this file's scratch database through a TCP proxy the test
 * cuts and restores; the machine's database service is never touched. And
 * start-up with no database: `npm start`, `npm run dev` and the scripts stop
 * with one message naming the host, and exit code 1.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Account } from "@/entities/Account";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { signedInAs } from "../integration/support/sessions";
import {
  freePort,
  linkFor,
  openLink,
  requestSignInLink,
  sessionTokenSet,
  startCluster,
  withSession,
  type AppServer,
  type Cluster,
} from "./support/cluster";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";

const direct = new URL(process.env.DATABASE_URL!);
const defaultPort = direct.protocol.startsWith("postgres") ? 5432 : 3306;

/** DATABASE_URL with its host and port replaced: through the proxy, or to a port nobody listens on. */
function databaseUrlAt(port: number): string {
  const url = new URL(direct);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return url.toString();
}

let proxy: TcpProxy;
let cluster: Cluster;
let server: AppServer;
let admin: string;

beforeAll(async () => {
  proxy = await startTcpProxy(direct.hostname, Number(direct.port || defaultPort));
  cluster = await startCluster(1, { DATABASE_URL: databaseUrlAt(proxy.port), DATABASE_CONNECT_TIMEOUT: "2s" });
  server = cluster.servers[0]!;
  const em = await getEm();
  const user = em.create(User, { name: "Fault admin", email: "fault-admin@example.test", role: "admin" });
  await em.flush();
  admin = await signedInAs(user.id);
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
  await proxy?.close();
});

const get = (path: string, token = admin) => fetch(`${server.url}${path}`, { headers: withSession(token), redirect: "manual" });

async function eventually(check: () => Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  for (let waited = 0; waited < limitMs; waited += 250) {
    if (await check()) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`${what} did not happen within ${limitMs} ms:\n${server.output()}`);
}

describe("the database goes away while the app runs", () => {
  it("answers 503 (a page for people, JSON for API clients) without crashing, and recovers by itself", async () => {
    expect((await get("/admin/users")).status).toBe(200);
    expect((await get("/api/admin/users")).status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const pid = server.process.pid;

    proxy.cut();
    await eventually(async () => (await get("/admin/users")).status === 503, "a 503 for a page");
    const page = await get("/account");
    expect(page.status).toBe(503);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("retry-after")).toBe("5");
    const html = await page.text();
    expect(html).toContain("Temporarily unavailable");
    expect(html).not.toMatch(/\bat .+:\d+:\d+|Error:/);
    const api = await get("/api/admin/users");
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: "service_unavailable" });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503);
    expect(server.process.exitCode).toBeNull();

    proxy.restore();
    await eventually(async () => (await get("/admin/users")).status === 200, "recovery");
    expect((await get("/api/admin/users")).status).toBe(200);
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: "ok" });
    expect(server.process.pid).toBe(pid);
    expect(server.process.exitCode).toBeNull();
  });

  it("fails a sign-in in flight cleanly, leaving no half-written user or account, and the link works once the database is back", async () => {
    const email = `in-flight-${Date.now()}@example.test`;
    // Asked while the database is up: the link's token is stored.
    await requestSignInLink(server, email);
    const link = await linkFor(cluster.mailboxDir, email);

    // The request has passed the proxy's health check (fresh for 2 s) when the database drops.
    expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
    proxy.cut();
    const opened = await openLink(server, link);
    expect(opened.status, server.output()).toBe(503);
    expect(sessionTokenSet(opened)).toBeNull();
    expect(server.process.exitCode).toBeNull();

    proxy.restore();
    await eventually(async () => (await fetch(`${server.url}/sign-in`)).status === 200, "recovery");
    const em = (await getEm()).fork();
    expect(await em.count(User, { email })).toBe(0);
    expect(await em.count(Account, { user: { email } })).toBe(0);

    expect(sessionTokenSet(await openLink(server, link)), "the unspent link signs in").not.toBeNull();
    expect(await em.fork().count(User, { email })).toBe(1);
  });
});

describe("no database at start-up", () => {
  let nobody: string;
  beforeAll(async () => {
    nobody = databaseUrlAt(await freePort());
  });

  /** Runs a package script's entry point with DATABASE_URL pointing at a port where nothing listens. */
  function run(script: string, args: string[] = [], { cwd = process.cwd(), mode = "production" as "production" | "development" } = {}) {
    const result = spawnSync(
      resolve("node_modules/.bin/tsx"),
      ["--conditions=react-server", "--tsconfig", resolve("tsconfig.json"), resolve(script), ...args],
      {
        cwd,
        encoding: "utf8",
        timeout: 60_000,
        env: {
          // `npm run dev` gets a newcomer's environment, so the .env it writes from .env.example is what counts.
          ...(mode === "development"
            ? { PATH: process.env.PATH, HOME: process.env.HOME }
            : { ...process.env, AUTH_URL: "http://localhost:3999" }),
          NODE_ENV: mode,
          DATABASE_URL: nobody,
          DATABASE_CONNECT_TIMEOUT: "2s",
        },
      },
    );
    return { status: result.status, output: `${result.stdout}${result.stderr}`.trim() };
  }

  function expectOneClearMessage({ status, output }: { status: number | null; output: string }) {
    expect(status, output).toBe(1);
    expect(output).toMatch(/^Cannot connect to the (postgresql|mysql|mariadb) database at 127\.0\.0\.1:\d+ in DATABASE_URL/);
    expect(output).toContain("Check the host, port, user, password and database name");
    expect(output, "no stack trace").not.toMatch(/^\s+at /m);
    expect(output.split("\n").filter((line) => line.trim() !== "")).toHaveLength(1);
  }

  it("npm start", () => expectOneClearMessage(run("scripts/start.ts")));
  it("npm run db:migrate", () => expectOneClearMessage(run("scripts/migrations.ts", ["migrate"])));
  it("npm run user:role", () => expectOneClearMessage(run("scripts/user-role.ts", ["someone@example.test", "admin"])));

  it("npm run dev", () => {
    // In a folder of its own: on a fresh clone, `npm run dev` first writes .env, which must not land in this checkout.
    const folder = mkdtempSync(join(tmpdir(), "dev-start-"));
    try {
      copyFileSync(".env.example", join(folder, ".env.example"));
      const { status, output } = run("scripts/dev.ts", [], { cwd: folder, mode: "development" });
      expectOneClearMessage({ status, output: output.replace(/^Created \.env.*\n/m, "") });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
