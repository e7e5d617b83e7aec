import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What a sign-in proves, found by auth.ts's signIn callback (./sign-in.ts)
 * and used later in the same request, since Auth.js passes nothing from one
 * to the other:
 * - when the user proved who they are (null: the provider did not say, so
 *   not recently), stamped on the session the adapter's createSession makes;
 * - the method they proved it with (a provider account, or an email link),
 *   recorded on that session, so disconnecting the method ends it;
 * - whether the sign-in links a new method to the signed-in user ("Connect"),
 *   for the email that tells them (./adapter.ts).
 * Auth.js's route handler runs inside this store (./route.ts); outside it,
 * a new session is proved now, by no recorded method.
 */
export interface SignInProof {
  provenAt: Date | null;
  method: { provider: string; providerAccountId: string; type: string };
  linking: boolean;
}

const storage = new AsyncLocalStorage<{ proof?: SignInProof }>();

export function withSignInProof<T>(work: () => Promise<T>): Promise<T> {
  return storage.run({}, work);
}

export function recordProof(proof: SignInProof): void {
  const context = storage.getStore();
  if (context) context.proof = proof;
}

export function proofInThisRequest(): SignInProof | undefined {
  return storage.getStore()?.proof;
}
