/**
 * Passkeys on a real database: the adapter's WebAuthn methods, with the
 * cases of Auth.js's shared adapter test suite (next-auth's
 * packages/utils/adapter.ts, `testWebAuthnMethods`), and the app's rules.
 */
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { Session as AuthSession } from "next-auth";
import { describe, expect, it, vi } from "vitest";
import { testRequest as request } from "./support/next-headers";
import type { Role } from "@/config/roles";

vi.mock("next/headers", () => import("./support/next-headers"));

const { adapter: a } = await import("./support/adapter");
const { getEm } = await import("@/lib/db/orm");
const { Account } = await import("@/entities/Account");
const { Authenticator } = await import("@/entities/Authenticator");
const { AuditLog } = await import("@/entities/AuditLog");
const { Session } = await import("@/entities/Session");
const { User } = await import("@/entities/User");
const { allowSignIn } = await import("@/lib/auth/sign-in");
const { listPasskeys, removePasskey, renamePasskey } = await import("@/lib/users/passkeys");
const { listSignInMethods } = await import("@/lib/users/account");
const { banUser } = await import("@/lib/users/changes");
const { COMMAND_LINE_ACTOR } = await import("@/lib/audit/actor");
const { signedInAs } = await import("./support/sessions");
const { signToken } = await import("@/lib/auth/signed-token");
const { createSession, newSessionToken } = await import("@/lib/auth/session-store");
const { passkeyRefusal } = await import("@/lib/auth/passkey-route");
const { encode } = await import("next-auth/jwt");

/** A user with a passkey account, as Auth.js links one before storing the passkey. */
async function userWithPasskeyAccount(email: string) {
  const credentialID = randomUUID();
  const user = await a.createUser({ id: randomUUID(), email: `${randomUUID()}-${email}`, emailVerified: null, name: null, role: "user" });
  await a.linkAccount({ provider: "passkey", providerAccountId: credentialID, type: "webauthn", userId: user.id });
  return { user, credentialID };
}

const authenticatorFor = (credentialID: string, userId: string, transports = "usb,ble,nfc") => ({
  credentialID,
  providerAccountId: credentialID,
  userId,
  counter: randomInt(100),
  credentialBackedUp: true,
  credentialDeviceType: "platform",
  credentialPublicKey: randomUUID(),
  transports,
});

describe("Auth.js's adapter contract: WebAuthn methods", () => {
  it("getAccount", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("getAccount@example.com");
    expect(await a.getAccount("invalid-provider-account-id", "invalid-provider")).toBeNull();
    expect(await a.getAccount(credentialID, "invalid-provider")).toBeNull();
    expect(await a.getAccount("invalid-provider-account-id", "passkey")).toBeNull();
    expect(await a.getAccount(credentialID, "passkey")).toMatchObject({
      provider: "passkey",
      providerAccountId: credentialID,
      type: "webauthn",
      userId: user.id,
    });
  });

  it("createAuthenticator", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("createAuthenticator@example.com");
    const data = authenticatorFor(credentialID, user.id);
    const created = await a.createAuthenticator(data);
    expect(created).toMatchObject(data);
    expect(await a.getAuthenticator(credentialID)).toMatchObject(created);
  });

  it("getAuthenticator", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("getAuthenticator@example.com");
    await a.createAuthenticator(authenticatorFor(credentialID, user.id));
    expect(await a.getAuthenticator("invalid-credential-id")).toBeNull();
    expect(await a.getAuthenticator(credentialID)).toMatchObject({ credentialID, userId: user.id });
  });

  it("listAuthenticatorsByUserId", async () => {
    const first = await userWithPasskeyAccount("listAuthenticatorsByUserId1@example.com");
    const second = await userWithPasskeyAccount("listAuthenticatorsByUserId2@example.com");
    const credentialID2 = randomUUID();
    await a.linkAccount({ provider: "passkey", providerAccountId: credentialID2, type: "webauthn", userId: first.user.id });
    const authenticator1 = await a.createAuthenticator(authenticatorFor(first.credentialID, first.user.id));
    const authenticator2 = await a.createAuthenticator(authenticatorFor(credentialID2, first.user.id, "usb,nfc"));
    const authenticator3 = await a.createAuthenticator(authenticatorFor(second.credentialID, second.user.id, "usb,ble"));
    expect(await a.listAuthenticatorsByUserId("invalid-user-id")).toEqual([]);
    expect([authenticator2, authenticator1]).toMatchObject(await a.listAuthenticatorsByUserId(first.user.id));
    expect([authenticator3]).toMatchObject(await a.listAuthenticatorsByUserId(second.user.id));
  });

  it("updateAuthenticatorCounter", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("updateAuthenticatorCounter@example.com");
    const created = await a.createAuthenticator(authenticatorFor(credentialID, user.id));
    await expect(a.updateAuthenticatorCounter("invalid-credential-id", randomInt(100))).rejects.toThrow();
    const newCounter = created.counter + 1 + randomInt(100);
    expect((await a.updateAuthenticatorCounter(credentialID, newCounter)).counter).toBe(newCounter);
  });
});

