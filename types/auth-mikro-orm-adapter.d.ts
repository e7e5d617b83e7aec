import type { Options } from "@mikro-orm/core";
import type { Adapter } from "@auth/core/adapters";
import type { Account } from "@/entities/Account";
import type { Session } from "@/entities/Session";
import type { User } from "@/entities/User";

/**
 * Where @auth/mikro-orm-adapter's published types are wrong, said once.
 * 1. `entities` must match the adapter's own classes, so our User (whose
 *    email may be null: several users can have none, the defect it fixes)
 *    is refused, and with it Account and Session, which refer to it.
 * 2. The adapter it returns implements every method except the WebAuthn
 *    ones, where the type marks them all optional.
 */
declare module "@auth/mikro-orm-adapter" {
  export type PublishedAdapter = Required<
    Omit<
      Adapter,
      "getAccount" | "getAuthenticator" | "createAuthenticator" | "listAuthenticatorsByUserId" | "updateAuthenticatorCounter"
    >
  >;

  export function MikroOrmAdapter(
    ormOptions: Options,
    options: { entities: { User: typeof User; Account: typeof Account; Session: typeof Session } },
  ): PublishedAdapter;
}
