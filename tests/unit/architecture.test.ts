/**
 * The layout's rules, checked on every file: imports run one way (routes on
 * top, then shared UI, then lib/, then entities and config), and no source
 * file grows past about 200 lines.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const SKIP = new Set(["node_modules", ".next", ".git", "test-results", "playwright-report", "data", ".scratch"]);

function sourceFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative(root, path)] : [];
  });
}

/** The project files a file imports (packages left out), as paths from the root. */
function projectImports(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    if (specifier.startsWith("@/")) return [specifier.slice(2)];
    if (specifier.startsWith(".")) return [relative(root, resolve(root, dirname(file), specifier))];
    return [];
  });
}

const files = sourceFiles();
const layer = (path: string) => path.split("/")[0]!;

/** For files in the key's folder: the folders (or root files) they must not import. */
const forbidden: Record<string, string[]> = {
  components: ["app", "auth"],
  lib: ["app", "components", "proxy"],
  entities: ["lib", "app", "components", "auth"],
  config: ["lib", "app", "components", "auth"],
};

/** Every project file `file` imports, directly or not (type-only imports included). */
function reachableFrom(file: string): Set<string> {
  const seen = new Set<string>();
  const visit = (current: string) => {
    for (const target of projectImports(current)) {
      const resolved = [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`].find((candidate) => files.includes(candidate));
      if (resolved && !seen.has(resolved)) {
        seen.add(resolved);
        visit(resolved);
      }
    }
  };
  visit(file);
  return seen;
}

describe("imports run one way", () => {
  it.each(Object.entries(forbidden))("nothing in %s/ imports from %j", (folder, below) => {
    const wrong = files
      .filter((file) => layer(file) === folder)
      .flatMap((file) =>
        projectImports(file)
          .filter((target) => below.includes(layer(target)))
          .map((target) => `${file} -> ${target}`),
      );
    expect(wrong).toEqual([]);
  });

  it("finds the imports it checks", () => {
    expect(projectImports("auth.ts")).toContain("lib/auth/adapter");
    expect(projectImports("app/admin/users/_components/role-form.tsx")).toContain("app/admin/users/actions");
    expect(reachableFrom("auth.ts")).toContain("lib/db/orm.ts");
  });

  it("reaches auth.ts from lib/ only through the guards, and never back from auth.ts", () => {
    const importers = files.filter((file) => layer(file) === "lib" && projectImports(file).includes("auth"));
    expect(importers).toEqual(["lib/auth/guards.ts"]);
    expect([...reachableFrom("auth.ts")].filter((file) => file === "auth.ts" || file === "lib/auth/guards.ts")).toEqual([]);
  });

  it("keeps database code out of the proxy's bundle", () => {
    const reached = [...reachableFrom("proxy.ts")];
    const database = reached.filter((file) => /^(entities\/|lib\/db\/orm|lib\/auth\/(adapter|session-store)|auth\.ts)/.test(file));
    const packages = reached
      .concat("proxy.ts")
      .flatMap((file) =>
        [
          ...readFileSync(join(root, file), "utf8").matchAll(
            /from\s+["'](@mikro-orm\/[^"']+|@auth\/mikro-orm-adapter|knex|pg|mysql2|mariadb|sqlite3)["']/g,
          ),
        ].map((match) => `${file} -> ${match[1]}`),
      );
    expect(database).toEqual([]);
    expect(packages).toEqual([]);
  });
});

describe("file size", () => {
  it("keeps every source file outside tests and migrations to about 200 lines", () => {
    const long = files
      .filter((file) => !/^(tests|migrations)\//.test(file) && !file.endsWith(".spec.ts"))
      .map((file) => ({ file, lines: readFileSync(join(root, file), "utf8").split("\n").length }))
      .filter(({ lines }) => lines > 210);
    expect(long).toEqual([]);
  });
});

describe("status codes", () => {
  it("has no loading.tsx: a loading boundary sends 200 before a page's guard can answer 403 or 404", () => {
    // Stream slow parts under <Suspense> inside the page, after its permission check (app/admin/audit/page.tsx).
    expect(files.filter((file) => file.startsWith("app/") && /\/loading\.tsx$/.test(file))).toEqual([]);
  });
});
