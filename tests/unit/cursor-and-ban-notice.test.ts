import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, keysetPage } from "@/lib/db/keyset";

describe("keyset cursors", () => {
  it("round-trip", () => {
    const cursor = {
      createdAt: new Date("2026-01-02T03:04:05.678Z"),
      id: "3f1c2a9e-0000-4000-8000-000000000001",
      direction: "next" as const,
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it("read a malformed or tampered cursor as none", () => {
    expect(decodeCursor("garbage")).toBeNull();
    expect(decodeCursor(Buffer.from("n.123.id'; drop table user;--").toString("base64url"))).toBeNull();
    expect(decodeCursor(Buffer.from("x.123.abc").toString("base64url"))).toBeNull();
  });

  it("link the first page forwards only, and a middle page both ways", () => {
    const rows = Array.from({ length: 4 }, (_, index) => ({ id: `id${index}`, createdAt: new Date(4000 - index) }));
    const first = keysetPage(rows, 3, null);
    expect(first.items.map((row) => row.id)).toEqual(["id0", "id1", "id2"]);
    expect(first.previousCursor).toBeNull();
    expect(decodeCursor(first.nextCursor!)).toMatchObject({ id: "id2", direction: "next" });

    const middle = keysetPage(rows.slice(0, 2), 1, decodeCursor(first.nextCursor!));
    expect(middle.nextCursor).not.toBeNull();
    expect(decodeCursor(middle.previousCursor!)).toMatchObject({ id: "id0", direction: "previous" });
  });

  it("put rows read backwards back in display order", () => {
    const backwards = [
      { id: "b", createdAt: new Date(2) },
      { id: "a", createdAt: new Date(3) },
    ];
    const page = keysetPage(backwards, 5, { id: "c", createdAt: new Date(1), direction: "previous" });
    expect(page.items.map((row) => row.id)).toEqual(["a", "b"]);
    expect(page.previousCursor).toBeNull();
    expect(page.nextCursor).not.toBeNull();
  });
});

describe("ban notices", () => {
  process.env.AUTH_SECRET = "unit-test-secret-that-is-long-enough-0123";
  const userId = "3f1c2a9e-0000-4000-8000-000000000001";

  it("name the user in a link this server signed, with no reason in it", async () => {
    const { banNoticeUrl, verifyBanNotice } = await import("@/lib/auth/ban-notice");
    const url = new URL(banNoticeUrl(userId), "http://localhost");
    expect(url.pathname).toBe("/sign-in/error");
    expect([...url.searchParams.keys()].sort()).toEqual(["error", "notice"]);
    expect(verifyBanNotice(url.searchParams.get("notice"))).toBe(userId);
  });

  it("expire after an hour", async () => {
    const { signBanNotice, verifyBanNotice } = await import("@/lib/auth/ban-notice");
    const issued = Date.UTC(2026, 0, 1);
    const token = signBanNotice(userId, issued);
    expect(verifyBanNotice(token, issued + 59 * 60_000)).toBe(userId);
    expect(verifyBanNotice(token, issued + 61 * 60_000)).toBeNull();
  });

  it("refuse a token that was changed, forged or signed with AUTH_SECRET itself", async () => {
    const { createHmac } = await import("node:crypto");
    const { signBanNotice, verifyBanNotice } = await import("@/lib/auth/ban-notice");
    const [payload, signature] = signBanNotice(userId).split(".");
    const otherUser = Buffer.from(`other-user.${Date.now() + 60_000}`).toString("base64url");
    expect(verifyBanNotice(`${otherUser}.${signature}`)).toBeNull();
    const plainSecret = createHmac("sha256", process.env.AUTH_SECRET!).update(Buffer.from(payload!, "base64url")).digest("base64url");
    expect(verifyBanNotice(`${payload}.${plainSecret}`)).toBeNull();
    for (const junk of [undefined, "", "a.b", ".", "x".repeat(400), ["array"]]) expect(verifyBanNotice(junk)).toBeNull();
  });
});

describe("signed tokens", () => {
  it("refuse trailing junk and a token made for another purpose", async () => {
    const { signToken, verifyToken } = await import("@/lib/auth/signed-token");
    const token = signToken("one purpose", "abc", 60_000);
    expect(verifyToken("one purpose", token)).toBe("abc");
    expect(verifyToken("one purpose", `${token}!!`)).toBeNull();
    expect(verifyToken("one purpose", `${token}.extra`)).toBeNull();
    expect(verifyToken("another purpose", token)).toBeNull();
  });

  it("refuse every change to the signature, even in its last character's spare bits", async () => {
    const { signToken, verifyToken } = await import("@/lib/auth/signed-token");
    const token = signToken("one purpose", "abc", 60_000);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (const character of alphabet) {
      const changed = `${token.slice(0, -1)}${character}`;
      if (changed !== token) expect(verifyToken("one purpose", changed), character).toBeNull();
    }
  });
});
