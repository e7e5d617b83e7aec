/**
 * `npm run dev`: everything a fresh clone needs to run.
 * 1. Creates .env from .env.example with a new AUTH_SECRET if there is none.
 * 2. Validates the configuration (the same schema as the server).
 * 3. Creates the database if needed and applies pending migrations.
 * 4. Starts the local identity provider and the development mailbox (when
 *    configured) and `next dev`.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { ConfigurationError, getEnv } from "../config/env";
import { explainDatabaseError } from "../lib/db/errors";
import { migrate } from "./migrations";
import { listenOn } from "./lib/listen";
import { loadEnvFiles } from "./lib/load-env-files";
import { exitWith, runInForeground } from "./lib/run";
import { startDevMailbox } from "./dev-mailbox";
import { devMailboxAddress } from "../config/env-email";
import { devMailboxDir } from "../lib/email/dev-mailbox";

function createEnvFile(): void {
  if (existsSync(".env")) return;
  const secret = randomBytes(33).toString("base64");
  const template = readFileSync(".env.example", "utf8");
  writeFileSync(".env", template.replace(/^AUTH_SECRET=.*$/m, `AUTH_SECRET=${secret}`), { mode: 0o600 });
  console.log("Created .env from .env.example with a new AUTH_SECRET.");
}

async function main(): Promise<void> {
  createEnvFile();
  loadEnvFiles();
  const env = getEnv();
  const port = Number(process.env.PORT ?? 3000);
  const appUrl = env.AUTH_URL ?? `http://localhost:${port}`;

  // Before anything starts: a taken port is said plainly, not after "Open … and sign in".
  const probe = createServer();
  await listenOn(probe, { host: env.DEV_HOST, port, what: "npm run dev", setting: "PORT" });
  await new Promise((resolve) => probe.close(resolve));

  const applied = await migrate(env.DATABASE_URL);
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");

  if (env.AUTH_LOCAL_OIDC_ISSUER) {
    // Loaded only when used: oidc-provider is large, and warns about the Node.js version as it loads.
    const { startLocalIdp } = await import("./local-idp");
    await startLocalIdp({
      issuer: env.AUTH_LOCAL_OIDC_ISSUER,
      clientId: env.AUTH_LOCAL_OIDC_ID,
      clientSecret: env.AUTH_LOCAL_OIDC_SECRET,
      appOrigins: [appUrl],
    });
    console.log(`Local identity provider on ${env.AUTH_LOCAL_OIDC_ISSUER}`);
  }

  const mailboxDir = devMailboxDir(env);
  const mailbox = env.EMAIL_SERVER ? devMailboxAddress(env.EMAIL_SERVER) : null;
  if (mailboxDir && mailbox) {
    await startDevMailbox({ ...mailbox, dir: mailboxDir });
    console.log(`Development mailbox on smtp://${mailbox.host}:${mailbox.port}: sign-in emails appear at ${appUrl}/dev/mailbox`);
  }

  // Loopback only, unless DEV_HOST says otherwise: sign-in links and the local identity provider are for this machine.
  runInForeground("npx", ["next", "dev", "--port", String(port), "--hostname", env.DEV_HOST]);
  console.log(`\n  Open ${appUrl} and sign in.\n`);
}

main().catch((error: unknown) => exitWith(error instanceof ConfigurationError ? error.message : explainDatabaseError(error).message));
