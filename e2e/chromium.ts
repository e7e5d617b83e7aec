import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

/** Where the e2e suite's browser is, and what kind it is. */
export type ChromiumChoice = { source: "CHROMIUM_PATH" | "system"; path: string } | { source: "playwright" };

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

/**
 * The browser for the e2e suite, in order of preference: CHROMIUM_PATH,
 * Playwright's own Chromium (`npx playwright install chromium`), a system
 * Chromium. Null when there is none: scripts/ensure-chromium.ts gets one.
 */
export function findChromium(): ChromiumChoice | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? { source: "CHROMIUM_PATH", path: configured } : null;
  if (existsSync(chromium.executablePath())) return { source: "playwright" };
  const system = SYSTEM_CHROMIUMS.find((path) => existsSync(path));
  return system ? { source: "system", path: system } : null;
}
