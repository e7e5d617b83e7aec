import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { Role } from "@/config/roles";

/**
 * What one request to Auth.js's routes learns while a user signs in, for the
 * code that runs later in the same request:
 * - when the user proved who they are (the provider's `auth_time`, else
 *   now), which createSession stamps on the new session; written by
 *   auth.ts's signIn callback;
 * - a new user, held back by the adapter's createUser until it can be
 *   written with what makes it usable (its provider account, or its first
 *   session), so a sign-in that fails halfway leaves no user behind.
 * Set up by the route wrapper (lib/auth/route.ts).
 */
interface SignInContext {
  provenAt?: Date;
  newUser?: NewUser;
}

/** A user's columns, as createUser decided them. */
export interface NewUser {
  id: string;
  name: string | null;
  email: string | null;
  emailVerified: Date | null;
  image: string | null;
  role: Role;
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

/** Holds a new user back until the next step writes it; false outside a sign-in request (write it now). */
export function holdNewUser(user: NewUser): boolean {
  const context = storage.getStore();
  if (!context) return false;
  context.newUser = user;
  return true;
}

/** The held-back user with this id, if any, now to be written by the caller. */
export function takeNewUser(id: string): NewUser | undefined {
  const context = storage.getStore();
  const user = context?.newUser?.id === id ? context.newUser : undefined;
  if (user && context) context.newUser = undefined;
  return user;
}
