import { ConfigurationError, getEnv } from "./env";

/** Validates the environment; on an invalid one, prints every problem and exits. */
export function assertConfiguration(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exit(1);
  }
}
