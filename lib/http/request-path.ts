/**
 * The path and query of the request, as the proxy saw it: set by proxy.ts on
 * every request it forwards (replacing any such header a client sent), read
 * by the guards to bring a visitor back after signing in.
 */
export const REQUEST_PATH_HEADER = "x-request-path";
