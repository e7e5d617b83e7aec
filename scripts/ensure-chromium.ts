/**
 * Run by `npm run test:e2e` before anything is built: makes sure the e2e
 * suite has a Chromium, so `npm install && npm test` works on a fresh machine.
 * 1. CHROMIUM_PATH, Playwright's own Chromium or a system one: use it.
 * 2. Otherwise `npx playwright install chromium` (the usual way on a laptop).
 * 3. If that download fails and apt-get can be run as root (containers, CI):
 *    install Debian's `chromium`, and say so.
 * 4. Otherwise stop, naming the command to run.
 */
import { spawnSync } from "node:child_process";
import { findChromium, type ChromiumChoice } from "../e2e/chromium";

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "inherit" }).status === 0;
}

/** Runs a download that may fail offline: its progress is shown, its stack traces are summed up in one line. */
function runQuietly(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
  if (result.status === 0) return true;
  const reason = (result.stderr ?? "").split("\n").find((line) => line.startsWith("Error:")) ?? `exit code ${result.status}`;
  console.log(`  ${reason.trim()}`);
  return false;
}

function describe(choice: ChromiumChoice): string {
  return choice.source === "playwright" ? "Playwright's Chromium" : `${choice.path} (${choice.source})`;
}

function canUseAptAsRoot(): boolean {
  return process.getuid?.() === 0 && spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0;
}

function main(): number {
  if (process.env.CHROMIUM_PATH && !findChromium()) {
    console.error(`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist. Fix or unset it.`);
    return 1;
  }
  let found = findChromium();
  if (found) {
    console.log(`e2e browser: ${describe(found)}`);
    return 0;
  }
  console.log("No Chromium for the e2e tests yet: installing Playwright's (npx playwright install chromium).");
  if (runQuietly("npx", ["playwright", "install", "chromium"]) && (found = findChromium())) {
    console.log(`e2e browser: ${describe(found)}`);
    return 0;
  }
  if (canUseAptAsRoot()) {
    console.log("Playwright's download failed; installing Debian's chromium with apt-get instead.");
    if (run("apt-get", ["update"]) && run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"])) {
      found = findChromium();
      if (found) {
        console.log(`e2e browser: ${describe(found)}, installed with apt-get`);
        return 0;
      }
    }
  }
  console.error(
    "\nThe e2e tests need Chromium and none could be installed.\n" +
      "Run `npx playwright install chromium` (or install Chromium and set CHROMIUM_PATH to it), then `npm test` again.\n",
  );
  return 1;
}

process.exit(main());
