import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "@/lib/db/keyset";
import { cleanText, idSchema } from "@/lib/input";

describe("cleanText", () => {
  it.each([
    ["a\u0000b", "ab"],
    ["  spaced  ", "spaced"],
    ["line\nbreak\ttab", "line break tab"],
    ["lone \uD800 surrogate", "lone \uFFFD surrogate"],
    ["del\u007f", "del"],
    ["emoji 😀 stays", "emoji 😀 stays"],
  ])("%j -> %j", (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it("keeps line breaks in multi-line text", () => {
    expect(cleanText("first\r\nsecond\u0007", { multiline: true })).toBe("first\r\nsecond");
  });
});

describe("ids", () => {
  it("accept UUIDs and refuse anything else", () => {
    expect(idSchema.safeParse("3f1c2a9e-0000-4000-8000-000000000001").success).toBe(true);
    for (const bad of ["", "a\u0000", "x".repeat(65), "a b", "'; drop"]) expect(idSchema.safeParse(bad).success).toBe(false);
  });
});

describe("cursors", () => {
  it("refuse a time past the year 9999, which no database can store", () => {
    const forged = Buffer.from(`n.${Date.UTC(9999, 11, 31) + 86_400_000}.abc`).toString("base64url");
    expect(decodeCursor(forged)).toBeNull();
    const latest = { createdAt: new Date(Date.UTC(9999, 11, 31)), id: "abc", direction: "next" as const };
    expect(decodeCursor(encodeCursor(latest))).toEqual(latest);
  });
});