describe("passkeys", () => {
  it("are named after the device by default, dated when used, listed apart from other methods, and audited", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("named@example.com");
    await a.createAuthenticator({ ...authenticatorFor(credentialID, user.id), counter: 0 });
    const [listed] = await listPasskeys(user.id);
    expect(listed).toMatchObject({ name: "Chrome on macOS", lastUsedAt: null });
    await a.updateAuthenticatorCounter(credentialID, 0);
    expect((await listPasskeys(user.id))[0]!.lastUsedAt).toBeInstanceOf(Date);
    expect(await listSignInMethods(user.id)).toEqual([]);
    await renamePasskey(user.id, listed!.id, "Work laptop");
    expect((await listPasskeys(user.id))[0]!.name).toBe("Work laptop");
    expect(await (await getEm()).count(AuditLog, { targetId: user.id, action: "passkey_added" })).toBe(1);
  });

  it("refuse a counter that did not increase (a copy, or a replay), where the authenticator keeps one", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("replay@example.com");
    await a.createAuthenticator({ ...authenticatorFor(credentialID, user.id), counter: 10 });
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(a.updateAuthenticatorCounter(credentialID, 10)).rejects.toThrow(/did not increase/);
    await expect(a.updateAuthenticatorCounter(credentialID, 3)).rejects.toThrow(/did not increase/);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("cloned or replayed"));
    error.mockRestore();
    const twice = await Promise.allSettled([
      a.updateAuthenticatorCounter(credentialID, 11),
      a.updateAuthenticatorCounter(credentialID, 11),
    ]);
    expect(
      twice.filter((result) => result.status === "fulfilled"),
      "the same assertion at once: one wins",
    ).toHaveLength(1);
  });

  it("are removed (with their account and the other sessions they made), but never the last way in", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("remove@example.com");
    await a.createAuthenticator(authenticatorFor(credentialID, user.id));
    const proof = {
      provenAt: new Date(),
      method: { type: "webauthn", provider: "passkey", providerAccountId: credentialID },
      linking: false,
    };
    const expires = new Date(Date.now() + 86_400_000);
    const elsewhere = await createSession({ sessionToken: newSessionToken(), userId: user.id, expires }, proof);
    const acting = await createSession({ sessionToken: newSessionToken(), userId: user.id, expires }, proof);
    const [only] = await listPasskeys(user.id);
    await expect(removePasskey(user.id, only!.id, acting.id)).rejects.toThrow(/only way to sign in/);
    await a.linkAccount({ provider: "github", providerAccountId: randomUUID(), type: "oauth", userId: user.id });
    expect(await removePasskey(user.id, only!.id, acting.id)).toMatch(/Removed/);
    const em = await getEm();
    expect(await em.count(Session, { id: elsewhere.id }), "a session it made elsewhere ends").toBe(0);
    expect(await em.count(Session, { id: acting.id }), "the session removing it stays").toBe(1);
    expect(await em.count(Authenticator, { user: user.id })).toBe(0);
    expect(await em.count(Account, { user: user.id, provider: "passkey" })).toBe(0);
    expect(await em.count(AuditLog, { targetId: user.id, action: "passkey_removed" })).toBe(1);
  });

  it("go with their user", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("deleted@example.com");
    await a.createAuthenticator(authenticatorFor(credentialID, user.id));
    await a.deleteUser(user.id);
    expect(await (await getEm()).count(Authenticator, { credentialID })).toBe(0);
  });
});

