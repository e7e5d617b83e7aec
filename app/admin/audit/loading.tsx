/**
 * Shown while the audit log loads. Only here: a loading boundary starts
 * streaming a 200 response at once, so above the admin layout it would beat
 * requirePermission()'s 403, and above a user's page its 404 (the users list
 * streams its table under its own Suspense instead).
 */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 py-12 text-sm text-muted-foreground">
      <span className="size-4 animate-spin rounded-full border-2 border-input border-t-foreground" aria-hidden="true" />
      Loading…
    </div>
  );
}
