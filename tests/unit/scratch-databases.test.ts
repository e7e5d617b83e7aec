import { describe, expect, it } from "vitest";
import { dropDatabase, isScratchDatabase, uncoveredDialect } from "@/scripts/lib/scratch-databases";

describe("deleting databases", () => {
  it.each([
    [{ dialect: "sqlite" as const, location: "data/e2e-scratch.db" }, true],
    [{ dialect: "sqlite" as const, location: "/tmp/starter-scratch-1a2b.db" }, true],
    [{ dialect: "postgresql" as const, location: "postgresql://u@h:5432/starter_scratch_1a2b" }, true],
    [{ dialect: "sqlite" as const, location: "data/app.db" }, false],
    [{ dialect: "sqlite" as const, location: "scratch/app.db" }, false],
    [{ dialect: "sqlite" as const, location: ":memory:" }, false],
    [{ dialect: "postgresql" as const, location: "postgresql://u@scratch-host:5432/app" }, false],
  ])("%j is scratch: %s", (target, scratch) => {
    expect(isScratchDatabase(target)).toBe(scratch);
  });

  it("refuses to delete a database whose name does not mark it as scratch", async () => {
    await expect(dropDatabase({ dialect: "sqlite", location: "data/app.db" })).rejects.toThrow(/Refusing to delete the database "app.db"/);
  });
});

describe("writing and checking migrations", () => {
  const saved = { ...process.env };
  const withEnv = (values: Record<string, string | undefined>) => {
    for (const key of ["DATABASE_URL", "TEST_POSTGRES_URL", "TEST_MYSQL_URL"]) delete process.env[key];
    Object.assign(process.env, values);
  };

  it("refuses when DATABASE_URL's server has no scratch server to write its migration on", () => {
    try {
      withEnv({ DATABASE_URL: "postgresql://u@db:5432/app" });
      expect(uncoveredDialect()).toMatch(/^DATABASE_URL is PostgreSQL, but TEST_POSTGRES_URL is not set/);
      withEnv({ DATABASE_URL: "mariadb://u@db:3306/app" });
      expect(uncoveredDialect()).toMatch(/TEST_MYSQL_URL is not set/);
      withEnv({ DATABASE_URL: "postgresql://u@db:5432/app", TEST_POSTGRES_URL: "postgresql://postgres@127.0.0.1:5432/postgres" });
      expect(uncoveredDialect()).toBeNull();
      withEnv({});
      expect(uncoveredDialect()).toBeNull();
    } finally {
      process.env = saved;
    }
  });
});
