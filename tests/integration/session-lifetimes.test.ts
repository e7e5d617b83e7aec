/**
 * Sessions as Auth.js and the adapter keep them: only a hash of the token in
 * the database, the cookie Auth.js reads, an idle timeout (Auth.js's maxAge)
 * and an absolute lifetime (the adapter's), a bounded purge of expired rows,
 * timed bans, and the re-authentication window. Sessions are read as the
 * browser reads them, through Auth.js's own session endpoint.
 */
import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { needsReauthentication } from "@/lib/auth/reauthentication";
import { createSession, findSessionAndUser, hashSessionToken, newSessionToken } from "@/lib/auth/session-store";
import { getEm } from "@/lib/db/orm";
import { banUser } from "@/lib/users/changes";
import { findBan } from "@/lib/users/queries";
import { COMMAND_LINE_ACTOR } from "@/lib/audit/actor";
import { getEnv } from "@/config/env";
import { sessionFromAuthJs, signedInAs } from "./support/sessions";

const DAY = 86_400_000;

async function newUser(): Promise<User> {
  const em = await getEm();
  const user = em.create(User, { name: "Lifetime", email: `lifetime-${randomUUID()}@example.test` });
  await em.flush();
  return user;
}

async function storedRow(token: string): Promise<Session | null> {
  return (await getEm()).findOne(Session, { tokenHash: hashSessionToken(token) });
}

describe("session tokens", () => {
  it("are 256 random bits, and only their SHA-256 is stored", async () => {
    const user = await newUser();
    const token = newSessionToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    await createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + DAY) });
    const em = await getEm();
    const rows = await em.find(Session, { user: user.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    expect(await findSessionAndUser(token)).not.toBeNull();
    expect(await findSessionAndUser(rows[0]!.tokenHash), "the stored value signs nobody in").toBeNull();
  });
});

describe("lifetimes", () => {
  it("end a session left idle for the idle timeout", async () => {
    const user = await newUser();
    const token = newSessionToken();
    await createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + DAY) });
    const now = Date.now();
    vi.useFakeTimers({ now: now + DAY + 1_000, toFake: ["Date"] });
    try {
      expect(await sessionFromAuthJs(token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
    expect(await storedRow(token), "the expired row is deleted").toBeNull();
  });

  it("extend an active session, but never past its absolute lifetime from sign-in", async () => {
    const user = await newUser();
    const token = newSessionToken();
    const { SESSION_IDLE_TIMEOUT: idleSeconds, SESSION_MAX_AGE: maxAgeSeconds } = getEnv();
    await createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + idleSeconds * 1000) });
    const signedInAt = (await storedRow(token))!.createdAt.getTime();
    // Come back every few days: each visit extends the session by the idle timeout...
    let now = signedInAt;
    for (let visit = 0; now < signedInAt + maxAgeSeconds * 1000; visit++) {
      now += (idleSeconds * 1000) / 2;
      vi.useFakeTimers({ now, toFake: ["Date"] });
      const session = await sessionFromAuthJs(token);
      vi.useRealTimers();
      if (now < signedInAt + maxAgeSeconds * 1000) {
        expect(session, `visit ${visit}`).not.toBeNull();
        expect((await storedRow(token))!.expires.getTime()).toBeLessThanOrEqual(signedInAt + maxAgeSeconds * 1000);
      } else {
        expect(session, "past the absolute lifetime").toBeNull();
      }
    }
  });

  it("never let a new session outlive the absolute lifetime, whatever expiry it is given", async () => {
    const user = await newUser();
    const token = newSessionToken();
    const created = await createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 365 * DAY) });
    expect(created.expires.getTime()).toBeLessThanOrEqual(created.createdAt.getTime() + getEnv().SESSION_MAX_AGE * 1000);
  });
});

describe("the purge", () => {
  it("deletes expired sessions a hundred at a time when someone signs in", async () => {
    const user = await newUser();
    const em = await getEm();
    const past = new Date(Date.now() - DAY);
    for (let index = 0; index < 150; index++) {
      em.create(Session, {
        user,
        userId: user.id,
        tokenHash: hashSessionToken(newSessionToken()),
        expires: past,
        createdAt: past,
        lastSeenAt: past,
        authenticatedAt: past,
      });
    }
    await em.flush();
    const expired = () => em.fork().count(Session, { expires: { $lt: new Date() } });
    const before = await expired();
    await createSession({ sessionToken: newSessionToken(), userId: user.id, expires: new Date(Date.now() + DAY) });
    expect(before - (await expired())).toBe(100);
    await createSession({ sessionToken: newSessionToken(), userId: user.id, expires: new Date(Date.now() + DAY) });
    expect(await expired()).toBe(Math.max(0, before - 200));
  });
});

