import { parseDatabaseUrl, type DatabaseTarget } from "../config/database-url";

/** Where the e2e suite's servers listen and keep their data (playwright.config.ts starts them). */
export const APP_PORT = 3100;
export const IDP_PORT = 3101;
/** The development mailbox's SMTP port, and where it keeps messages. */
export const MAILBOX_PORT = 3102;
export const MAILBOX_DIR = "data/e2e-mailbox";
export const APP_URL = `http://localhost:${APP_PORT}`;

const SERVERS = { postgresql: "TEST_POSTGRES_URL", mysql: "TEST_MYSQL_URL" } as const;

/**
 * The suite's database, chosen by E2E_DATABASE: SQLite by default, or
 * `postgresql` / `mysql` for a database named e2e_scratch on the server in
 * TEST_POSTGRES_URL / TEST_MYSQL_URL. The name marks it as scratch, so the
 * suite may delete it.
 */
export function e2eDatabase(choice = process.env.E2E_DATABASE ?? "sqlite"): { url: string; target: DatabaseTarget } {
  if (choice === "sqlite") return { url: "sqlite:data/e2e-scratch.db", target: { dialect: "sqlite", location: "data/e2e-scratch.db" } };
  if (choice !== "postgresql" && choice !== "mysql") throw new Error(`E2E_DATABASE must be sqlite, postgresql or mysql, not "${choice}"`);
  const server = process.env[SERVERS[choice]];
  if (!server) throw new Error(`E2E_DATABASE=${choice} needs the server's URL in ${SERVERS[choice]}`);
  const url = new URL(server);
  url.pathname = "/e2e_scratch";
  const target = parseDatabaseUrl(url.toString());
  if (typeof target === "string") throw new Error(`${SERVERS[choice]} ${target}`);
  return { url: url.toString(), target };
}
