"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="mt-3 text-sm text-muted-foreground">The page could not be shown.{error.digest ? ` Reference: ${error.digest}.` : ""}</p>
      <Button onClick={reset} className="mt-6 px-4 py-2">
        Try again
      </Button>
    </section>
  );
}
