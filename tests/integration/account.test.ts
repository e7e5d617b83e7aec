/**
 * What people manage on /account, against a real database: sign-in methods
 * (never the last one, even when two disconnects race), and their own
 * sessions (never anyone else's).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import {
  disconnectSignInMethod,
  emailSignInAddress,
  endOtherSessions,
  endOwnSession,
  listSessions,
  listSignInMethods,
} from "@/lib/users/account";
import { UserActionError } from "@/lib/users/errors";
import { signedInAs } from "./support/sessions";

/** Disconnects made outside any session (the acting session is kept: tests/integration/sign-in-rules.test.ts). */
const NO_SESSION = randomUUID();

async function personWith(providers: string[], emailVerified: Date | null = null): Promise<User> {
  const em = await getEm();
  const user = em.create(User, { name: "Account", email: `account-${randomUUID()}@example.test`, emailVerified });
  for (const provider of providers) em.create(Account, { user, userId: user.id, type: "oidc", provider, providerAccountId: randomUUID() });
  await em.flush();
  return user;
}

describe("sign-in methods", () => {
  it("can be disconnected, but never the last", async () => {
    const user = await personWith(["local", "github"]);
    const [first, second] = await listSignInMethods(user.id);
    expect(await disconnectSignInMethod(user.id, first!.id, NO_SESSION)).toMatch(/Disconnected/);
    await expect(disconnectSignInMethod(user.id, second!.id, NO_SESSION)).rejects.toThrow(/only way to sign in/);
    expect(await listSignInMethods(user.id)).toHaveLength(1);
  });

  it("can all be disconnected when sign-in links go to a verified address (email sign-in is on here)", async () => {
    const user = await personWith(["local"], new Date());
    expect(await emailSignInAddress(user.id)).toBe(user.email);
    const [only] = await listSignInMethods(user.id);
    expect(await disconnectSignInMethod(user.id, only!.id, NO_SESSION)).toMatch(/Disconnected/);
    expect(await listSignInMethods(user.id)).toHaveLength(0);
  });

  it("do not count an unverified address as a way to sign in", async () => {
    const user = await personWith(["local"]);
    expect(await emailSignInAddress(user.id)).toBeNull();
  });

  it("keep one when two disconnects race", async () => {
    for (let round = 0; round < 5; round++) {
      const user = await personWith(["local", "github"]);
      const methods = await listSignInMethods(user.id);
      const results = await Promise.allSettled(methods.map((method) => disconnectSignInMethod(user.id, method.id, NO_SESSION)));
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      for (const result of results) if (result.status === "rejected") expect(result.reason).toBeInstanceOf(UserActionError);
      expect(await listSignInMethods(user.id)).toHaveLength(1);
    }
  });

  it("of someone else cannot be disconnected", async () => {
    const [owner, other] = [await personWith(["local", "github"]), await personWith(["local", "github"])];
    const [method] = await listSignInMethods(owner.id);
    await expect(disconnectSignInMethod(other.id, method!.id, NO_SESSION)).rejects.toThrow(/no longer connected/);
    expect(await listSignInMethods(owner.id)).toHaveLength(2);
  });
});

describe("own sessions", () => {
  it("are listed with the current one marked, and ended one by one or all but the current", async () => {
    const user = await personWith(["local"]);
    for (let device = 0; device < 3; device++) await signedInAs(user.id);
    const [current, other] = await listSessions(user.id);
    expect((await listSessions(user.id, current!.id)).filter((session) => session.current)).toHaveLength(1);

    expect(await endOwnSession(user.id, other!.id)).toMatch(/ended/);
    expect(await listSessions(user.id)).toHaveLength(2);
    expect(await endOtherSessions(user.id, current!.id)).toMatch(/1 session ended/);
    expect((await listSessions(user.id)).map((session) => session.id)).toEqual([current!.id]);
  });

  it("of someone else cannot be ended", async () => {
    const [owner, other] = [await personWith(["local"]), await personWith(["local"])];
    await signedInAs(owner.id);
    const [session] = await listSessions(owner.id);
    await expect(endOwnSession(other.id, session!.id)).rejects.toThrow(/already ended/);
    expect(await (await getEm()).count(Session, { user: owner.id })).toBe(1);
  });
});