/** The session auth() would give a browser signed in as `user`. */
async function signedInSession(user: { id: string; email: string; role: Role }): Promise<AuthSession> {
  await signedInAs(user.id);
  const session = await (await getEm()).findOneOrFail(Session, { user: user.id }, { orderBy: { createdAt: "desc" } });
  return {
    user: { id: user.id, email: user.email, role: user.role, image: null, name: null },
    expires: "",
    sessionId: session.id,
    authenticatedAt: new Date().toISOString(),
    impersonator: null,
  };
}

describe("signing in with a passkey", () => {
  const webauthn = (credentialID: string) => ({ type: "webauthn" as const, provider: "passkey", providerAccountId: credentialID });

  it("is refused to a banned user", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("banned@example.com");
    await banUser(user.id, { reason: "spam", until: null }, COMMAND_LINE_ACTOR);
    expect(await allowSignIn({ user, account: webauthn(credentialID) }, null)).toMatch(/AccountBanned/);
  });

  it("adds a new passkey only for its signed-in owner who asked to (the link intent)", async () => {
    const { user } = await userWithPasskeyAccount("adding@example.com");
    const fresh = randomUUID();
    expect(await allowSignIn({ user, account: webauthn(fresh) }, null), "anonymous").toMatch(/PasskeyNotAdded/);
    const current = await signedInSession(user);
    expect(await allowSignIn({ user, account: webauthn(fresh) }, current), "no intent").toMatch(/PasskeyNotAdded/);
    const other = await (await getEm()).findOneOrFail(User, { id: (await userWithPasskeyAccount("other@example.com")).user.id });
    expect(
      await allowSignIn({ user: { ...other, email: other.email ?? "" }, account: webauthn(randomUUID()) }, current),
      "someone else's",
    ).toMatch(/PasskeyNotAdded/);
    // "Add a passkey" left its intent: the new passkey is added, and the session is kept (not a new sign-in).
    request.cookie = `link-intent=${signToken("link intent", user.id, 60_000)}`;
    expect(await allowSignIn({ user, account: webauthn(fresh) }, current)).toBe(true);
    expect(await (await getEm()).count(Session, { id: current.sessionId })).toBe(1);
  });

  it("as someone else while signed in follows the linking rules: refused, and the session kept", async () => {
    const { user: owner, credentialID } = await userWithPasskeyAccount("owner@example.com");
    const { user: signedIn } = await userWithPasskeyAccount("signed-in@example.com");
    const current = await signedInSession(signedIn);
    request.cookie = "";
    expect(await allowSignIn({ user: owner, account: webauthn(credentialID) }, current)).toMatch(/SignedInAlready/);
    expect(await (await getEm()).count(Session, { id: current.sessionId })).toBe(1);
  });

  it("as the signed-in user again makes a new session: the old one ends", async () => {
    const { user, credentialID } = await userWithPasskeyAccount("again@example.com");
    const current = await signedInSession(user);
    expect(await allowSignIn({ user, account: webauthn(credentialID) }, current)).toBe(true);
    expect(await (await getEm()).count(Session, { id: current.sessionId })).toBe(0);
  });
});

