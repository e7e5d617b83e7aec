/**
 * The GitHub workflow a clone runs (.github/workflows/ci.yml) and this
 * project's own CI (.ci/run) run the same things, and every command the
 * workflow names exists: a renamed script fails here, not on GitHub.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      services?: Record<string, { image: string }>;
      env?: Record<string, string>;
      strategy?: { matrix?: { node?: number[] } };
      steps: Step[];
    }
  >;
}

const workflow = parse(readFileSync(".github/workflows/ci.yml", "utf8")) as Workflow;
const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

/** The npm scripts a shell text runs: `npm test`, `npm run <name>`, `npm start`. */
function npmScripts(shell: string): string[] {
  const found: string[] = [];
  for (const match of shell.matchAll(/\bnpm\s+(?:run(?:-script)?\s+(?:-s\s+)?([\w:.-]+)|(test|start)\b)/g))
    found.push((match[1] ?? match[2])!);
  return found;
}

const workflowScripts = steps.flatMap((step) => (step.run ? npmScripts(step.run) : []));
const ciScripts = npmScripts(readFileSync(".ci/run", "utf8").replace(/^\s*#.*$/gm, ""));

describe(".github/workflows/ci.yml", () => {
  it("names only npm scripts that package.json has", () => {
    expect(workflowScripts.length).toBeGreaterThan(0);
    for (const name of workflowScripts) expect(Object.keys(scripts), `npm script "${name}"`).toContain(name);
  });

  it("runs what .ci/run runs, directly or through npm test", () => {
    expect(ciScripts).toEqual(expect.arrayContaining(["test", "test:e2e", "test:scale"]));
    const throughTest = npmScripts(scripts.test ?? "");
    expect(workflowScripts).toContain("test");
    for (const name of ciScripts) expect(workflowScripts.includes(name) || throughTest.includes(name), `.ci/run's ${name}`).toBe(true);
    for (const name of workflowScripts) expect(ciScripts, `the workflow's ${name}`).toContain(name);
  });

  it("runs on pushes and pull requests, with PostgreSQL and MariaDB, on Node.js 22 and 24, and installs with npm ci from a cache", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    const images = Object.values(workflow.jobs).flatMap((job) => Object.values(job.services ?? {}).map((service) => service.image));
    expect(images.some((image) => image.startsWith("postgres"))).toBe(true);
    expect(images.some((image) => image.startsWith("mariadb"))).toBe(true);
    const node = steps.find((step) => step.uses?.startsWith("actions/setup-node"));
    expect(node?.with).toMatchObject({ "node-version": "${{ matrix.node }}", cache: "npm" });
    expect(Object.values(workflow.jobs)[0]!.strategy?.matrix?.node).toEqual([22, 24]);
    expect(steps.some((step) => step.run === "npm ci")).toBe(true);
  });

  it("gives the tests the database servers, and runs the e2e suite on PostgreSQL as .ci/run does", () => {
    const env = Object.values(workflow.jobs)[0]!.env ?? {};
    expect(env.TEST_POSTGRES_URL).toMatch(/^postgresql:\/\/.*127\.0\.0\.1:5432/);
    expect(env.TEST_MYSQL_URL).toMatch(/^(mariadb|mysql):\/\/.*127\.0\.0\.1:3306/);
    expect(steps.find((step) => step.env?.E2E_DATABASE)?.env?.E2E_DATABASE).toBe("postgresql");
    expect(readFileSync(".ci/run", "utf8")).toMatch(/E2E_DATABASE=postgresql npm run test:e2e/);
  });

  it("keeps the Playwright report when a test fails", () => {
    const upload = steps.find((step) => step.uses?.startsWith("actions/upload-artifact"));
    expect(upload?.if).toBe("failure()");
    expect(String(upload?.with?.path)).toContain("playwright-report");
  });
});
