import type { Metadata } from "next";
import Link from "next/link";
import { SITE_NAME } from "@/config/site";
import { Button } from "@/components/ui/button";
import { EMAIL_PROVIDER_ID } from "@/lib/auth/providers";
import { emailAddressSchema } from "@/lib/users/email";

// "same-origin": the token in this page's address never goes to another site, and the button's post
// carries this site's Origin (with "no-referrer" it would be "null", which the proxy refuses on this callback).
export const metadata: Metadata = { title: "Sign in", robots: { index: false }, referrer: "same-origin" };

const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * Where a sign-in email's link leads. Opening it spends nothing: mail
 * scanners that open links to check them would otherwise use up the one-time
 * token before the person does. The button posts the link's parameters to
 * Auth.js's email callback, which signs in (lib/auth/route.ts).
 */
export default async function ConfirmEmailSignInPage({ searchParams }: PageProps<"/sign-in/confirm">) {
  const { token, email, callbackUrl } = await searchParams;
  const address = emailAddressSchema.safeParse(param(email));
  if (!param(token) || !address.success) {
    return (
      <section className="mx-auto max-w-md py-12">
        <h1 className="text-2xl font-semibold tracking-tight">This link is incomplete</h1>
        <p className="mt-4 text-sm text-foreground" role="alert">
          Open the link from the email as it is, or ask for a new one.
        </p>
        <Link href="/sign-in#email-link" className="mt-6 inline-block text-sm font-medium underline">
          Email me a new link
        </Link>
      </section>
    );
  }
  const callback = new URLSearchParams({ callbackUrl: param(callbackUrl) || "/", token: param(token), email: address.data });
  return (
    <section className="mx-auto max-w-md py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to {SITE_NAME}</h1>
      <p className="mt-4 text-sm text-foreground">
        You are signing in as <strong>{address.data}</strong>.
      </p>
      <form method="post" action={`/api/auth/callback/${EMAIL_PROVIDER_ID}?${callback}`} className="mt-6">
        <Button type="submit" className="w-full py-2.5">
          Sign in
        </Button>
      </form>
    </section>
  );
}
