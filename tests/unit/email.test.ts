import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Transporter } from "nodemailer";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError, parseEnv } from "@/config/env";
import { devMailboxDir, linksIn, readMailbox, storeMessage } from "@/lib/email/dev-mailbox";
import { describeFailure, EmailDeliveryError, sendSignInLink } from "@/lib/email/mailer";
import { describeLifetime, signInMessage } from "@/lib/email/sign-in-message";
import { emailAddressSchema } from "@/lib/users/email";

const SECRET = "a".repeat(40);
const NOW = new Date("2026-11-26T12:00:00Z");
const URL_WITH_TOKEN = "http://localhost:3000/api/auth/callback/email?callbackUrl=%2F&token=abc123secret&email=a%40example.test";

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv({ AUTH_SECRET: SECRET, ...source });
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe("the sign-in message", () => {
  const message = signInMessage({
    appName: 'Acme <b>"Tools"</b>\r\nBcc: victim@example.test',
    email: "<img src=x onerror=alert(1)>@example.test",
    url: `${URL_WITH_TOKEN}&x="><script>alert(1)</script>`,
    expires: new Date(NOW.getTime() + 10 * 60_000),
    now: NOW,
  });

  it("names the app and the link's lifetime, in text and HTML", () => {
    expect(message.text).toContain("expires in 10 minutes");
    expect(message.html).toContain("expires in 10 minutes");
    expect(message.text).toContain(URL_WITH_TOKEN);
  });

  it("keeps the subject to one line, whatever the app name holds", () => {
    expect(message.subject).not.toMatch(/[\r\n]/);
    expect(message.subject.startsWith("Sign in to Acme")).toBe(true);
  });

  it("escapes every value in the HTML", () => {
    expect(message.html).not.toContain("<img");
    expect(message.html).not.toContain("<script>");
    expect(message.html).not.toContain("<b>");
    expect(message.html).toContain("&lt;img src=x onerror=alert(1)&gt;@example.test");
    expect(message.html).toContain("&amp;x=&quot;&gt;&lt;script&gt;");
  });

  it.each([
    [10 * 60_000, "10 minutes"],
    [60_000, "1 minute"],
    [3_600_000, "1 hour"],
    [90_000, "1 minute"],
    [45_000, "45 seconds"],
    [2 * 86_400_000, "48 hours"],
  ])("describes %d ms as %s", (ms, words) => {
    expect(describeLifetime(ms)).toBe(words);
  });
});

describe("a failed send", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is logged without the link or its token, and reported as an EmailDeliveryError", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const refusing = {
      sendMail: () => Promise.reject(Object.assign(new Error(`550 rejected ${URL_WITH_TOKEN} (abc123secret)`), { code: "EENVELOPE" })),
    } as unknown as Transporter;
    process.env.AUTH_SECRET ??= SECRET;
    const sending = sendSignInLink({ identifier: "a@example.test", url: URL_WITH_TOKEN, token: "abc123secret", expires: NOW }, refusing);
    await expect(sending).rejects.toBeInstanceOf(EmailDeliveryError);
    const output = logged.mock.calls.flat().join(" ");
    expect(output).toContain("EENVELOPE");
    expect(output).toContain("example.test");
    expect(output).not.toContain("abc123secret");
    expect(output).not.toContain("a@example.test");
  });

  it("takes every copy of each secret out of a description", () => {
    expect(describeFailure(new Error("t0k t0k"), ["t0k"])).toBe("[link removed] [link removed]");
  });
});

