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

const { markPeerAddressStamped, PEER_ADDRESS_HEADER } = await import("@/lib/audit/client-ip");
// As on a running server, whose instrumentation stamps each request's address.
markPeerAddressStamped();
const { countHit } = await import("@/lib/rate-limit/counter");
const { consume } = await import("@/lib/rate-limit/limits");
const { limitEmailLinkRequest, limitSignIn } = await import("@/lib/rate-limit/sign-in");

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

describe("Auth.js's sign-in routes", () => {
  it("answer 429 with Retry-After over the limit, per client IP, and leave other routes alone", async () => {
    const handler = vi.fn(async () => new Response("ok"));
    const route = limitSignIn(handler);
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
});

describe("email link requests", () => {
  it("are limited per address, and an IP over its own limit cannot use up an address's links", async () => {
    const [attacker, victim] = [`192.0.2.${Math.floor(Math.random() * 100)}`, `192.0.2.${100 + Math.floor(Math.random() * 100)}`];
    const address = `victim-${randomUUID()}@example.test`;
    for (let attempt = 0; attempt < 3; attempt++) await limitEmailLinkRequest(attacker, `other-${attempt}-${randomUUID()}@example.test`);
    // The attacker's IP is now over its sign-in limit (3 a minute here): these must not count against the address.
    for (let attempt = 0; attempt < 5; attempt++) expect((await limitEmailLinkRequest(attacker, address)).allowed).toBe(false);
    expect(await limitEmailLinkRequest(victim, address)).toEqual({ allowed: true });
    expect(await limitEmailLinkRequest(victim, address)).toEqual({ allowed: true });
    expect((await limitEmailLinkRequest(`192.0.2.250`, address)).allowed, "the address's own limit: 2 in 15 minutes").toBe(false);
  });
});
