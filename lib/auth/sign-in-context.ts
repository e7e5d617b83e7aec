import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one request to Auth.js's routes learns while a user signs in, for the
 * code that runs later in the same request: when the user proved who they
 * are (the provider's `auth_time`, else now), which createSession stamps on
 * the new session. Set up by the route wrapper (lib/rate-limit/sign-in.ts's
 * caller in app/api/auth), written by auth.ts's signIn callback.
 */
interface SignInContext {
  provenAt?: Date;
}

const storage = new AsyncLocalStorage<SignInContext>();

export function withSignInContext<T>(work: () => Promise<T>): Promise<T> {
  return storage.run({}, work);
}

export function recordProof(provenAt: Date): void {
  const context = storage.getStore();
  if (context) context.provenAt = provenAt;
}

export function provenAtInThisRequest(): Date | undefined {
  return storage.getStore()?.provenAt;
}
