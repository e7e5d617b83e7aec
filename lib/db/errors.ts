import { getEnv } from "@/config/env";

const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|Access denied|authentication failed|SQLITE_CANTOPEN|Connection terminated|timeout expired|Connection timeout|socket has unexpectedly been closed|Connection lost|ER_CONNECTION_ALREADY_CLOSED|ER_SOCKET_UNEXPECTED_CLOSE|server closed the connection|connect ETIMEDOUT/i;

/** knex's pool gave up waiting for a free connection: every connection is busy, so the database is answering. */
const POOL_EXHAUSTED = /Timeout acquiring a connection/i;

function matches(error: unknown, pattern: RegExp): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (pattern.test(`${(current as NodeJS.ErrnoException).code ?? ""} ${current.message}`)) return true;
  }
  return false;
}

/**
 * Whether an error (or its cause) says the database could not be reached,
 * rather than that a query was wrong. (A connection that cannot be opened
 * fails with its own error, not a pool timeout: knex passes it on.)
 */
export function isConnectionFailure(error: unknown): boolean {
  return matches(error, CONNECTION_FAILURE);
}

/** Whether a query failed waiting for a free connection: overload, not an outage. */
export function isPoolExhausted(error: unknown): boolean {
  return matches(error, POOL_EXHAUSTED);
}

/** Turns the usual first-run database failures into a sentence that says what to do. */
export function explainDatabaseError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  let dialect = "configured";
  let where = "";
  try {
    const target = getEnv().DATABASE_URL;
    dialect = target.dialect;
    where = target.dialect === "sqlite" ? ` at ${target.location}` : ` at ${new URL(target.location).host}`;
  } catch {
    // The configuration itself is invalid; that error is reported elsewhere.
  }
  const missingDatabase = /database "?[\w-]+"? does not exist|Unknown database/i.test(message);
  if (!missingDatabase && /no such table|relation .* does not exist|ER_NO_SUCH_TABLE|doesn't exist/i.test(message)) {
    return new Error(`The ${dialect} database has no tables yet (${message}). Apply the migrations with \`npm run db:migrate\`.`, {
      cause: error,
    });
  }
  if (missingDatabase || isConnectionFailure(error) || isPoolExhausted(error)) {
    return new Error(
      `Cannot connect to the ${dialect} database${where} in DATABASE_URL (${message}). ` +
        "Check the host, port, user, password and database name, and that the server is running.",
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(message);
}
