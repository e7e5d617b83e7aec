/**
 * Email sign-in links: the token behind each is stored as Auth.js gives it
 * (a hash), works once even when the link is opened twice at the same
 * moment, and an expired one is refused and cleared.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { defaultEntities } from "@auth/mikro-orm-adapter";
import { describe, expect, it } from "vitest";
import { getEm } from "@/lib/db/orm";
import { adapter as a } from "./support/adapter";

const { VerificationToken } = defaultEntities;

/** What Auth.js stores for a link's token: SHA-256 of the token and the secret, in hex. */
const hashed = () =>
  createHash("sha256")
    .update(`${randomBytes(32).toString("hex")}${process.env.AUTH_SECRET}`)
    .digest("hex");
const address = () => `link-${randomUUID()}@example.test`;

async function stored(token: string) {
  return (await getEm()).findOne(VerificationToken, { token });
}

describe("a sign-in link's token", () => {
  it("is stored as Auth.js hands it over, with its address and expiry", async () => {
    const token = hashed();
    const identifier = address();
    const expires = new Date(Date.now() + 10 * 60_000);
    await a.createVerificationToken({ identifier, token, expires });
    const row = await stored(token);
    expect(row?.identifier).toBe(identifier);
    expect(Math.abs(row!.expires.getTime() - expires.getTime())).toBeLessThan(1000);
  });

  it("is used up by its first use", async () => {
    const token = hashed();
    const identifier = address();
    await a.createVerificationToken({ identifier, token, expires: new Date(Date.now() + 60_000) });
    expect(await a.useVerificationToken({ identifier, token })).toMatchObject({ identifier, token });
    expect(await a.useVerificationToken({ identifier, token })).toBeNull();
    expect(await stored(token)).toBeNull();
  });

  it("works once when the link is opened many times at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const token = hashed();
      const identifier = address();
      await a.createVerificationToken({ identifier, token, expires: new Date(Date.now() + 60_000) });
      const uses = await Promise.all(Array.from({ length: 8 }, () => a.useVerificationToken({ identifier, token })));
      expect(uses.filter((use) => use !== null)).toHaveLength(1);
    }
  });

  it("is not used up by a link for another address", async () => {
    const token = hashed();
    const identifier = address();
    await a.createVerificationToken({ identifier, token, expires: new Date(Date.now() + 60_000) });
    expect(await a.useVerificationToken({ identifier: address(), token })).toBeNull();
    expect(await a.useVerificationToken({ identifier, token })).not.toBeNull();
  });

  it("once expired, comes back expired (Auth.js then refuses the link) and is gone", async () => {
    const token = hashed();
    const identifier = address();
    await a.createVerificationToken({ identifier, token, expires: new Date(Date.now() - 1000) });
    const used = await a.useVerificationToken({ identifier, token });
    expect(used!.expires.getTime()).toBeLessThan(Date.now());
    expect(await stored(token)).toBeNull();
  });

  it("expired tokens are cleared when the next link is made, live ones kept", async () => {
    const expired = hashed();
    const live = hashed();
    await a.createVerificationToken({ identifier: address(), token: expired, expires: new Date(Date.now() - 1000) });
    await a.createVerificationToken({ identifier: address(), token: live, expires: new Date(Date.now() + 60_000) });
    await a.createVerificationToken({ identifier: address(), token: hashed(), expires: new Date(Date.now() + 60_000) });
    expect(await stored(expired)).toBeNull();
    expect(await stored(live)).not.toBeNull();
  });
});
