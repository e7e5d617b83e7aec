/**
 * `npm run user:role -- <email> <role>`: give a user a role from a shell on
 * the server, e.g. to make the first admin. Recorded in the audit log as
 * "command line". The user must have signed in once.
 */
import { closeOrm } from "../lib/db/orm";
import { explainDatabaseError } from "../lib/db/errors";
import { ConfigurationError } from "../config/env";
import { ROLES } from "../config/roles";
import { COMMAND_LINE_ACTOR } from "../lib/audit/actor";
import { setUserRoleByEmail } from "../lib/users/changes";
import { UserActionError } from "../lib/users/errors";
import { loadEnvFiles } from "./lib/load-env-files";

async function main(): Promise<number> {
  loadEnvFiles();
  const [email, role, ...rest] = process.argv.slice(2);
  if (!email || !role || rest.length > 0) {
    console.error(`Usage: npm run user:role -- <email> <role>\nRoles: ${ROLES.join(", ")}`);
    return 2;
  }
  try {
    console.log(await setUserRoleByEmail(email, role, COMMAND_LINE_ACTOR));
    return 0;
  } catch (error) {
    if (error instanceof UserActionError || error instanceof ConfigurationError) {
      console.error(error.message);
      return 1;
    }
    console.error(explainDatabaseError(error).message);
    return 1;
  } finally {
    await closeOrm();
  }
}

main().then((code) => process.exit(code));
