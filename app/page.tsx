import { RoleBadge } from "@/components/role-badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getSession } from "@/lib/auth/guards";

const features = [
  { title: "Auth.js v5", text: "GitHub, Google or any OpenID Connect provider, with database sessions you can revoke." },
  { title: "MikroORM", text: "Users, accounts and sessions in SQLite, PostgreSQL or MySQL, chosen by DATABASE_URL." },
  { title: "Roles", text: "Every user has a role, checked on the server for every page, route and action." },
  { title: "Admin area", text: "Search users, change roles, ban, sign out everywhere, with an audit log." },
  { title: "Migrations", text: "Committed per database, applied on start in development, checked for drift in CI." },
  { title: "Tested", text: "Unit, integration against real databases, and Playwright against the production build." },
];

export default async function HomePage() {
  const user = (await getSession())?.user;
  return (
    <div className="space-y-10">
      <section className="max-w-2xl">
        <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">A role-based Next.js starter</h1>
        <p className="mt-3 text-lg text-muted-foreground">
          Sign-in, users and roles stored in your database, and an admin area to manage them. Clone it, then make it yours.
        </p>
      </section>

      <Card aria-labelledby="session-heading">
        <h2 id="session-heading" className="text-sm font-semibold tracking-wide text-muted-foreground uppercase">
          Your session
        </h2>
        {user ? (
          <>
            <p className="mt-2">Hello, {user.name ?? user.email ?? "there"}. You are signed in.</p>
            <dl className="mt-4 grid gap-3 sm:grid-cols-3" data-testid="profile">
              <div>
                <dt className="text-sm text-muted-foreground">Name</dt>
                <dd className="font-medium" data-testid="profile-name">
                  {user.name ?? "—"}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-muted-foreground">Email</dt>
                <dd className="font-medium break-all" data-testid="profile-email">
                  {user.email ?? "—"}
                </dd>
              </div>
              <div>
                <dt className="text-sm text-muted-foreground">Role</dt>
                <dd data-testid="profile-role">
                  <RoleBadge role={user.role} />
                </dd>
              </div>
            </dl>
          </>
        ) : (
          <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
            <p>You are not signed in.</p>
            <ButtonLink href="/sign-in" className="px-4 py-2">
              Sign in
            </ButtonLink>
          </div>
        )}
      </Card>

      <section aria-labelledby="features-heading">
        <h2 id="features-heading" className="text-xl font-semibold tracking-tight">
          What is inside
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {features.map((feature) => (
            <li key={feature.title} className="rounded-lg border border-border bg-card p-4">
              <h3 className="font-medium">{feature.title}</h3>
              <p className="mt-1 text-sm text-muted-foreground">{feature.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
