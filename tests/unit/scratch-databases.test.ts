import { describe, expect, it } from "vitest";
import { dropDatabase, isScratchDatabase } from "@/scripts/migrations";

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
