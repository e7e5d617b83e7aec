/**
 * SQLite turns foreign keys on per connection. MikroORM does it only in its
 * own connect step, for the first connection; config/mikro-orm.ts does it for
 * every connection the pool opens. Here the pool is recycled, so the
 * connection in use is one MikroORM never saw, and deletes must still cascade.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { signedInAs } from "./support/sessions";

describe.runIf(process.env.TEST_DATABASE === undefined || process.env.TEST_DATABASE === "sqlite")("SQLite connections", () => {
  it("have foreign keys on, including connections opened after start-up", async () => {
    const knex = (await getEm()).getConnection().getKnex();
    const client = knex.client as { destroy(): Promise<void>; initializePool(): void };
    await client.destroy();
    client.initializePool();

    const rows = (await knex.raw("pragma foreign_keys")) as { foreign_keys: number }[];
    expect(rows[0]?.foreign_keys).toBe(1);

    const em = await getEm();
    const user = em.create(User, { name: "Cascade", email: `cascade-${randomUUID()}@example.test` });
    await em.flush();
    await signedInAs(user.id);
    await knex(em.getMetadata().get(User.name).tableName).where({ id: user.id }).delete();
    expect(await em.fork().count(Session, { user: user.id })).toBe(0);
  });
});
