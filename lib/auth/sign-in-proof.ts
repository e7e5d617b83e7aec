import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * When the user signing in proved who they are (the provider's `auth_time`,
 * else now): found by auth.ts's signIn callback, stamped on the session the
 * adapter's createSession makes later in the same request. Auth.js passes
 * nothing from one to the other, so Auth.js's route handler runs inside
 * this store (lib/auth/route.ts); outside it, a new session is proved now.
 */
const storage = new AsyncLocalStorage<{ provenAt?: Date }>();

export function withSignInProof<T>(work: () => Promise<T>): Promise<T> {
  return storage.run({}, work);
}

export function recordProof(provenAt: Date): void {
  const context = storage.getStore();
  if (context) context.provenAt = provenAt;
}

export function provenAtInThisRequest(): Date | undefined {
  return storage.getStore()?.provenAt;
}
