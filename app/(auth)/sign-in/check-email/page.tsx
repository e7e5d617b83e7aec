import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { getEnv } from "@/config/env";
import { describeLifetime } from "@/lib/email/sign-in-message";

export const metadata: Metadata = { title: "Check your email" };

/** Where Auth.js sends the browser once a sign-in link is on its way. The same for every address. */
export default async function CheckEmailPage() {
  // Read at request time: the link lifetime is the running server's setting, not the build's.
  await connection();
  const lifetime = describeLifetime(getEnv().EMAIL_LINK_TTL * 1000);
  return (
    <section className="mx-auto max-w-md py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Check your email</h1>
      <p className="mt-4 text-sm text-foreground" role="status">
        A sign-in link is on its way to the address you entered. It works once and expires in {lifetime}.
      </p>
      <p className="mt-2 text-sm text-muted-foreground">Nothing after a few minutes? Check your spam folder, or ask for a new link.</p>
      <Link href="/sign-in" className="mt-6 inline-block text-sm font-medium underline">
        Back to sign in
      </Link>
    </section>
  );
}
