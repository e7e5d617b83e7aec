import { getEnv } from "@/config/env";

/** Turns the usual first-run database failures into a sentence that says what to do. */
export function explainDatabaseError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  let dialect = "configured";
  try {
    dialect = getEnv().DATABASE_URL.dialect;
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
  if (missingDatabase || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|Access denied|authentication failed|SQLITE_CANTOPEN|Timeout acquiring a connection|Connection terminated|timeout expired|connect ETIMEDOUT|Connection timeout/i.test(message)) {
    return new Error(
      `Cannot connect to the ${dialect} database in DATABASE_URL (${message}). ` +
        "Check the host, port, user, password and database name, and that the server is running.",
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(message);
}
