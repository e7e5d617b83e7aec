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

describe("the client's address", async () => {
  const { clientIp, PEER_ADDRESS_HEADER } = await import("@/lib/audit/client-ip");
  const request = (fields: Record<string, string>) => new Headers(fields);

  it("is the connection's own with no proxy, whatever X-Forwarded-For claims", () => {
    expect(clientIp(request({ [PEER_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "6.6.6.6" }), 0, true)).toBe("203.0.113.9");
    expect(clientIp(request({ "x-forwarded-for": "6.6.6.6" }), 0, true)).toBeNull();
    expect(clientIp(request({ [PEER_ADDRESS_HEADER]: "::ffff:127.0.0.1" }), 0, true)).toBe("127.0.0.1");
  });

  it("is unknown before the server stamps the connection's address (a client's own header is not believed)", () => {
    expect(clientIp(request({ [PEER_ADDRESS_HEADER]: "6.6.6.6" }), 0, false)).toBeNull();
  });

  it("is the address the outermost trusted proxy saw", () => {
    const chain = request({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.1" });
    expect(clientIp(chain, 1)).toBe("10.0.0.1");
    expect(clientIp(chain, 2)).toBe("198.51.100.7");
    expect(clientIp(chain, 4)).toBeNull();
  });

  it("is null, never an error, for anything that is not an IP address", () => {
    for (const junk of ["x".repeat(100), "", "not-an-ip", "1.2.3.4.5", "<script>"]) {
      expect(clientIp(request({ "x-forwarded-for": junk }), 1)).toBeNull();
    }
    expect(clientIp(request({ "x-forwarded-for": "2001:db8::1" }), 1)).toBe("2001:db8::1");
  });

  it("is loopback (for /dev/mailbox) only when the connection's own address is, never by a header's say", async () => {
    const { isLoopbackConnection } = await import("@/lib/audit/client-ip");
    expect(isLoopbackConnection(request({ [PEER_ADDRESS_HEADER]: "127.0.0.1" }), true)).toBe(true);
    expect(isLoopbackConnection(request({ [PEER_ADDRESS_HEADER]: "::1" }), true)).toBe(true);
    expect(isLoopbackConnection(request({ [PEER_ADDRESS_HEADER]: "192.168.1.20" }), true)).toBe(false);
    expect(isLoopbackConnection(request({ [PEER_ADDRESS_HEADER]: "192.168.1.20", "x-forwarded-for": "127.0.0.1" }), true)).toBe(false);
    expect(isLoopbackConnection(request({ [PEER_ADDRESS_HEADER]: "127.0.0.1" }), false), "before the server stamps it").toBe(false);
    expect(isLoopbackConnection(request({ host: "localhost" }), true)).toBe(false);
  });
});

describe("rate-limit subjects of client addresses", async () => {
  const { ipSubject } = await import("@/lib/rate-limit/limits");
  it.each([
    ["203.0.113.9", "ip:203.0.113.9"],
    [null, "ip:unknown"],
    ["2001:db8:1:2:3:4:5:6", "ip6:2001:db8:1:2::/64"],
    ["2001:db8:1:2::7", "ip6:2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::1", "ip6:2001:db8:1:2::/64"],
    ["2001:db8::1", "ip6:2001:db8:0:0::/64"],
    ["::1", "ip6:0:0:0:0::/64"],
  ])("%s -> %s", (ip, subject) => {
    expect(ipSubject(ip)).toBe(subject);
  });
});
