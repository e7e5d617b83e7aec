/**
 * The README and docs/ stay true: every relative link resolves (to a file,
 * and to a heading where it names one), every `npm run` script, file and
 * function they name exists, and the table of sensitive actions is the
 * code's.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SENSITIVE_ACTIONS } from "@/lib/auth/sensitive-actions";
import type { Role } from "@/config/roles";

const root = resolve(__dirname, "../..");
const pages = [
  "README.md",
  "AGENTS.md",
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];
const read = (file: string) => readFileSync(join(root, file), "utf8");
const scripts = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

const anchorsOf = (file: string) =>
  new Set(
    [
      ...read(file)
        .replace(/```[\s\S]*?```/g, "")
        .matchAll(/^#{1,6}\s+(.+)$/gm),
    ].map((match) => anchor(match[1]!.trim())),
  );

/** The project's own files (not its dependencies or build output), relative to the root. */
function projectFiles(dir = ""): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || ["node_modules", "data", "test-results", "playwright-report"].includes(entry.name)) return [];
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    return entry.isDirectory() ? projectFiles(path) : [path];
  });
}
const files = projectFiles();
const sources = files
  .filter((file) => /\.(ts|tsx|js)$/.test(file))
  .map((file) => read(file))
  .join("\n");

/** A path from the root, or a file's bare name where the text around it says where it lives. */
const fileExists = (file: string) =>
  file.includes("/") ? existsSync(join(root, file)) : files.some((path) => path === file || path.endsWith(`/${file}`));

/** Defined here (a function, a constant, a destructured export) or imported from a package. */
function isKnownFunction(name: string): boolean {
  const definition = new RegExp(`(function\\s+${name}\\b|const\\s+${name}\\b|const\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*=)`);
  const defaultImport = new RegExp(`import\\s+${name}\\s+from\\s*"`);
  const packageImport = new RegExp(
    `import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*"[^@./][^"]*"|import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*"@(?!/)[^"]*"`,
  );
  return definition.test(sources) || defaultImport.test(sources) || packageImport.test(sources);
}

describe.each(pages)("%s", (page) => {
  it("links only to files and headings that exist", () => {
    const links = [...read(page).matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!).filter((target) => !/^[a-z]+:/.test(target));
    for (const link of links) {
      const [path, hash] = link.split("#") as [string, string | undefined];
      const file = path ? join(dirname(page), path) : page;
      expect(existsSync(join(root, file)), `${link} from ${page}`).toBe(true);
      if (hash) expect(anchorsOf(file).has(hash), `#${hash} in ${file}`).toBe(true);
    }
  });

  it("names only npm scripts that exist", () => {
    for (const match of read(page).matchAll(/\bnpm run ([\w:.-]+)/g)) expect(scripts, `npm run ${match[1]} in ${page}`).toContain(match[1]);
  });

  it("names only files and functions that exist", () => {
    for (const [, file] of read(page).matchAll(/`([\w./()[\]-]+\.(?:ts|tsx|js|json|md|yml))`/g)) {
      expect(fileExists(file!), `${file} in ${page}`).toBe(true);
    }
    for (const [, name] of read(page).matchAll(/`([A-Za-z_$][\w$]*)\(/g)) {
      expect(isKnownFunction(name!), `${name}() in ${page}`).toBe(true);
    }
  });
});

describe("pointers from the code", () => {
  it("name docs/ pages that exist, and no section of the README (the details live in docs/)", () => {
    const pointing = files.filter((file) => /\.(ts|tsx|js)$|^\.env\.example$/.test(file) && !file.startsWith("tests/"));
    for (const file of pointing.concat(".env.example")) {
      const text = read(file);
      for (const [page] of text.matchAll(/docs\/[\w-]+\.md/g)) expect(existsSync(join(root, page!)), `${page} in ${file}`).toBe(true);
      expect(text, file).not.toMatch(/in README\.md|the README's|\(see the README\)/);
    }
  });
});

describe("the README", () => {
  it("fits on a screen or two, with the two commands at the top", () => {
    const lines = read("README.md").split("\n");
    expect(lines.length).toBeLessThanOrEqual(150);
    expect(lines.slice(0, 15).join("\n")).toContain("npm install && npm run dev");
    expect(lines.slice(0, 15).join("\n")).toContain("npm test");
  });
});

describe("docs/security.md's table of sensitive actions", () => {
  it("is the list the action wrapper enforces", () => {
    const section = read("docs/security.md").split("## Sensitive actions")[1]!.split("\n## ")[0]!;
    const rows = [...section.matchAll(/^\|\s*(\w+)\s*\|\s*(.+?)\s*\|$/gm)]
      .map((match) => [match[1], match[2]])
      .filter(([action]) => action !== "Action");
    expect(Object.fromEntries(rows)).toEqual(SENSITIVE_ACTIONS);
  });
});

describe("docs/roles.md's permission table", () => {
  // The built-in roles, as config/roles.ts grants them; a role a cloner adds needs no row here.
  it("is config/roles.ts's", async () => {
    const { PERMISSIONS, PERMISSION_DESCRIPTIONS, ROLE_PERMISSIONS, ROLES } = await import("@/config/roles");
    const lines = read("docs/roles.md").split("\n");
    const header = lines.find((line) => line.startsWith("| Permission"))!;
    const documented = header
      .split("|")
      .slice(3, -1)
      .map((cell) => cell.trim());
    expect(ROLES, "every documented role exists").toEqual(expect.arrayContaining(documented));
    for (const permission of PERMISSIONS) {
      const row = lines.find((line) => line.startsWith(`| ${permission} `));
      expect(row, permission).toBeDefined();
      const cells = row!
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim());
      expect(cells[1]).toBe(PERMISSION_DESCRIPTIONS[permission]);
      expect(cells.slice(2)).toEqual(
        documented.map((role) => ((ROLE_PERMISSIONS[role as Role] as readonly string[]).includes(permission) ? "yes" : "no")),
      );
    }
  });
});

describe("docs/configuration.md", () => {
  it("describes every variable the env schema reads", () => {
    const schemaSource = read("config/env.ts") + read("config/env-database.ts");
    const variables = [...schemaSource.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)]
      .map((match) => match[1]!)
      .filter((name) => name !== "NODE_ENV");
    expect(variables).toContain("AUTH_SECRET");
    const table = read("docs/configuration.md");
    for (const variable of variables) expect(table, variable).toContain(`\`${variable}\``);
  });
});
