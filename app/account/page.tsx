import type { Metadata } from "next";
import { RoleBadge } from "@/components/role-badge";
import { Card } from "@/components/ui/card";
import { requireSession } from "@/lib/auth/guards";
import { passkeysEnabled, providerChoices } from "@/lib/auth/providers";
import { listPasskeys } from "@/lib/users/passkeys";
import { emailSignInAddress, listSessions, listSignInMethods } from "@/lib/users/account";
import { Passkeys } from "./_components/passkeys";
import { ProfileForm } from "./_components/profile-form";
import { SessionsList } from "./_components/sessions-list";
import { SignInMethods } from "./_components/sign-in-methods";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const { user, sessionId } = await requireSession();
  const [methods, emailAddress, sessions, passkeys] = await Promise.all([
    listSignInMethods(user.id),
    emailSignInAddress(user.id),
    listSessions(user.id, sessionId),
    passkeysEnabled() ? listPasskeys(user.id) : null,
  ]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
      <Card aria-labelledby="profile-heading">
        <h2 id="profile-heading" className="font-semibold">
          Profile
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">
          {user.email ?? "No email"} · <RoleBadge role={user.role} />
        </p>
        <div className="mt-4 max-w-md">
          <ProfileForm name={user.name ?? ""} />
        </div>
      </Card>
      <Card aria-labelledby="methods-heading">
        <h2 id="methods-heading" className="font-semibold">
          Sign-in methods
        </h2>
        <SignInMethods methods={methods} emailAddress={emailAddress} providers={providerChoices()} />
      </Card>
      {passkeys && (
        <Card aria-labelledby="passkeys-heading">
          <h2 id="passkeys-heading" className="font-semibold">
            Passkeys
          </h2>
          <Passkeys passkeys={passkeys} />
        </Card>
      )}
      <Card aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="font-semibold">
          Sessions and devices
        </h2>
        <SessionsList sessions={sessions} />
      </Card>
    </div>
  );
}
