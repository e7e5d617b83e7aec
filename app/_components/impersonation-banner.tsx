import { getSession } from "@/lib/auth/guards";
import { StopImpersonatingForm } from "./stop-impersonating-form";

/** On every page while someone views the app as another user: who, and a way back. */
export async function ImpersonationBanner() {
  const session = await getSession();
  if (!session?.impersonator) return null;
  const viewer = session.impersonator.name ?? session.impersonator.email ?? "An admin";
  const viewed = session.user.name ?? session.user.email ?? "this user";
  return (
    <div
      role="region"
      aria-label="Viewing as another user"
      className="border-b border-warning/40 bg-warning/10 text-sm text-warning"
      data-testid="impersonation-banner"
    >
      <div className="mx-auto flex w-full max-w-5xl flex-wrap items-center justify-between gap-2 px-4 py-2 sm:px-6">
        <p>
          <strong>Viewing as {viewed}</strong> ({viewer}). Sensitive changes are off.
        </p>
        <StopImpersonatingForm />
      </div>
    </div>
  );
}
