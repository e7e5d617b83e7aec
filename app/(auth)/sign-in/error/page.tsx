import type { Metadata } from "next";
import Link from "next/link";
import { readBanNotice } from "@/lib/auth/ban-notice";

export const metadata: Metadata = { title: "Sign-in problem" };

const messages: Record<string, string> = {
  AccountBanned: "Your account has been banned, so you cannot sign in.",
  Configuration: "The server's sign-in configuration has a problem. If you run this site, check its logs.",
  AccessDenied: "You do not have permission to sign in.",
  SignedInAlready: "You are already signed in as someone else. Sign out first, or connect this sign-in method from your account page.",
  Verification: "This sign-in link no longer works: each link works once, for a limited time. Ask for a new one below.",
  PasskeyNotAdded: "A passkey is added from your account page, while you are signed in. Sign in another way first.",
  PasskeyUnknown:
    "This site no longer knows that passkey: it was removed from the account it belonged to. Sign in another way, and delete it from your device's passkeys.",
  WebAuthnVerificationError: "That passkey could not be verified. Try again, or sign in another way.",
};

/** Errors whose fix is a new email link. */
const NEW_LINK_ERRORS = new Set(["Verification"]);

export default async function SignInErrorPage({ searchParams }: PageProps<"/sign-in/error">) {
  const { error, notice } = await searchParams;
  const code = typeof error === "string" ? error : "Default";
  const banReason = code === "AccountBanned" ? ((await readBanNotice(notice))?.reason ?? null) : null;
  return (
    <section className="mx-auto max-w-md py-12">
      <h1 className="text-2xl font-semibold tracking-tight">Could not sign you in</h1>
      <div
        role="alert"
        className="mt-4 rounded-md border border-destructive/40 bg-destructive/10 p-3 text-sm text-destructive"
        data-testid="sign-in-error"
      >
        <p>{Object.hasOwn(messages, code) ? messages[code] : "Something went wrong while signing you in. Please try again."}</p>
        {banReason && (
          <p className="mt-2" data-testid="ban-reason">
            Reason: {banReason}
          </p>
        )}
      </div>
      <Link
        href={NEW_LINK_ERRORS.has(code) ? "/sign-in#email-link" : "/sign-in"}
        className="mt-6 inline-block text-sm font-medium underline"
      >
        {NEW_LINK_ERRORS.has(code) ? "Email me a new link" : "Back to sign in"}
      </Link>
    </section>
  );
}
