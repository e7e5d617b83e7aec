import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getSession } from "@/lib/auth/guards";
import { SignOutForm } from "./_components/sign-out-form";

export const metadata: Metadata = { title: "Sign out" };

/**
 * Signing out is a confirmed POST (a server action, so Next.js checks its
 * origin), on its own page: the header of every signed-in page only links
 * here, which keeps it cheap to render.
 */
export default async function SignOutPage() {
  const user = (await getSession())?.user;
  if (!user) redirect("/");
  return (
    <Card className="mx-auto mt-12 max-w-sm" aria-labelledby="sign-out-heading">
      <h1 id="sign-out-heading" className="text-xl font-semibold tracking-tight">
        Sign out
      </h1>
      <p className="mt-2 text-sm text-muted-foreground">You are signed in as {user.email ?? user.name ?? "this account"}.</p>
      <SignOutForm />
    </Card>
  );
}
