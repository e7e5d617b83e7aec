import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/** Integration tests against a real database: SQLite always, the servers when configured. */
function integration(name: string, database: string): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: ["tests/integration/**/*.test.ts"],
      environment: "node",
      env: { TEST_DATABASE: database },
      setupFiles: ["tests/integration/setup.ts"],
      // Each file gets its own database; files run one at a time to keep database and CPU contention low.
      fileParallelism: false,
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
}

/**
 * Several production servers on one database server (tests/scale): run by
 * `npm run test:scale` after a build, on each configured server database.
 */
function scale(name: string, database: string): TestProjectInlineConfiguration {
  return {
    extends: true,
    test: {
      name,
      include: ["tests/scale/**/*.test.ts"],
      environment: "node",
      env: { TEST_DATABASE: database },
      setupFiles: ["tests/integration/setup.ts"],
      fileParallelism: false,
      testTimeout: 120_000,
      hookTimeout: 600_000,
    },
  };
}

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      // Outside Next.js, "server-only" would throw on import; here every module is server code.
      "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    // next-auth imports "next/server" without an extension, which only a bundler resolves: let Vite load it.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      integration("integration", "sqlite"),
      ...(process.env.TEST_POSTGRES_URL ? [integration("integration-postgresql", "postgresql")] : []),
      ...(process.env.TEST_MYSQL_URL ? [integration("integration-mysql", "mysql")] : []),
      ...(process.env.TEST_POSTGRES_URL ? [scale("scale-postgresql", "postgresql")] : []),
      ...(process.env.TEST_MYSQL_URL ? [scale("scale-mysql", "mysql")] : []),
    ],
  },
});
