/** The SQL databases the app runs on; MySQL and MariaDB share migrations but not drivers. */
export type DatabaseDialect = "sqlite" | "postgresql" | "mysql" | "mariadb";

export interface DatabaseTarget {
  dialect: DatabaseDialect;
  /** SQLite: the file path (or ":memory:"). Other databases: the connection URL. */
  location: string;
}

export const DEFAULT_DATABASE_URL = "sqlite:data/app.db";

const DATABASE_URL_HELP =
  "use sqlite:<file path> (the default is sqlite:data/app.db), " +
  "postgresql://user:password@host:5432/database, mysql://user:password@host:3306/database " +
  "or mariadb://user:password@host:3306/database";

/** Reads a DATABASE_URL; returns what is wrong with it (a sentence) instead of throwing. */
export function parseDatabaseUrl(url: string): DatabaseTarget | string {
  const match = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(url.trim());
  if (!match) return `is not a connection string: ${DATABASE_URL_HELP}`;
  const scheme = match[1]!.toLowerCase();
  const rest = match[2]!;
  if (scheme === "sqlite" || scheme === "file") {
    const path = rest.replace(/^\/\//, "");
    if (!path) return `has an empty SQLite file path: ${DATABASE_URL_HELP}`;
    return { dialect: "sqlite", location: path };
  }
  const dialects: Record<string, DatabaseDialect> = {
    postgres: "postgresql",
    postgresql: "postgresql",
    mysql: "mysql",
    mariadb: "mariadb",
  };
  const dialect = dialects[scheme];
  if (!dialect) return `uses an unsupported database "${scheme}:": ${DATABASE_URL_HELP}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is a malformed ${scheme}: URL: ${DATABASE_URL_HELP}`;
  }
  if (!parsed.hostname) return `has no host: ${DATABASE_URL_HELP}`;
  if (parsed.pathname.replace(/^\//, "") === "") {
    return "names no database: add /<database> after the host";
  }
  return { dialect, location: url };
}
