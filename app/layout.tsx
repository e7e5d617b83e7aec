import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SITE_NAME } from "@/config/site";
import { passkeysEnabled } from "@/lib/auth/providers";
import { ImpersonationBanner } from "./_components/impersonation-banner";
import { PasskeysProvider } from "./_components/passkeys-enabled";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: SITE_NAME, template: `%s · ${SITE_NAME}` },
  description: "Next.js, Auth.js and MikroORM with roles and an admin area.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-4 focus:left-4 focus:rounded focus:bg-card focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <PasskeysProvider enabled={passkeysEnabled()}>
          <ImpersonationBanner />
          <SiteHeader />
          <main id="main" className="mx-auto w-full max-w-5xl px-4 py-8 sm:px-6">
            {children}
          </main>
        </PasskeysProvider>
      </body>
    </html>
  );
}
