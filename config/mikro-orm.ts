import type { Options } from "@mikro-orm/core";
import { defaultEntities } from "@auth/mikro-orm-adapter";
import { Account } from "../entities/Account";
import { AuditLog } from "../entities/AuditLog";
import { Authenticator } from "../entities/Authenticator";
import { RateLimit } from "../entities/RateLimit";
import { Session } from "../entities/Session";
import { User } from "../entities/User";
import type { DatabaseDialect, DatabaseTarget } from "./database-url";
import { driverOptions } from "./database-driver";
import { getDatabasePool, getDatabaseTarget, type DatabasePoolSettings } from "./env";

/**
 * Every entity the app maps: our own User, Account and Session where the
 * adapter's are wrong on MikroORM 6 (auth.ts hands them to the adapter), the
 * adapter's VerificationToken (so migrations cover every table Auth.js
 * uses), passkeys, the audit log and the rate-limit counters.
 */
export const entities = [User, Account, Session, defaultEntities.VerificationToken, Authenticator, AuditLog, RateLimit];

/** MySQL and MariaDB share one set of migrations. */
export type MigrationDialect = "sqlite" | "postgresql" | "mysql";

export function migrationDialect(dialect: DatabaseDialect): MigrationDialect {
  return dialect === "mariadb" ? "mysql" : dialect;
}

/**
 * MikroORM options for a database (by default the one in DATABASE_URL).
 * A fresh object each call: the adapter rewrites the `entities` array it is given.
 */
export function createOrmConfig(target: DatabaseTarget = getDatabaseTarget(), pool: DatabasePoolSettings = getDatabasePool()): Options {
  const dialect = migrationDialect(target.dialect);
  return {
    ...driverOptions(target, pool),
    entities: [...entities],
    // Metadata comes from the decorators' explicit types: no file scanning or
    // metadata cache, which a bundled server cannot rely on.
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    forceUtcTimezone: true,
    ensureDatabase: false,
    migrations: {
      path: `migrations/${dialect}`,
      pathTs: `migrations/${dialect}`,
      glob: "!(*.d).{js,ts}",
      tableName: "mikro_orm_migrations",
      // MySQL commits DDL implicitly, so a transaction there would only pretend.
      transactional: dialect !== "mysql",
      allOrNothing: dialect !== "mysql",
      snapshot: false,
      emit: "ts",
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ""}`,
    },
  };
}
