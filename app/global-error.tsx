"use client";

import { useEffect } from "react";
import "./globals.css";

/**
 * Shown when the root layout itself fails (app/error.tsx handles everything
 * below it). It replaces the layout, so it brings its own html and body, and
 * nothing that could fail again: no header, no session.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <html lang="en">
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <main className="mx-auto max-w-md px-4 py-16 text-center">
          <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
          <p className="mt-3 text-sm text-muted-foreground">
            The site could not be shown.{error.digest ? ` Reference: ${error.digest}.` : ""}
          </p>
          <button
            type="button"
            onClick={reset}
            className="mt-6 rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground hover:bg-primary/85"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
