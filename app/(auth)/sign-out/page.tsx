import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SubmitButton } from "@/components/submit-button";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { signOutUser } from "../actions";

export const metadata: Metadata = { title: "Sign out" };

/**
 * Signing out is a confirmed POST (a server action, so Next.js checks its
 * origin), on its own page: the header of every signed-in page only links
 * here, which keeps it cheap to render.
 */
export default async function SignOutPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/");
  return (
    <Card className="mx-auto mt-12 max-w-sm" aria-labelledby="sign-out-heading">
      <h1 id="sign-out-heading" className="text-xl font-semibold tracking-tight">
        Sign out
      </h1>
      <p className="mt-2 text-sm text-zinc-600">You are signed in as {user.email ?? user.name ?? "this account"}.</p>
      <form action={signOutUser} className="mt-4">
        <SubmitButton pendingLabel="Signing out…" className="w-full py-2">
          Sign out
        </SubmitButton>
      </form>
    </Card>
  );
}
