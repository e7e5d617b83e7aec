/**
 * Who may do what in the admin area, tried against the real server code of
 * every admin page, layout, server action, route handler and the proxy, with
 * a real database. Only the request (its cookies and headers) is simulated.
 * A refused attempt must change nothing.
 */
import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { testRequest as request } from "./support/next-headers";
import { AuditLog } from "@/entities/AuditLog";
import { RateLimit } from "@/entities/RateLimit";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import type { Role } from "@/config/roles";
import { signedInAs } from "./support/sessions";

vi.mock("next/headers", () => import("./support/next-headers"));
// Outside a Next.js request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { default: AdminLayout } = await import("@/app/admin/layout");
const { default: AdminPage } = await import("@/app/admin/page");
const { default: AdminUsersPage } = await import("@/app/admin/users/page");
const { default: AdminUserPage } = await import("@/app/admin/users/[id]/page");
const { default: AdminAuditPage } = await import("@/app/admin/audit/page");
const { default: AdminRolesPage } = await import("@/app/admin/roles/page");
const { GET: getUsersApi } = await import("@/app/api/admin/users/route");
const actions = await import("@/app/admin/users/actions");
const { proxy } = await import("@/proxy");

type Identity = "anonymous" | "user" | "banned user" | "moderator" | "admin";
type Outcome = "success" | "redirect to sign-in" | "401" | "redirect to /admin/users" | "redirect to /" | "403" | "not found";

const tokens: Partial<Record<Identity, string>> = {};
const userIds: Partial<Record<Identity, string>> = {};
let adminUser: User;

async function createUser(role: Role, options: { banned?: boolean; withSession?: boolean } = {}): Promise<User> {
  const em = await getEm();
  const user = em.create(User, {
    name: `${role} ${randomUUID().slice(0, 8)}`,
    email: `${role}-${randomUUID()}@example.test`,
    role,
    bannedAt: options.banned ? new Date() : null,
    banReason: options.banned ? "testing" : null,
  });
  await em.flush();
  if (options.withSession) await signedInAs(user.id);
  return user;
}

async function sessionFor(user: User): Promise<string> {
  return signedInAs(user.id);
}

function actAs(identity: Identity): void {
  const token = tokens[identity];
  request.cookie = token ? `authjs.session-token=${token}` : "";
}

/** What the framework would do with the result: Next.js signals redirects and 403s by throwing. */
async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await call();
    if (result instanceof Response) {
      if (result.status === 403) return "403";
      if (result.status === 401) return "401";
      const location = result.headers.get("location") ?? "";
      if (location) return new URL(location).pathname === "/sign-in" ? "redirect to sign-in" : "success";
      return result.ok ? "success" : "403";
    }
    if (result && typeof result === "object" && "status" in result && result.status === "error") {
      throw new Error(`the action refused valid input: ${JSON.stringify(result)}`);
    }
    return "success";
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) {
      const url = digest.split(";")[2] ?? "";
      if (url.startsWith("/sign-in?")) return "redirect to sign-in";
      if (url === "/admin/users") return "redirect to /admin/users";
      if (url === "/") return "redirect to /";
    }
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;403") return "403";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;401") return "401";
    if (digest === "NEXT_HTTP_ERROR_FALLBACK;404") return "not found";
    throw error;
  }
}

interface DatabaseState {
  users: string;
  sessions: number;
  audit: number;
}

async function databaseState(): Promise<DatabaseState> {
  const em = await getEm();
  const users = await em.find(User, {}, { orderBy: { id: "asc" } });
  return {
    users: JSON.stringify(users.map((user) => [user.id, user.role, Boolean(user.bannedAt), user.banReason])),
    sessions: await em.count(Session),
    audit: await em.count(AuditLog, { action: { $ne: "admin_access_refused" } }),
  };
}

