import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./e2e/chromium";
import { APP_PORT, APP_URL, e2eDatabase, IDP_PORT, MAILBOX_DIR, MAILBOX_PORT } from "./e2e/setup-values";

/**
 * The e2e suite runs against the production build (`next build && next
 * start`), because some bugs only exist there, with the local identity
 * provider standing in for GitHub or Google and the development mailbox for
 * an SMTP server. `E2E_DATABASE=postgresql npm run test:e2e` runs it on
 * PostgreSQL (or mysql), as .ci/run does.
 */

const serverEnv = {
  AUTH_SECRET: "e2e-only-secret-that-is-long-enough-0123456789",
  AUTH_URL: APP_URL,
  // SQLite, or PostgreSQL / MySQL with E2E_DATABASE (e2e/setup-values.ts).
  DATABASE_URL: e2eDatabase().url,
  AUTH_LOCAL_OIDC_ISSUER: `http://127.0.0.1:${IDP_PORT}`,
  AUTH_LOCAL_OIDC_ID: "e2e-client",
  AUTH_LOCAL_OIDC_SECRET: "e2e-client-secret",
  EMAIL_SERVER: `smtp://127.0.0.1:${MAILBOX_PORT}`,
  EMAIL_FROM: "Starter e2e <no-reply@example.test>",
  DEV_MAILBOX_DIR: MAILBOX_DIR,
  // The suite runs the identity provider and the mailbox beside a production build on purpose.
  LOCAL_OIDC_ALLOW_IN_PRODUCTION: "true",
  ADMIN_EMAILS: "first-admin@example.test",
  // Every test signs in from 127.0.0.1; the limits themselves are tested in tests/integration/rate-limits.test.ts.
  RATE_LIMIT_SIGN_IN: "1000/10m",
  RATE_LIMIT_ADMIN: "1000/1m",
  // Several tests ask for links to one address in quick succession.
  EMAIL_LINK_COOLDOWN: "1s",
  AUTH_PASSKEYS: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

/** The browser scripts/ensure-chromium.ts found or installed (undefined: Playwright's own). */
function chromiumExecutable(): string | undefined {
  const choice = findChromium();
  return choice && choice.source !== "playwright" ? choice.path : undefined;
}

const runningAsRoot = process.getuid?.() === 0;

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: [
            ...(runningAsRoot ? ["--no-sandbox"] : []),
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: "tsx --conditions=react-server scripts/local-idp.ts",
      url: `http://127.0.0.1:${IDP_PORT}/.well-known/openid-configuration`,
      env: { ...serverEnv, NODE_ENV: "production", PORT: String(APP_PORT) },
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      command: "tsx --conditions=react-server scripts/dev-mailbox.ts",
      port: MAILBOX_PORT,
      env: { ...serverEnv, NODE_ENV: "production" },
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      command: `tsx --conditions=react-server scripts/e2e-server.ts ${APP_PORT}`,
      url: `${APP_URL}/sign-in`,
      env: serverEnv,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
  ],
});
