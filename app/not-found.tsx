import Link from "next/link";

export default function NotFound() {
  return (
    <section className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-3 text-sm text-muted-foreground">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium underline">
        Go home
      </Link>
    </section>
  );
}
