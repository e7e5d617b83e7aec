/**
 * Runs once when the server starts: a configuration error stops it here,
 * with the env schema's message, instead of failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv, ConfigurationError } = await import("./lib/env");
  try {
    getEnv();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
