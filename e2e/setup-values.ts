/** Where the e2e suite's servers listen and keep their data (playwright.config.ts starts them). */
export const APP_PORT = 3100;
export const IDP_PORT = 3101;
/** The development mailbox's SMTP port, and where it keeps messages. */
export const MAILBOX_PORT = 3102;
export const MAILBOX_DIR = "data/e2e-mailbox";
export const APP_URL = `http://localhost:${APP_PORT}`;
/** The suite's SQLite database; its name marks it as scratch, so scripts may delete it. */
export const E2E_DATABASE_FILE = "data/e2e-scratch.db";
