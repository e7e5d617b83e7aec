/**
 * What a sign-in does to sessions and sign-in methods, through Auth.js's own
 * callback route (an email link, the flow tests can complete without a
 * provider): a sign-in as the signed-in user ends the old session and makes
 * a new one, proved now, recording the method; disconnecting a method ends
 * the sessions it made; changes to sign-in methods are told by email.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testRequest as request } from "./support/next-headers";

vi.mock("next/headers", () => import("./support/next-headers"));

/** A free TCP port on loopback, for the test's own SMTP server. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Sign-in links and notices go to a development mailbox this file runs.
const mailboxDir = mkdtempSync(join(tmpdir(), "sign-in-rules-"));
const smtpPort = await freePort();
process.env.EMAIL_SERVER = `smtp://127.0.0.1:${smtpPort}`;
process.env.AUTH_URL = "http://localhost:3000";

const { startDevMailbox } = await import("@/scripts/dev-mailbox");
const { readMailbox } = await import("@/lib/email/dev-mailbox");
const { handlers } = await import("@/auth");
const { authRoute } = await import("@/lib/auth/route");
const { getEm } = await import("@/lib/db/orm");
const { Account } = await import("@/entities/Account");
const { Session } = await import("@/entities/Session");
const { User } = await import("@/entities/User");
const { disconnectSignInMethod } = await import("@/lib/users/account");
const { createSession, hashSessionToken, newSessionToken } = await import("@/lib/auth/session-store");
const { adapter } = await import("./support/adapter");

let mailbox: Awaited<ReturnType<typeof startDevMailbox>>;
beforeAll(async () => {
  mailbox = await startDevMailbox({ host: "127.0.0.1", port: smtpPort, dir: mailboxDir });
});
afterAll(() => new Promise<void>((resolve) => mailbox.close(() => resolve())));

async function person(options: { verified?: boolean; provider?: string } = {}) {
  const em = await getEm();
  const user = em.create(User, {
    name: "Rules",
    email: `rules-${randomUUID()}@example.test`,
    emailVerified: options.verified === false ? null : new Date(),
  });
  const account = options.provider
    ? em.create(Account, { user, type: "oidc", provider: options.provider, providerAccountId: randomUUID() })
    : null;
  await em.flush();
  return { user, account };
}

/** Opens an email sign-in link as the confirmation page's button does, with the browser's current cookie. */
async function openEmailLink(email: string): Promise<Response> {
  const token = randomUUID();
  const hashed = createHash("sha256").update(`${token}${process.env.AUTH_SECRET}`).digest("hex");
  await adapter.createVerificationToken({ identifier: email, token: hashed, expires: new Date(Date.now() + 60_000) });
  const url = `http://localhost:3000/api/auth/callback/email?${new URLSearchParams({ token, email, callbackUrl: "/account" })}`;
  return authRoute(handlers.POST)(
    new NextRequest(url, { method: "POST", headers: { cookie: request.cookie, origin: "http://localhost:3000" } }),
  );
}

const tokenSetBy = (response: Response) => /authjs\.session-token=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];

describe("signing in again as the signed-in user", () => {
  it("ends the old session and makes a new one, proved now, by the method used", async () => {
    const { user } = await person();
    const oldToken = newSessionToken();
    await createSession({ sessionToken: oldToken, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
    const em = await getEm();
    await em.nativeUpdate(Session, { tokenHash: hashSessionToken(oldToken) }, { authenticatedAt: new Date(Date.now() - 3_600_000) });
    request.cookie = `authjs.session-token=${oldToken}`;

    const response = await openEmailLink(user.email!);
    const newToken = tokenSetBy(response);
    expect(newToken, response.headers.get("location") ?? "").toBeDefined();
    expect(newToken).not.toBe(oldToken);
    expect(await em.fork().count(Session, { tokenHash: hashSessionToken(oldToken) }), "the old session is gone").toBe(0);
    const fresh = await em.fork().findOneOrFail(Session, { tokenHash: hashSessionToken(newToken!) });
    expect(fresh.method).toBe("email");
    expect(Date.now() - fresh.authenticatedAt.getTime()).toBeLessThan(10_000);
  });
});

describe("a session made by a provider account", () => {
  it("ends when that account is disconnected, and the owner is told", async () => {
    const { user, account } = await person({ provider: "local" });
    await person();
    const em = await getEm();
    em.create(Account, { user: user.id, type: "oidc", provider: "github", providerAccountId: randomUUID() });
    await em.flush();
    const viaAccount = newSessionToken();
    const proof = {
      provenAt: new Date(),
      method: { type: "oidc", provider: "local", providerAccountId: account!.providerAccountId },
      linking: false,
    };
    await createSession({ sessionToken: viaAccount, userId: user.id, expires: new Date(Date.now() + 86_400_000) }, proof);
    const other = newSessionToken();
    await createSession({ sessionToken: other, userId: user.id, expires: new Date(Date.now() + 86_400_000) });
    const acting = await createSession(
      { sessionToken: newSessionToken(), userId: user.id, expires: new Date(Date.now() + 86_400_000) },
      proof,
    );
    expect((await em.fork().findOneOrFail(Session, { tokenHash: hashSessionToken(viaAccount) })).method).toBe("local");

    expect(await disconnectSignInMethod(user.id, account!.id, acting.id)).toMatch(/the other sessions it signed in have ended/);

    expect(await em.fork().count(Session, { tokenHash: hashSessionToken(viaAccount) }), "its session ended").toBe(0);
    expect(await em.fork().count(Session, { tokenHash: hashSessionToken(other) }), "others stay").toBe(1);
    expect(await em.fork().count(Session, { id: acting.id }), "the session that disconnected it stays").toBe(1);
    const notices = (await readMailbox(mailboxDir)).filter((message) => message.to === user.email && /removed/.test(message.subject));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain(account!.providerAccountId);
  });

  it("records no proof of a recent sign-in when an OpenID Connect provider did not say when", async () => {
    const { user, account } = await person({ provider: "local" });
    const token = newSessionToken();
    const proof = {
      provenAt: null,
      method: { type: "oidc", provider: "local", providerAccountId: account!.providerAccountId },
      linking: false,
    };
    const created = await createSession({ sessionToken: token, userId: user.id, expires: new Date(Date.now() + 86_400_000) }, proof);
    expect(created.authenticatedAt.getTime()).toBe(0);
  });
});

describe("notices", () => {
  it("go only to a verified address", async () => {
    const { user, account } = await person({ verified: false, provider: "local" });
    const em = await getEm();
    em.create(Account, { user: user.id, type: "oidc", provider: "github", providerAccountId: randomUUID() });
    await em.flush();
    await disconnectSignInMethod(user.id, account!.id, randomUUID());
    expect((await readMailbox(mailboxDir)).filter((message) => message.to === user.email)).toHaveLength(0);
  });
});

describe("Auth.js's routes read a body as Auth.js does", () => {
  it.each([
    ["a form", "application/x-www-form-urlencoded", "callbackUrl=%2F%2Fevil.example"],
    ["JSON", "application/json", JSON.stringify({ callbackUrl: "//evil.example" })],
    ["JSON whose callbackUrl is not text", "application/json", JSON.stringify({ callbackUrl: {} })],
  ])("refuses a callbackUrl off this site in %s", async (_shape, type, body) => {
    const response = await authRoute(handlers.POST)(
      new NextRequest("http://localhost:3000/api/auth/signout", { method: "POST", headers: { "content-type": type }, body }),
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("callbackUrl must be a path on this site");
  });
});