describe("email settings", () => {
  it("need both EMAIL_SERVER and EMAIL_FROM", () => {
    expect(problems({ EMAIL_SERVER: "smtp://127.0.0.1:2525" })).toEqual([expect.stringMatching(/^EMAIL_FROM is missing/)]);
    expect(problems({ EMAIL_FROM: "a@example.test" })).toEqual([expect.stringMatching(/^EMAIL_SERVER is missing/)]);
  });

  it("refuse a server that is not an SMTP URL, and a sender with a line break", () => {
    expect(problems({ EMAIL_SERVER: "http://mail.example.test", EMAIL_FROM: "a@example.test" })).toEqual([
      expect.stringMatching(/^EMAIL_SERVER must be an SMTP URL/),
    ]);
    expect(problems({ EMAIL_SERVER: "smtp://mail.example.test", EMAIL_FROM: "Acme <a@example.test>\nBcc: b@example.test" })).toEqual([
      expect.stringMatching(/^EMAIL_FROM must be an address/),
    ]);
  });

  it("accept a real provider's settings and read the link lifetime", () => {
    const env = parseEnv({
      AUTH_SECRET: SECRET,
      EMAIL_SERVER: "smtps://apikey:secret@smtp.example.test:465",
      EMAIL_FROM: "Acme <no-reply@acme.example>",
      EMAIL_LINK_TTL: "15m",
    });
    expect(env.EMAIL_LINK_TTL).toBe(900);
    expect(parseEnv({ AUTH_SECRET: SECRET }).EMAIL_LINK_TTL).toBe(600);
  });

  it("keep the development mailbox on this machine, and out of production unless allowed", () => {
    const mailbox = { EMAIL_SERVER: "smtp://127.0.0.1:2525", EMAIL_FROM: "a@example.test", DEV_MAILBOX_DIR: "data/dev-mailbox" };
    expect(problems(mailbox)).toEqual([]);
    expect(problems({ ...mailbox, EMAIL_SERVER: "smtp://smtp.example.test:587" })).toEqual([
      expect.stringMatching(/^DEV_MAILBOX_DIR is set, but EMAIL_SERVER does not point at this machine/),
    ]);
    const production = { ...mailbox, NODE_ENV: "production", AUTH_URL: "https://app.example.test" };
    expect(problems(production)).toEqual([expect.stringMatching(/^DEV_MAILBOX_DIR is set in production/)]);
    expect(problems({ ...production, LOCAL_OIDC_ALLOW_IN_PRODUCTION: "true" })).toEqual([]);
  });
});

describe("/dev/mailbox", () => {
  const settings = { DEV_MAILBOX_DIR: "data/dev-mailbox", LOCAL_OIDC_ALLOW_IN_PRODUCTION: false };

  it("exists while the development mailbox is configured", () => {
    expect(devMailboxDir({ ...settings, NODE_ENV: "development" })).toBe("data/dev-mailbox");
    expect(devMailboxDir({ ...settings, NODE_ENV: "test" })).toBe("data/dev-mailbox");
  });

  it("is a 404 when it is not configured, and in production unless explicitly allowed", () => {
    expect(devMailboxDir({ ...settings, DEV_MAILBOX_DIR: undefined, NODE_ENV: "development" })).toBeNull();
    expect(devMailboxDir({ ...settings, NODE_ENV: "production" })).toBeNull();
    expect(devMailboxDir({ ...settings, NODE_ENV: "production", LOCAL_OIDC_ALLOW_IN_PRODUCTION: true })).toBe("data/dev-mailbox");
  });

  it("lists stored messages newest first and keeps the last hundred", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mailbox-"));
    try {
      for (let index = 0; index < 103; index++) {
        await storeMessage(
          dir,
          { from: "app", to: `user${index}@example.test`, subject: `#${index}`, text: "" },
          new Date(NOW.getTime() + index),
        );
      }
      expect((await readdir(dir)).length).toBe(100);
      const listed = await readMailbox(dir, 2);
      expect(listed.map((message) => message.subject)).toEqual(["#102", "#101"]);
      expect(await readMailbox(join(dir, "missing"))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("finds the links in a message", () => {
    expect(linksIn(`Open:\n${URL_WITH_TOKEN}\n\nor https://example.test/help.`)).toEqual([URL_WITH_TOKEN, "https://example.test/help."]);
  });
});

describe("an address typed for a sign-in link", () => {
  it("is normalised", () => {
    expect(emailAddressSchema.parse("  Alice@Example.TEST ")).toBe("alice@example.test");
  });

  it.each([
    ['"attacker@evil.test"@victim.test'],
    ["a@victim.test,attacker@evil.test"],
    ["a\uFF20victim.test"],
    ["a@victim.test\r\nBcc: b@evil.test"],
    ["not an address"],
    [`${"a".repeat(250)}@example.test`],
  ])("is refused when it could be read as another recipient or is not an address: %j", (typed) => {
    expect(emailAddressSchema.safeParse(typed).success).toBe(false);
  });
});
