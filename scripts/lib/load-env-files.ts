import { existsSync } from "node:fs";

/**
 * Loads .env.local and .env the way `next` does for the app, for scripts run
 * outside it. Variables already in the environment win.
 */
export function loadEnvFiles(): void {
  for (const file of [".env.local", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
