import type { MikroORM } from "@mikro-orm/core";
import type { Adapter } from "@auth/core/adapters";
import type { Account } from "@/entities/Account";
import type { Session } from "@/entities/Session";
import type { User } from "@/entities/User";

/**
 * @auth/mikro-orm-adapter as this app uses it, said once where its published
 * types differ:
 * 1. Its first argument may be a function that returns the app's MikroORM
 *    instance (patches/@auth+mikro-orm-adapter+*.patch): the published
 *    adapter only takes options, and opens a MikroORM of its own.
 * 2. `entities` must match the adapter's own classes, so our User (whose
 *    email may be null: several users can have none, the defect it fixes)
 *    is refused, and with it Account and Session, which refer to it.
 * 3. The adapter it returns implements every method except the WebAuthn
 *    ones, where the type marks them all optional.
 */
declare module "@auth/mikro-orm-adapter" {
  export type PublishedAdapter = Required<
    Omit<Adapter, "getAccount" | "getAuthenticator" | "createAuthenticator" | "listAuthenticatorsByUserId" | "updateAuthenticatorCounter">
  >;

  export function MikroOrmAdapter(
    orm: () => Promise<MikroORM>,
    options: { entities: { User: typeof User; Account: typeof Account; Session: typeof Session } },
  ): PublishedAdapter;
}
