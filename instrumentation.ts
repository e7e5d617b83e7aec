/**
 * Runs once when the server starts, so a configuration error stops it at
 * start-up with the env schema's message rather than on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { assertConfiguration } = await import("./lib/startup");
    assertConfiguration();
  }
}
