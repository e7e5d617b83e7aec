import { getEnv } from "@/config/env";

const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|Access denied|authentication failed|SQLITE_CANTOPEN|Timeout acquiring a connection|Connection terminated|timeout expired|Connection timeout|socket has unexpectedly been closed|Connection lost|ER_CONNECTION_ALREADY_CLOSED|ER_SOCKET_UNEXPECTED_CLOSE|server closed the connection|connect ETIMEDOUT/i;

/** Whether an error (or its cause) says the database could not be reached, rather than that a query was wrong. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (CONNECTION_FAILURE.test(`${(current as NodeJS.ErrnoException).code ?? ""} ${current.message}`)) return true;
  }
  return false;
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
    return new Error(
      `The ${dialect} database has no tables yet (${message}). Apply the migrations with \`npm run db:migrate\`.`,
      { cause: error },
    );
  }
  if (missingDatabase || isConnectionFailure(error)) {
    return new Error(
      `Cannot connect to the ${dialect} database${where} in DATABASE_URL (${message}). ` +
        "Check the host, port, user, password and database name, and that the server is running.",
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(message);
}
