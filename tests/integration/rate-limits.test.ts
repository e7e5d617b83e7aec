/**
 * Rate limits count in the database (so they hold across instances), answer
 * a route with 429 and Retry-After, and keep the counts of different
 * subjects apart. Small limits here; the defaults are in config/env.ts.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { RateLimit } from "@/entities/RateLimit";
import { getEm } from "@/lib/db/orm";

process.env.RATE_LIMIT_SIGN_IN = "3/1m";
process.env.RATE_LIMIT_ADMIN = "2/1m";
process.env.RATE_LIMIT_EMAIL_LINK = "2/15m";
process.env.RATE_LIMIT_EMAIL_LINK_ADDRESS = "4/24h";
process.env.EMAIL_LINK_COOLDOWN = "60s";
// A provider to sign in with, so its routes exist.
process.env.AUTH_LOCAL_OIDC_ISSUER = "http://127.0.0.1:9";

const { markPeerAddressStamped, PEER_ADDRESS_HEADER } = await import("@/lib/audit/client-ip");
// As on a running server, whose instrumentation stamps each request's address.
markPeerAddressStamped();
const { countHit } = await import("@/lib/rate-limit/counter");
const { consume } = await import("@/lib/rate-limit/limits");
const { limitEmailLinkRequest } = await import("@/lib/rate-limit/sign-in");
const { authRoute } = await import("@/lib/auth/route");

describe("a counter", () => {
  it("counts hits in a window and starts again after it", async () => {
    const subject = randomUUID();
    const start = new Date(Date.UTC(2026, 0, 1, 12));
    expect((await countHit("test", subject, 60_000, start)).count).toBe(1);
    expect((await countHit("test", subject, 60_000, new Date(start.getTime() + 30_000))).count).toBe(2);
    const next = await countHit("test", subject, 60_000, new Date(start.getTime() + 61_000));
    expect(next).toEqual({ count: 1, windowStart: new Date(start.getTime() + 61_000) });
  });

  it("counts every one of many concurrent hits", async () => {
    const subject = randomUUID();
    await Promise.all(Array.from({ length: 20 }, () => countHit("test", subject, 60_000)));
    expect((await countHit("test", subject, 60_000)).count).toBe(21);
  });

  it("keeps a long subject within the key column", async () => {
    await countHit("test", `${"x".repeat(500)}@example.test`, 60_000);
    const keys = (await (await getEm()).find(RateLimit, { limitKey: { $like: "test:sha256:%" } })).map((row) => row.limitKey);
    expect(keys.every((key) => key.length <= 191)).toBe(true);
  });
});

describe("a limit", () => {
  it("refuses the subject over it, with the time left, and no one else", async () => {
    const [ip, admin] = [`198.51.100.${Math.floor(Math.random() * 200)}`, randomUUID()];
    expect(await consume("admin", [admin, ip])).toEqual({ allowed: true });
    expect(await consume("admin", [admin, ip])).toEqual({ allowed: true });
    const refused = await consume("admin", [admin, ip]);
    expect(refused.allowed).toBe(false);
    expect(!refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(!refused.allowed && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await consume("admin", [randomUUID(), null])).toEqual({ allowed: true });
  });
});

describe("Auth.js's routes", () => {
  it("answer 429 with Retry-After over the sign-in limit, per client IP, and leave other routes alone", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const route = authRoute(handler);
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    const request = (path: string, from = ip) => new Request(`http://localhost${path}`, { headers: { [PEER_ADDRESS_HEADER]: from } });
    for (let attempt = 0; attempt < 3; attempt++) expect((await route(request("/api/auth/callback/local"))).status).toBe(200);
    const refused = await route(request("/api/auth/callback/local"));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await route(request("/api/auth/signin/local"))).status, "sign-in starts count apart from callbacks").toBe(200);
    expect((await route(request("/api/auth/callback/local", "203.0.113.250"))).status, "another IP").toBe(200);
    expect((await route(request("/api/auth/session"))).status, "not a sign-in").toBe(200);
    expect(handler).toHaveBeenCalledTimes(6);
  });

  it("answer 404 for a route Auth.js does not have, without asking it, and limit a client that keeps trying", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const route = authRoute(handler);
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    const request = (path: string) => new Request(`http://localhost${path}`, { headers: { [PEER_ADDRESS_HEADER]: ip } });
    const junk = ["/api/auth/junk", "/api/auth/callback/nope", "/api/auth/signin/local/extra", "/api/auth/webauthn-options/local"];
    for (const path of junk) expect((await route(request(path))).status, path).toBe(404);
    const statuses = [];
    for (let attempt = 0; attempt < 20; attempt++) statuses.push((await route(request(`/api/auth/anything-${attempt}`))).status);
    expect(statuses.at(-1), "20 a minute, then limited").toBe(429);
    expect(handler).not.toHaveBeenCalled();
    expect((await route(request("/api/auth/session"))).status).toBe(200);
  });

  it("answer 405 to a method Auth.js does not take, without asking it", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const response = await authRoute(handler)(new Request("http://localhost/api/auth/signin", { method: "HEAD" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("email link requests", () => {
  let networks = 0;
  /** A client on a network no other request in this file came from. */
  const network = () => `192.0.${3 + Math.floor(networks / 250)}.${networks++ % 250}`;

  it("do not let an IP over its own limit use up an address's links", async () => {
    const [attacker, owner] = [network(), network()];
    const address = `victim-${randomUUID()}@example.test`;
    for (let attempt = 0; attempt < 3; attempt++) await limitEmailLinkRequest(attacker, `other-${attempt}-${randomUUID()}@example.test`);
    // The attacker's IP is now over its sign-in limit (3 a minute here): these must not count against the address.
    for (let attempt = 0; attempt < 5; attempt++) expect((await limitEmailLinkRequest(attacker, address)).allowed).toBe(false);
    expect(await limitEmailLinkRequest(owner, address)).toEqual({ allowed: true, send: true });
  });

  it("leave the owner a link after a stranger's burst from another network", async () => {
    const address = `victim-${randomUUID()}@example.test`;
    const [stranger, owner] = [network(), network()];
    const start = Date.now();
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    try {
      const burst = [
        await limitEmailLinkRequest(stranger, address),
        await limitEmailLinkRequest(stranger, address),
        await limitEmailLinkRequest(stranger, address),
      ];
      expect(burst.map((verdict) => verdict.allowed)).toEqual([true, true, false]);
      expect(burst[0]).toMatchObject({ send: true });
      expect(burst[1], "one email a minute: the first link still works").toMatchObject({ send: false });
      // The owner, on their own network, a minute later: a new link.
      vi.setSystemTime(start + 61_000);
      expect(await limitEmailLinkRequest(owner, address)).toEqual({ allowed: true, send: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it("count only the emails sent: a burst from many networks within the cooldown shuts nobody out", async () => {
    const address = `victim-${randomUUID()}@example.test`;
    const start = Date.now();
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    try {
      const burst = [];
      for (let attempt = 0; attempt < 12; attempt++) burst.push(await limitEmailLinkRequest(network(), address));
      expect(burst.filter((verdict) => verdict.allowed && verdict.send)).toHaveLength(1);
      expect(burst.every((verdict) => verdict.allowed)).toBe(true);
      vi.setSystemTime(start + 61_000);
      expect(await limitEmailLinkRequest(network(), address), "the owner, after the cooldown").toEqual({ allowed: true, send: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it("count an inbox once per network, whatever +tag each request adds, without a tag taking the owner's turn", async () => {
    const inbox = `tagged-${randomUUID()}`;
    const from = network();
    const verdicts = [];
    for (let tag = 0; tag < 3; tag++) verdicts.push((await limitEmailLinkRequest(from, `${inbox}+${tag}@example.test`)).allowed);
    expect(verdicts, "two a network here, for the inbox").toEqual([true, true, false]);
    // The owner's own address, from their network, at once: its link is sent (a tag's email would sign in to another account).
    expect(await limitEmailLinkRequest(network(), `${inbox}@example.test`)).toEqual({ allowed: true, send: true });
  });

  it("past the ceiling of emails per address, slow to one per window/limit, never to none", async () => {
    const address = `flooded-${randomUUID()}@example.test`;
    const start = Date.now();
    vi.useFakeTimers({ now: start, toFake: ["Date"] });
    const at = async (minutes: number) => {
      vi.setSystemTime(start + minutes * 60_000);
      return limitEmailLinkRequest(network(), address);
    };
    try {
      // A ceiling of 4 a day here: one window/limit is 6 hours.
      for (const minutes of [0, 2, 4, 6]) expect(await at(minutes)).toEqual({ allowed: true, send: true });
      expect(await at(8), "past the ceiling, the first of the slow lane").toEqual({ allowed: true, send: true });
      const refused = await at(10);
      expect(refused.allowed).toBe(false);
      expect(!refused.allowed && refused.retryAfterSeconds).toBeLessThanOrEqual(6 * 3600);
      expect(await at(8 + 6 * 60 + 1), "six hours on, not a day").toEqual({ allowed: true, send: true });
    } finally {
      vi.useRealTimers();
    }
  });
});
