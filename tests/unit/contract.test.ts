/**
 * The template's contract with the people who clone it (README.md): its
 * shape is a promise, so each part of it is checked here, and this fails
 * when any goes missing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { defaultEntities } from "@auth/mikro-orm-adapter";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const read = (file: string) => readFileSync(join(root, file), "utf8");
const packageJson = JSON.parse(read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const dependencies = { ...packageJson.dependencies, ...packageJson.devDependencies };

/** Source files of the app itself: what a clone runs. */
function appFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (["node_modules", ".next", ".git", "data", ".scratch", "tests", "e2e", "bench", "scripts", "migrations"].includes(entry.name))
      return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return appFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path.slice(root.length + 1)] : [];
  });
}

describe("auth.ts", () => {
  const source = read("auth.ts");

  it("exports exactly handlers, auth, signIn and signOut from NextAuth", () => {
    expect(source).toMatch(/export const \{ handlers, auth, signIn, signOut \} = NextAuth\(/);
    expect([...source.matchAll(/^export /gm)]).toHaveLength(1);
  });

  it("uses MikroOrmAdapter from @auth/mikro-orm-adapter with the app's entities", () => {
    expect(source).toContain('import { MikroOrmAdapter } from "@auth/mikro-orm-adapter";');
    expect(source).toMatch(/MikroOrmAdapter\(getOrm, \{ entities: \{ User, Account, Session \} \}\)/);
    expect(read("tests/integration/support/adapter.ts"), "the tests' adapter is made the same way").toMatch(
      /MikroOrmAdapter\(getOrm, \{ entities: \{ User, Account, Session \} \}\)/,
    );
  });
});

describe("packages", () => {
  it("are next-auth, @auth/mikro-orm-adapter, @mikro-orm/core and @mikro-orm/sqlite", () => {
    for (const name of ["next", "next-auth", "@auth/mikro-orm-adapter", "@mikro-orm/core", "@mikro-orm/sqlite"]) {
      expect(dependencies[name], name).toBeDefined();
    }
  });

  it("hold no other SQLite driver", () => {
    expect(Object.keys(dependencies).filter((name) => /sqlite/.test(name) && name !== "@mikro-orm/sqlite")).toEqual([]);
  });
});

describe("the layout", () => {
  it("has next.config.js, and no other Next.js config", () => {
    expect(existsSync(join(root, "next.config.js"))).toBe(true);
    expect(["next.config.ts", "next.config.mjs"].filter((file) => existsSync(join(root, file)))).toEqual([]);
  });

  it.each(["app", "auth.ts", "config", "entities", "migrations", "lib", "components", "e2e", "scripts"])("has %s at the top", (entry) => {
    expect(existsSync(join(root, entry))).toBe(true);
  });

  it("maps the adapter's VerificationToken, so the migrations create every table Auth.js uses", async () => {
    const { entities } = await import("@/config/mikro-orm");
    expect(entities).toContain(defaultEntities.VerificationToken);
  });
});

describe("one way to do each thing", () => {
  const files = appFiles();

  it("reads the session cookie only in its one module, Auth.js's configuration and the proxy", () => {
    const readers = files.filter((file) => /authjs\.session-token|sessionCookie\(/.test(read(file)));
    expect(readers.sort()).toEqual(["auth.ts", "lib/auth/session-cookie.ts", "proxy.ts"]);
  });

  it("sends every query through MikroORM: no database driver or knex is imported", () => {
    const drivers = files.filter((file) => /from\s+["'](knex|pg|mysql2|mariadb|sqlite3|better-sqlite3)["']/.test(read(file)));
    expect(drivers).toEqual([]);
  });
});

describe("SQLite migrations", () => {
  // MikroORM's SQLite generator once put a new column's foreign key on another column added beside it.
  it("put each foreign key on the column it is named after", () => {
    const dir = join(root, "migrations/sqlite");
    for (const file of readdirSync(dir)) {
      for (const match of read(`migrations/sqlite/${file}`).matchAll(/add column \\`(\w+)\\`[^;]*/g)) {
        const constraints = [...match[0].matchAll(/constraint \\`\w+?_(\w+)_foreign\\`/g)].map((constraint) => constraint[1]);
        for (const column of constraints) expect(column, `${file}: ${match[0].slice(0, 80)}`).toBe(match[1]);
      }
    }
  });
});