describe("a timed ban", () => {
  it("applies until its end, then stops applying with nothing written", async () => {
    const user = await newUser();
    const until = new Date(Date.now() + DAY);
    await banUser(user.id, { reason: "cool off", until }, COMMAND_LINE_ACTOR);
    expect(await findBan(user.id)).toEqual({ reason: "cool off", until });
    const token = newSessionToken();
    await createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 2 * DAY) });
    expect(await findSessionAndUser(token), "a session made during the ban is refused").toBeNull();
    vi.useFakeTimers({ now: until.getTime() + 1_000, toFake: ["Date"] });
    try {
      expect(await findBan(user.id)).toBeNull();
      expect(await findSessionAndUser(token)).not.toBeNull();
    } finally {
      vi.useRealTimers();
    }
    expect((await (await getEm()).findOneOrFail(User, user.id)).bannedAt, "nothing was written").not.toBeNull();
  });
});

describe("the re-authentication window", () => {
  it("is open for REAUTH_WINDOW after the user proved who they are, then closed", () => {
    const authenticatedAt = new Date(Date.UTC(2026, 0, 1, 12));
    const session = { authenticatedAt: authenticatedAt.toISOString() };
    expect(needsReauthentication(session, authenticatedAt.getTime() + 9 * 60_000)).toBe(false);
    expect(needsReauthentication(session, authenticatedAt.getTime() + 11 * 60_000)).toBe(true);
  });
});

describe("extension", () => {
  it("writes at most hourly, also in a session's last days when its expiry is held at the absolute lifetime", async () => {
    const user = await newUser();
    const token = newSessionToken();
    const { SESSION_IDLE_TIMEOUT: idleSeconds, SESSION_MAX_AGE: maxAgeSeconds } = getEnv();
    await createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + idleSeconds * 1000) });
    const signedInAt = (await storedRow(token))!.createdAt.getTime();
    // Kept alive by visits until its expiry reached the absolute lifetime.
    await (
      await getEm()
    ).nativeUpdate(Session, { tokenHash: hashSessionToken(token) }, { expires: new Date(signedInAt + maxAgeSeconds * 1000) });
    const lastDay = signedInAt + maxAgeSeconds * 1000 - DAY;
    const lastSeenAfterVisitAt = async (now: number) => {
      vi.useFakeTimers({ now, toFake: ["Date"] });
      try {
        expect(await sessionFromAuthJs(token)).not.toBeNull();
      } finally {
        vi.useRealTimers();
      }
      return (await storedRow(token))!.lastSeenAt.getTime();
    };
    expect(await lastSeenAfterVisitAt(lastDay)).toBe(lastDay);
    expect(await lastSeenAfterVisitAt(lastDay + 60_000), "a minute later: nothing written").toBe(lastDay);
    expect(await lastSeenAfterVisitAt(lastDay + 61 * 60_000), "an hour later: written").toBe(lastDay + 61 * 60_000);
    expect((await storedRow(token))!.expires.getTime()).toBe(signedInAt + maxAgeSeconds * 1000);
  });
});

describe("the session cookie", () => {
  // The URL is the one Next.js gives a route handler: https when X-Forwarded-Proto includes "https".
  it.each([
    { forwardedProto: "http", url: "http://localhost:3000/api/auth/session", name: "authjs.session-token" },
    { forwardedProto: "https", url: "https://localhost:3000/api/auth/session", name: "__Host-authjs.session-token" },
    { forwardedProto: "https, http", url: "https://localhost:3000/api/auth/session", name: "__Host-authjs.session-token" },
  ])("is $name when X-Forwarded-Proto is $forwardedProto, and only that name signs in", async ({ forwardedProto, url, name }) => {
    const previous = process.env.AUTH_URL;
    delete process.env.AUTH_URL;
    try {
      const token = await signedInAs((await newUser()).id);
      const headers = { "x-forwarded-proto": forwardedProto };
      const other = name.startsWith("__Host-") ? name.slice("__Host-".length) : `__Host-${name}`;
      expect(await sessionFromAuthJs(token, { cookie: name, url, headers }), `Auth.js reads ${name}`).not.toBeNull();
      expect(await sessionFromAuthJs(token, { cookie: other, url, headers }), `Auth.js ignores ${other}`).toBeNull();
    } finally {
      if (previous !== undefined) process.env.AUTH_URL = previous;
    }
  });
});
