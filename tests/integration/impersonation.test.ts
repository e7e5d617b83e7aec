/**
 * Viewing as a user (lib/users/impersonation.ts), on a real database: a
 * separate session that records who views, the browser's token lent to it
 * and given back, and every way it ends (stop, time, a ban or a demotion of
 * the viewer, a ban of the viewed), with what is refused and audited
 * meanwhile. Sessions are read through Auth.js, as a request would.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { testRequest as request } from "./support/next-headers";

vi.mock("next/headers", () => import("./support/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { getEm } = await import("@/lib/db/orm");
const { User } = await import("@/entities/User");
const { Session } = await import("@/entities/Session");
const { AuditLog } = await import("@/entities/AuditLog");
const { Account } = await import("@/entities/Account");
const { startImpersonation, endImpersonation, IMPERSONATION_MINUTES } = await import("@/lib/users/impersonation");
const { banUser, endUserSession, setUserRole } = await import("@/lib/users/changes");
const { endOtherSessions, listSessions } = await import("@/lib/users/account");
const { claimUnprovenAddress } = await import("@/lib/auth/email-sign-in");
const { COMMAND_LINE_ACTOR } = await import("@/lib/audit/actor");
const { deleteSession, hashSessionToken } = await import("@/lib/auth/session-store");
const accountActions = await import("@/app/account/actions");
const { signedInAs, sessionFromAuthJs } = await import("./support/sessions");

async function person(role: "user" | "moderator" | "admin", options: { banned?: boolean } = {}) {
  const em = await getEm();
  const user = em.create(User, {
    name: `View ${role}`,
    email: `view-${randomUUID()}@example.test`,
    role,
    bannedAt: options.banned ? new Date() : null,
  });
  em.create(Account, { user, type: "oidc", provider: "local", providerAccountId: randomUUID() });
  em.create(Account, { user, type: "oidc", provider: "github", providerAccountId: randomUUID() });
  await em.flush();
  return user;
}

/** An admin signed in (another admin exists, for the last-admin rule), viewing as a fresh user. */
async function viewing() {
  await person("admin");
  const admin = await person("admin");
  const target = await person("user");
  const token = await signedInAs(admin.id);
  const own = await (await getEm()).findOneOrFail(Session, { tokenHash: hashSessionToken(token) });
  await startImpersonation(target.id, { id: admin.id, email: admin.email ?? null, ip: null }, own.id);
  request.cookie = `authjs.session-token=${token}`;
  return { admin, target, token, ownSessionId: own.id };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

describe("viewing as a user", () => {
  it("makes the browser's token sign in as the user, recording who views; stop gives the viewer's own session back", async () => {
    const { admin, target, token, ownSessionId } = await viewing();
    const viewed = await sessionFromAuthJs(token);
    expect(viewed?.user.id).toBe(target.id);
    expect(viewed?.impersonator).toMatchObject({ id: admin.id, email: admin.email });
    expect(viewed?.sessionId).not.toBe(ownSessionId);
    const impersonation = await (await getEm()).findOneOrFail(Session, { id: viewed!.sessionId });
    expect(impersonation.expires.getTime() - impersonation.createdAt.getTime()).toBe(IMPERSONATION_MINUTES * 60_000);

    expect(await endImpersonation(viewed!.sessionId)).toBe(true);
    const back = await sessionFromAuthJs(token);
    expect(back?.user.id).toBe(admin.id);
    expect(back?.sessionId, "the same session as before").toBe(ownSessionId);
    expect(back?.impersonator).toBeNull();
    const actions = (await (await getEm()).find(AuditLog, { targetId: target.id }, { orderBy: { createdAt: "asc" } })).map(
      (entry) => entry.action,
    );
    expect(actions).toEqual(["impersonate_start", "impersonate_stop"]);
  });

  it("refuses sensitive actions meanwhile, and audits everything else with both identities", async () => {
    const { admin, target, token } = await viewing();
    const account = await (await getEm()).findOneOrFail(Account, { user: target.id, provider: "github" });
    expect(await accountActions.disconnectAction(null, form({ accountId: account.id }))).toMatchObject({
      status: "error",
      message: expect.stringMatching(/viewing as another user/),
    });
    expect(await accountActions.updateProfileAction(null, form({ name: "Renamed while viewed" }))).toMatchObject({ status: "success" });
    const entry = await (await getEm()).findOneOrFail(AuditLog, { targetId: target.id, action: "impersonated_action" });
    expect(entry).toMatchObject({ actorId: target.id, impersonatorId: admin.id, after: { action: "updateProfile" } });
    expect((await sessionFromAuthJs(token))?.user.id).toBe(target.id);
  });

  it("ends none of the user's own sessions on their devices meanwhile", async () => {
    const { target } = await viewing();
    await signedInAs(target.id);
    const phone = (await listSessions(target.id))[0]!;
    for (const attempt of [
      () => accountActions.endSessionAction(null, form({ sessionId: phone.id })),
      () => accountActions.endOtherSessionsAction(null, form({})),
    ]) {
      expect(await attempt()).toMatchObject({ status: "error", message: expect.stringMatching(/viewing as another user/) });
    }
    expect(await (await getEm()).count(Session, { id: phone.id })).toBe(1);
  });

  it("is not ended by the user's own 'sign out everywhere else': the viewer keeps their way back", async () => {
    const { admin, target, token, ownSessionId } = await viewing();
    const userOwn = await signedInAs(target.id);
    const userSession = await (await getEm()).findOneOrFail(Session, { tokenHash: hashSessionToken(userOwn) });
    expect(await endOtherSessions(target.id, userSession.id)).toBe("You were not signed in anywhere else.");
    const viewed = await sessionFromAuthJs(token);
    expect(viewed?.user.id, "still viewing").toBe(target.id);
    expect(await endImpersonation(viewed!.sessionId)).toBe(true);
    const back = await sessionFromAuthJs(token);
    expect(back?.user.id).toBe(admin.id);
    expect(back?.sessionId).toBe(ownSessionId);
  });

  it("ends, handing the viewer their session back, when the user's first email link takes over their address", async () => {
    const { admin, target, token, ownSessionId } = await viewing();
    await claimUnprovenAddress(target.id);
    const back = await sessionFromAuthJs(token);
    expect(back?.user.id).toBe(admin.id);
    expect(back?.sessionId).toBe(ownSessionId);
    expect(await (await getEm()).count(AuditLog, { targetId: target.id, action: "impersonate_stop" })).toBe(1);
  });

  it("signs the viewer out when they sign out while viewing: the stop is audited, and no session of theirs is left waiting", async () => {
    const { admin, target, token, ownSessionId } = await viewing();
    await deleteSession(token);
    expect(await sessionFromAuthJs(token)).toBeNull();
    expect(await (await getEm()).count(Session, { id: ownSessionId }), "the viewer's own session").toBe(0);
    expect(await (await getEm()).count(Session, { user: admin.id })).toBe(0);
    expect(await (await getEm()).count(AuditLog, { targetId: target.id, action: "impersonate_stop" })).toBe(1);
  });

  it("is not ended as one of the user's sessions from the admin area, which would strand the viewer", async () => {
    const { token } = await viewing();
    const viewed = await sessionFromAuthJs(token);
    const otherAdmin = await person("admin");
    await expect(
      endUserSession(viewed!.user.id, viewed!.sessionId, { id: otherAdmin.id, email: otherAdmin.email ?? null, ip: null }),
    ).rejects.toThrow(/already ended/);
    expect((await sessionFromAuthJs(token))?.sessionId, "still viewing").toBe(viewed!.sessionId);
  });

  it("keeps the viewing session out of the user's own session list", async () => {
    const { target } = await viewing();
    await signedInAs(target.id);
    const listed = await listSessions(target.id);
    expect(listed).toHaveLength(1);
    expect(await (await getEm()).count(Session, { user: target.id })).toBe(2);
  });
});

describe("viewing ends by itself", () => {
  it("after its time, giving the viewer's session back on the next request", async () => {
    const { admin, token, ownSessionId } = await viewing();
    vi.useFakeTimers({ now: Date.now() + (IMPERSONATION_MINUTES + 1) * 60_000, toFake: ["Date"] });
    try {
      const back = await sessionFromAuthJs(token);
      expect(back?.user.id).toBe(admin.id);
      expect(back?.sessionId).toBe(ownSessionId);
    } finally {
      vi.useRealTimers();
    }
  });

  it("when the viewer is demoted", async () => {
    const { admin, token } = await viewing();
    await setUserRole(admin.id, "moderator", COMMAND_LINE_ACTOR);
    const back = await sessionFromAuthJs(token);
    expect(back?.user).toMatchObject({ id: admin.id, role: "moderator" });
  });

  it("when the viewer is banned: their sessions, the viewing one with them, are gone", async () => {
    const { admin, token } = await viewing();
    await banUser(admin.id, { reason: "compromised", until: null }, COMMAND_LINE_ACTOR);
    expect(await sessionFromAuthJs(token)).toBeNull();
    expect(await (await getEm()).count(Session, { impersonator: admin.id })).toBe(0);
  });

  it("when the viewed user is banned, and the viewer is back", async () => {
    const { admin, target, token } = await viewing();
    await banUser(target.id, { reason: "spam", until: null }, COMMAND_LINE_ACTOR);
    expect((await sessionFromAuthJs(token))?.user.id).toBe(admin.id);
  });
});

describe("who can be viewed as", () => {
  it("never an admin, a banned user or oneself; and only by someone with the permission", async () => {
    const admin = await person("admin");
    const own = await (await getEm()).findOneOrFail(Session, { tokenHash: hashSessionToken(await signedInAs(admin.id)) });
    const as = { id: admin.id, email: admin.email ?? null, ip: null };
    await expect(startImpersonation((await person("admin")).id, as, own.id)).rejects.toThrow(/Admins cannot be viewed as/);
    await expect(startImpersonation((await person("user", { banned: true })).id, as, own.id)).rejects.toThrow(/banned/);
    await expect(startImpersonation(admin.id, as, own.id)).rejects.toThrow(/already yourself/);
    const moderator = await person("moderator");
    const modSession = await (await getEm()).findOneOrFail(Session, { tokenHash: hashSessionToken(await signedInAs(moderator.id)) });
    await expect(startImpersonation((await person("user")).id, { id: moderator.id, email: null, ip: null }, modSession.id)).rejects.toThrow(
      /no longer make this change/,
    );
  });
});
