/**
 * Shown while an admin page loads. It lives here, under the admin layout, and
 * not at the app's root: a loading boundary above the admin layout would
 * start streaming a 200 response before requireAdmin() could answer 403.
 */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-sm text-zinc-600">
      <span className="size-4 animate-spin rounded-full border-2 border-zinc-300 border-t-zinc-900" aria-hidden="true" />
      Loading…
    </div>
  );
}
