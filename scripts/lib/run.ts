import { spawn } from "node:child_process";

/**
 * Runs a long-lived command (next dev, next start) as this script's own
 * work: its output is this script's, Ctrl-C and SIGTERM reach it, and this
 * script exits with its exit code when it ends.
 */
export function runInForeground(command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: "inherit", env: process.env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}

/** Ends the script with one message and exit code 1: how every script reports a failure it can explain. */
export function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}
