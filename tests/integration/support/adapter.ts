import { MikroOrmAdapter } from "@auth/mikro-orm-adapter";
import { Account } from "@/entities/Account";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { withAppRules } from "@/lib/auth/adapter";
import { getOrm } from "@/lib/db/orm";

/**
 * The adapter as auth.ts makes it (tests/unit/contract.test.ts checks that
 * auth.ts still does), with every method present: ours are.
 */
export const adapter = withAppRules(MikroOrmAdapter(getOrm, { entities: { User, Account, Session } })) as Required<
  ReturnType<typeof withAppRules>
>;