async function refusalsOf(userId: string): Promise<number> {
  return (await getEm()).count(AuditLog, { action: "admin_access_refused", actorId: userId });
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const emptyProps = { params: Promise.resolve({}), searchParams: Promise.resolve({}) };

/** Each entry makes one attempt; targets are fresh so an admin's success does not affect the next. */
const surface: Record<string, () => Promise<() => Promise<unknown>>> = {
  "page /admin (layout)": async () => () => AdminLayout({ children: null }),
  "page /admin": async () => () => AdminPage(),
  "page /admin/users": async () => () => AdminUsersPage(emptyProps as PageProps<"/admin/users">),
  "page /admin/users/[id]": async () => {
    const target = await createUser("user");
    return () =>
      AdminUserPage({ params: Promise.resolve({ id: target.id }), searchParams: Promise.resolve({}) } as PageProps<"/admin/users/[id]">);
  },
  "page /admin/audit": async () => () => AdminAuditPage(emptyProps as PageProps<"/admin/audit">),
  "page /admin/roles": async () => () => AdminRolesPage(),
  "route GET /api/admin/users": async () => () => {
    request.path = "/api/admin/users";
    return getUsersApi(new Request("http://localhost/api/admin/users"));
  },
  "proxy /admin/users": async () => async () =>
    proxy(
      new NextRequest("http://localhost/admin/users", {
        headers: { cookie: request.cookie, "x-forwarded-proto": "http" },
      }),
    ),
  "action setUserRole": async () => {
    const target = await createUser("user");
    return () => actions.setUserRoleAction(null, form({ userId: target.id, role: "admin" }));
  },
  "action banUser": async () => {
    const target = await createUser("user", { withSession: true });
    return () => actions.banUserAction(null, form({ userId: target.id, reason: "spam" }));
  },
  "action unbanUser": async () => {
    const target = await createUser("user", { banned: true });
    return () => actions.unbanUserAction(null, form({ userId: target.id }));
  },
  "action signOutEverywhere": async () => {
    const target = await createUser("user", { withSession: true });
    return () => actions.signOutEverywhereAction(null, form({ userId: target.id }));
  },
  "action deleteUser": async () => {
    const target = await createUser("user", { withSession: true });
    return () => actions.deleteUserAction(null, form({ userId: target.id, confirm: "delete" }));
  },
  "action endUserSession": async () => {
    const target = await createUser("user", { withSession: true });
    const session = await (await getEm()).findOneOrFail(Session, { user: target.id });
    return () => actions.endUserSessionAction(null, form({ userId: target.id, sessionId: session.id }));
  },
  "action impersonateUser": async () => {
    const target = await createUser("user");
    return () => actions.impersonateUserAction(null, form({ userId: target.id }));
  },
};

/** What each admin action needs: the moderator has some of these (config/roles.ts). */
const moderatorMay = new Set(["action banUser", "action unbanUser", "action signOutEverywhere", "action endUserSession"]);

const expected: Record<Identity, (entry: string) => Outcome> = {
  // An API route answers a script 401; pages and actions send a browser to sign in.
  anonymous: (entry) => (entry.startsWith("route") ? "401" : "redirect to sign-in"),
  // The proxy only checks that a session cookie is there; the guards decide.
  // The ban deleted their sessions; the one left here (made after the ban) must not count either.
  "banned user": (entry) => (entry.startsWith("proxy") ? "success" : entry.startsWith("route") ? "401" : "redirect to sign-in"),
  user: (entry) => (entry.startsWith("proxy") ? "success" : "403"),
  // Every page of the admin area, and the actions its permissions allow.
  moderator: (entry) =>
    entry === "page /admin" ? "redirect to /admin/users" : entry.startsWith("action") && !moderatorMay.has(entry) ? "403" : "success",
  // /admin, and deleting a user, end on the users list; viewing as a user, on the home page.
  admin: (entry) =>
    entry === "page /admin" || entry === "action deleteUser"
      ? "redirect to /admin/users"
      : entry === "action impersonateUser"
        ? "redirect to /"
        : "success",
};

beforeAll(async () => {
  // Two admins, so an admin's own actions never meet the last-admin rule here.
  await createUser("admin");
  adminUser = await createUser("admin");
  const plainUser = await createUser("user");
  userIds.user = plainUser.id;
  tokens.user = await sessionFor(plainUser);
  tokens["banned user"] = await sessionFor(await createUser("user", { banned: true }));
  const moderator = await createUser("moderator");
  userIds.moderator = moderator.id;
  tokens.moderator = await sessionFor(moderator);
});

beforeEach(async () => {
  request.cookie = "";
  request.path = "/";
  // A session of its own for each attempt: viewing as a user takes the admin's token along.
  tokens.admin = await sessionFor(adminUser);
  // Each attempt on its own: refusals are audited at most once a minute per user and page.
  await (await getEm()).nativeDelete(RateLimit, {});
});

describe.each(["anonymous", "banned user", "user", "moderator", "admin"] as const)("as %s", (identity) => {
  it.each(Object.keys(surface))("%s", async (entry) => {
    const attempt = await surface[entry]!();
    const before = await databaseState();
    const refusalsBefore = await refusalsOf(userIds[identity] ?? "none");
    actAs(identity);

    const outcome = await outcomeOf(attempt);

    expect(outcome).toBe(expected[identity](entry));
    const audited = outcome === "403";
    expect(await refusalsOf(userIds[identity] ?? "none"), "a refusal is audited once").toBe(refusalsBefore + (audited ? 1 : 0));
    const after = await databaseState();
    const changed = entry.startsWith("action") && outcome !== "403" && outcome !== "401" && outcome !== "redirect to sign-in";
    if (!changed) {
      expect(after, "nothing changed").toEqual(before);
    } else {
      expect(after.audit, "the change was audited").toBe(before.audit + 1);
    }
  });
});

describe("input validation comes after authorization", () => {
  it("refuses a non-admin before reading malformed input", async () => {
    actAs("user");
    expect(await outcomeOf(() => actions.setUserRoleAction(null, form({ role: "emperor" })))).toBe("403");
  });

  it("gives an admin field errors for malformed input and changes nothing", async () => {
    const target = await createUser("user");
    const before = await databaseState();
    actAs("admin");
    const result = await actions.setUserRoleAction(null, form({ userId: target.id, role: "emperor" }));
    expect(result).toMatchObject({ status: "error", fieldErrors: { role: [expect.stringContaining("Choose one of")] } });
    const unknownUser = await actions.banUserAction(null, form({ userId: randomUUID() }));
    expect(unknownUser).toEqual({ status: "error", message: "That user no longer exists." });
    const unconfirmed = await actions.deleteUserAction(null, form({ userId: target.id, confirm: "yes" }));
    expect(unconfirmed).toMatchObject({ status: "error", fieldErrors: { confirm: ['Type "delete" to confirm.'] } });
    expect(await databaseState()).toEqual(before);
  });
});