describe("Auth.js's passkey callback, as the app guards it", () => {
  type Body = "form" | "json" | "form with a decoy data field";

  /** Auth.js's challenge cookie for a fresh challenge, sealed as its webauthn-options endpoint seals it. */
  async function challengeCookie(challenge = randomBytes(32).toString("base64url")): Promise<string> {
    const secret = process.env.AUTH_SECRET!;
    const inner = await encode({ token: { challenge }, secret, salt: "encodedWebauthnChallenge", maxAge: 900 });
    return encode({ token: { value: inner, provider: "passkey" }, secret, salt: "authjs.challenge", maxAge: 900 });
  }

  /**
   * A passkey's answer as a browser posts it (the credential id in base64url, and client data), with
   * the cookie header given (Auth.js's challenge cookie); or reshaped, as Auth.js would still read it.
   */
  function post(credentialID: string, cookie: string, shape: Body = "form") {
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: "c", origin: "http://localhost:3000" })).toString(
      "base64url",
    );
    const data = JSON.stringify({ id: Buffer.from(credentialID, "base64").toString("base64url"), response: { clientDataJSON } });
    const url = new URL("http://localhost:3000/api/auth/callback/passkey");
    const body =
      shape === "json"
        ? JSON.stringify({ action: "authenticate", data })
        : shape === "form"
          ? new URLSearchParams({ action: "authenticate", data }).toString()
          : `action=authenticate&data=x&data=${encodeURIComponent(data)}`;
    const request = new Request(url, {
      method: "POST",
      headers: {
        "content-type": shape === "json" ? "application/json" : "application/x-www-form-urlencoded",
        "x-auth-return-redirect": "1",
        cookie,
      },
      body,
    });
    return passkeyRefusal(request, url);
  }

  async function storedPasskey(): Promise<string> {
    const credentialID = randomBytes(32).toString("base64");
    const user = await a.createUser({
      id: randomUUID(),
      email: `${randomUUID()}@example.com`,
      emailVerified: null,
      name: null,
      role: "user",
    });
    await a.linkAccount({ provider: "passkey", providerAccountId: credentialID, type: "webauthn", userId: user.id });
    await a.createAuthenticator(authenticatorFor(credentialID, user.id));
    return credentialID;
  }

  const refusedAsReplay = { url: "http://localhost:3000/sign-in/error?error=WebAuthnVerificationError" };

  it.each<Body>(["form", "json", "form with a decoy data field"])(
    "lets each challenge be answered once: a replay is refused before Auth.js, whatever the counter (%s)",
    async (shape) => {
      const credentialID = await storedPasskey();
      const cookie = `authjs.challenge=${await challengeCookie()}`;
      expect(await post(credentialID, cookie), "first use: Auth.js verifies it").toBeNull();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
      expect(await (await post(credentialID, cookie, shape))?.json()).toEqual(refusedAsReplay);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining("replayed"));
      warn.mockRestore();
      expect(await post(credentialID, `authjs.challenge=${await challengeCookie()}`, shape), "a new challenge").toBeNull();
    },
  );

  it("counts the challenge, not the cookie's spelling: a re-encoded cookie is the same challenge", async () => {
    const credentialID = await storedPasskey();
    const sealed = await challengeCookie();
    expect(await post(credentialID, `authjs.challenge=${sealed}`)).toBeNull();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // What Auth.js still opens: a character percent-encoded (its cookie parser decodes), a padding '='.
    for (const spelling of [`%${sealed.charCodeAt(0).toString(16).toUpperCase()}${sealed.slice(1)}`, `${sealed}=`]) {
      expect(await (await post(credentialID, `authjs.challenge=${spelling}`))?.json(), spelling.slice(0, 8)).toEqual(refusedAsReplay);
    }
    warn.mockRestore();
  });

  it("answers 400 to a body that is not a passkey's answer, before Auth.js (which would log a stack trace)", async () => {
    const url = new URL("http://localhost:3000/api/auth/callback/passkey");
    for (const body of [
      "action=authenticate&data=notjson",
      "action=authenticate&data=%7B",
      "action=authenticate&data=%7B%7D",
      "action=other&data=x",
    ]) {
      const request = new Request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
      expect((await passkeyRefusal(request, url))?.status, body).toBe(400);
    }
  });

  it("refuses more than one challenge cookie, and one that does not open", async () => {
    const credentialID = await storedPasskey();
    const two = await post(credentialID, `authjs.challenge=${await challengeCookie()}; authjs.challenge=${await challengeCookie()}`);
    expect(two?.status).toBe(400);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(await (await post(credentialID, "authjs.challenge=not-a-sealed-challenge"))?.json()).toEqual(refusedAsReplay);
    warn.mockRestore();
  });

  it.each<Body>(["form", "json", "form with a decoy data field"])(
    "says so when the device offers a passkey the site no longer knows (%s)",
    async (shape) => {
      const unknown = randomBytes(32).toString("base64");
      const answer = await post(unknown, `authjs.challenge=${await challengeCookie()}`, shape);
      expect(await answer?.json()).toEqual({ url: "http://localhost:3000/sign-in/error?error=PasskeyUnknown" });
    },
  );
});
