/**
 * The session store is the only code that touches session tokens: a token of
 * the wrong shape never reaches the database, and a failing statement's error
 * never carries the token (MikroORM writes values into the SQL it sends, and
 * its error messages quote that SQL).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import {
  createSession,
  deleteSession,
  findSessionAndUser,
  hashSessionToken,
  isSessionTokenShape,
  updateSession,
} from "@/lib/auth/session-store";
import { getEm } from "@/lib/db/orm";

describe("a session token of the wrong shape", () => {
  it.each([
    ["a NUL byte", `${randomUUID()}\u0000`],
    ["a percent-encoded NUL", "%00"],
    ["a megabyte", "a".repeat(1_000_000)],
    ["quotes and spaces", "' or 1=1 --  aaaaaaaaaaaaaa"],
    ["non-ASCII", "ṡessiontokenṡessiontoken"],
    ["nothing", ""],
  ])("(%s) is no session, and is not sent to the database", async (_case, token) => {
    expect(isSessionTokenShape(token)).toBe(false);
    expect(await findSessionAndUser(token)).toBeNull();
    expect(await updateSession({ sessionToken: token, expires: new Date() })).toBeNull();
    await expect(deleteSession(token)).resolves.toBeUndefined();
  });

  it("accepts the tokens Auth.js makes", () => {
    expect(isSessionTokenShape(randomUUID())).toBe(true);
  });
});

describe("a failing session statement", () => {
  it("does not put the token in its error", async () => {
    const sessionToken = randomUUID();
    // No such user: the foreign key refuses the insert.
    const error = await createSession({ sessionToken, userId: randomUUID(), expires: new Date(Date.now() + 60_000) }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain(sessionToken);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(sessionToken);
    expect(await (await getEm()).count(Session, { tokenHash: hashSessionToken(sessionToken) })).toBe(0);
  });
});

describe("the store", () => {
  it("keeps a session's expiry to the millisecond and dates the user's last activity", async () => {
    const em = await getEm();
    const user = em.create(User, { name: "Store", email: `store-${randomUUID()}@example.test` });
    await em.flush();
    const sessionToken = randomUUID();
    const expires = new Date(Date.now() + 86_400_123);
    await createSession({ sessionToken, userId: user.id, expires });
    expect((await findSessionAndUser(sessionToken))?.session).toMatchObject({
      id: expect.any(String),
      sessionToken,
      userId: user.id,
      expires,
    });
    expect((await em.fork().findOneOrFail(User, user.id)).lastActiveAt).toBeInstanceOf(Date);
    await deleteSession(sessionToken);
    expect(await findSessionAndUser(sessionToken)).toBeNull();
  });
});
