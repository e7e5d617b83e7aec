import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/config/database-url";
import { ConfigurationError, parseEnv } from "@/config/env";

const SECRET = "a".repeat(40);

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("accepts the minimum: a secret, with SQLite by default", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET });
    expect(env.DATABASE_URL).toEqual({ dialect: "sqlite", location: "data/app.db" });
    expect(env.ADMIN_EMAILS).toEqual([]);
    expect(env.AUTH_LOCAL_OIDC_ISSUER).toBeUndefined();
  });

  it("names a missing AUTH_SECRET and says how to make one", () => {
    expect(problems({})).toEqual([expect.stringMatching(/^AUTH_SECRET is missing: generate one with `npx auth secret`/)]);
    expect(problems({ AUTH_SECRET: "  " })).toEqual([expect.stringMatching(/^AUTH_SECRET is missing/)]);
  });

  it("rejects an AUTH_SECRET with spaces around it, which Auth.js would keep", () => {
    expect(problems({ AUTH_SECRET: `${SECRET} ` })).toEqual([expect.stringMatching(/^AUTH_SECRET has spaces or a line break around it/)]);
  });

  it("rejects a short AUTH_SECRET", () => {
    expect(problems({ AUTH_SECRET: "short" })).toEqual([expect.stringMatching(/^AUTH_SECRET is too short/)]);
  });

  it("names a malformed DATABASE_URL and lists the accepted forms", () => {
    const [problem] = problems({ AUTH_SECRET: SECRET, DATABASE_URL: "mongodb://localhost/app" });
    expect(problem).toMatch(/^DATABASE_URL uses an unsupported database "mongodb:"/);
    expect(problem).toContain("postgresql://");
  });

  it("requires both halves of a provider's credentials", () => {
    expect(problems({ AUTH_SECRET: SECRET, AUTH_GITHUB_ID: "id" })).toEqual([
      expect.stringMatching(/^AUTH_GITHUB_SECRET is missing: set both AUTH_GITHUB_ID and AUTH_GITHUB_SECRET/),
    ]);
    expect(problems({ AUTH_SECRET: SECRET, AUTH_GOOGLE_SECRET: "secret" })).toEqual([expect.stringMatching(/^AUTH_GOOGLE_ID is missing/)]);
  });

  it("in production, requires the public URL and refuses the local identity provider unless allowed", () => {
    const production = { AUTH_SECRET: SECRET, NODE_ENV: "production" };
    expect(problems(production)).toEqual([expect.stringMatching(/^AUTH_URL is missing: in production/)]);
    expect(problems({ ...production, AUTH_TRUST_HOST: "true" })).toEqual([
      expect.stringMatching(/^AUTH_URL is missing: AUTH_TRUST_HOST alone is not enough in production/),
    ]);
    expect(problems({ ...production, AUTH_URL: "http://app.example" })).toEqual([
      expect.stringMatching(/^AUTH_URL must be https in production/),
    ]);
    expect(problems({ ...production, AUTH_URL: "http://localhost:3000" })).toEqual([]);
    expect(problems({ ...production, AUTH_URL: "http://127.0.0.1:3000" })).toEqual([]);
    expect(problems({ ...production, AUTH_URL: "https://app.example" })).toEqual([]);

    const withIdp = { ...production, AUTH_URL: "https://app.example", AUTH_LOCAL_OIDC_ISSUER: "http://127.0.0.1:3001" };
    expect(problems(withIdp)).toEqual([expect.stringMatching(/^AUTH_LOCAL_OIDC_ISSUER is set in production/)]);
    expect(problems({ ...withIdp, LOCAL_OIDC_ALLOW_IN_PRODUCTION: "true" })).toEqual([]);
  });

  it("reads ADMIN_EMAILS as a normalised list and rejects a non-email", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET, ADMIN_EMAILS: " Ada@Example.com, bob@example.com ,," }).ADMIN_EMAILS).toEqual([
      "ada@example.com",
      "bob@example.com",
    ]);
    expect(problems({ AUTH_SECRET: SECRET, ADMIN_EMAILS: "ada@example.com, not-an-email" })).toEqual([
      expect.stringMatching(/^ADMIN_EMAILS has "not-an-email", which is not an email address/),
    ]);
  });

  it("rejects a flag that is neither true nor false", () => {
    expect(problems({ AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "maybe" })).toEqual(['AUTH_TRUST_HOST must be "true" or "false"']);
  });

  it("lists every problem at once", () => {
    expect(problems({ DATABASE_URL: "nope", AUTH_URL: "not a url" })).toHaveLength(3);
  });
});

describe("parseDatabaseUrl", () => {
  it.each([
    ["sqlite:data/app.db", { dialect: "sqlite", location: "data/app.db" }],
    ["file:./test.db", { dialect: "sqlite", location: "./test.db" }],
    ["sqlite::memory:", { dialect: "sqlite", location: ":memory:" }],
    ["postgresql://u:p@db:5432/app", { dialect: "postgresql", location: "postgresql://u:p@db:5432/app" }],
    ["postgres://db/app", { dialect: "postgresql", location: "postgres://db/app" }],
    ["mysql://root@localhost:3306/app", { dialect: "mysql", location: "mysql://root@localhost:3306/app" }],
    ["mariadb://root@localhost/app", { dialect: "mariadb", location: "mariadb://root@localhost/app" }],
  ])("reads %s", (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it.each([
    ["data/app.db", /is not a connection string/],
    ["sqlite:", /empty SQLite file path/],
    ["postgresql://localhost", /names no database/],
    ["redis://localhost/0", /unsupported database "redis:"/],
  ])("explains what is wrong with %s", (url, message) => {
    expect(parseDatabaseUrl(url)).toMatch(message);
  });
});

describe("rate limits and proxies", () => {
  it("read limits as <count>/<window>, with defaults", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).RATE_LIMIT_SIGN_IN).toEqual({ limit: 30, windowMs: 600_000 });
    expect(parseEnv({ AUTH_SECRET: SECRET, RATE_LIMIT_ADMIN: "5/30s" }).RATE_LIMIT_ADMIN).toEqual({ limit: 5, windowMs: 30_000 });
    expect(problems({ AUTH_SECRET: SECRET, RATE_LIMIT_ADMIN: "lots" })).toEqual([
      expect.stringMatching(/^RATE_LIMIT_ADMIN must be "<count>\/<window>"/),
    ]);
    expect(problems({ AUTH_SECRET: SECRET, RATE_LIMIT_SIGN_IN: "0/1m" })).toHaveLength(1);
  });

  it("read TRUSTED_PROXY_HOPS as a small whole number, 0 by default", () => {
    expect(parseEnv({ AUTH_SECRET: SECRET }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "eleven", "11"]) {
      expect(problems({ AUTH_SECRET: SECRET, TRUSTED_PROXY_HOPS: bad })).toEqual([
        expect.stringMatching(/^TRUSTED_PROXY_HOPS must be a whole number/),
      ]);
    }
  });

  it("reads the connection pool settings, with defaults, and checks them", () => {
    const env = parseEnv({ AUTH_SECRET: SECRET });
    expect([
      env.DATABASE_POOL_MIN,
      env.DATABASE_POOL_MAX,
      env.DATABASE_POOL_TIMEOUT,
      env.DATABASE_CONNECT_TIMEOUT,
      env.DATABASE_IDLE_TIMEOUT,
    ]).toEqual([0, 10, 10, 5, 30]);
    expect(parseEnv({ AUTH_SECRET: SECRET, DATABASE_POOL_MAX: "3", DATABASE_CONNECT_TIMEOUT: "2s" })).toMatchObject({
      DATABASE_POOL_MAX: 3,
      DATABASE_CONNECT_TIMEOUT: 2,
    });
    expect(problems({ AUTH_SECRET: SECRET, DATABASE_POOL_MAX: "0" })).toEqual([
      expect.stringMatching(/^DATABASE_POOL_MAX must be a whole number from 1/),
    ]);
    expect(problems({ AUTH_SECRET: SECRET, DATABASE_POOL_MIN: "5", DATABASE_POOL_MAX: "2" })).toEqual([
      expect.stringMatching(/^DATABASE_POOL_MIN is more than DATABASE_POOL_MAX \(2\)/),
    ]);
    expect(problems({ AUTH_SECRET: SECRET, DATABASE_POOL_TIMEOUT: "soon" })).toEqual([
      expect.stringMatching(/^DATABASE_POOL_TIMEOUT must be a number and a unit/),
    ]);
  });
});

describe(".env.example", () => {
  it("is a valid development configuration once `npm run dev` adds its AUTH_SECRET", async () => {
    const { readFileSync } = await import("node:fs");
    const { parseEnv: parseDotenv } = await import("node:util");
    const example = parseDotenv(readFileSync(".env.example", "utf8")) as Record<string, string>;
    expect(example.AUTH_SECRET).toBe("");
    expect(problems({ ...example, AUTH_SECRET: SECRET, NODE_ENV: "development" })).toEqual([]);
  });
});
