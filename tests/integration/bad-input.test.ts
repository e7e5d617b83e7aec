/**
 * Every admin page, route and action, and the sign-in action, given hostile
 * input as an admin would send it: each must answer with a clear refusal (a
 * field error, a 4xx, a redirect or "not found") or ignore the value, never
 * fail with a database error (a 500). Run on every configured database.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { testRequest as request } from "./support/next-headers";
import { User } from "@/entities/User";
import { getEm } from "@/lib/db/orm";
import { signedInAs } from "./support/sessions";

vi.mock("next/headers", () => import("./support/next-headers"));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const { default: AdminUsersPage } = await import("@/app/admin/users/page");
const { UsersTable } = await import("@/app/admin/users/_components/users-table");
const { default: AdminUserPage } = await import("@/app/admin/users/[id]/page");
const { default: AdminAuditPage } = await import("@/app/admin/audit/page");
const { AuditTable } = await import("@/app/admin/audit/_components/audit-table");
const { GET: getUsersApi } = await import("@/app/api/admin/users/route");
const actions = await import("@/app/admin/users/actions");
const { signInWithProvider } = await import("@/app/(auth)/actions");
const { parseUserListParams } = await import("@/lib/users/queries");

const cursor = (raw: string) => Buffer.from(raw).toString("base64url");

/** Values an attacker (or a broken client) sends. */
const HOSTILE = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%00",
  "\u{10FFFF}",
  "ab\u{10FFFF}",
  "\uD800",
  "x\uDFFF",
  "x".repeat(10_000),
  "' OR 1=1 --",
  "\\",
  "%",
  "_",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "\u202Eevil",
  "😀",
  "-1",
  "1e309",
  cursor("n.99999999999999.abc"),
  cursor(`p.${Date.UTC(9999, 11, 31) + 86_400_000}.abc`),
  cursor("n.1.\u0000"),
  "!!!not-base64!!!",
];

/** Next.js signals redirects, 404 and 403 by throwing; anything else thrown is a 500. */
function isControlFlow(error: unknown): boolean {
  const digest = (error as { digest?: unknown }).digest;
  return typeof digest === "string" && /^(NEXT_REDIRECT|NEXT_HTTP_ERROR_FALLBACK;(403|404))/.test(digest);
}

async function answersWithout500(attempt: () => Promise<unknown>): Promise<void> {
  try {
    const result = await attempt();
    if (result instanceof Response) expect(result.status).toBeLessThan(500);
  } catch (error) {
    if (!isControlFlow(error)) throw error;
  }
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

let target: User;

beforeAll(async () => {
  const em = await getEm();
  const admin = em.create(User, { name: "Fuzz Admin", email: `fuzz-admin-${randomUUID()}@example.test`, role: "admin" });
  em.create(User, { name: "Other Admin", email: `fuzz-other-${randomUUID()}@example.test`, role: "admin" });
  target = em.create(User, { name: "Fuzz Target", email: `fuzz-target-${randomUUID()}@example.test` });
  await em.flush();
  request.cookie = `authjs.session-token=${await signedInAs(admin.id)}`;
});

it("an action given something other than a form refuses it, without an error", async () => {
  for (const payload of [null, undefined, "userId=1", { userId: target.id, role: "admin" }, [["userId", target.id]]]) {
    // A hand-made request can send anything where the form should be.
    expect(await actions.setUserRoleAction(null, payload as unknown as FormData)).toMatchObject({ status: "error" });
    await answersWithout500(() => signInWithProvider(null, payload as unknown as FormData));
  }
  expect((await (await getEm()).findOneOrFail(User, target.id)).role).toBe("user");
});

describe.each(HOSTILE.map((value) => [JSON.stringify(value).slice(0, 40), value] as const))("given %s", (_label, value) => {
  it("the users page, its table and the users API answer", async () => {
    for (const name of ["q", "role", "sort", "cursor"]) {
      const searchParams = { [name]: value };
      await answersWithout500(() => AdminUsersPage({ params: Promise.resolve({}), searchParams: Promise.resolve(searchParams) }));
      await answersWithout500(() => UsersTable({ query: parseUserListParams(searchParams), canSetRoles: true }));
      const url = new URL("http://localhost/api/admin/users");
      url.searchParams.set(name, value);
      await answersWithout500(() => getUsersApi(new Request(url)));
    }
  });

  it("the user page and the audit log answer", async () => {
    await answersWithout500(() => AdminUserPage({ params: Promise.resolve({ id: value }), searchParams: Promise.resolve({}) }));
    for (const name of ["target", "cursor"]) {
      await answersWithout500(() => AdminAuditPage({ params: Promise.resolve({}), searchParams: Promise.resolve({ [name]: value }) }));
    }
    await answersWithout500(() => AuditTable({ cursor: value }));
  });

  it("every admin action answers, and changes nothing it should not", async () => {
    const attempts = [
      () => actions.setUserRoleAction(null, form({ userId: value, role: "admin" })),
      () => actions.setUserRoleAction(null, form({ userId: target.id, role: value })),
      () => actions.banUserAction(null, form({ userId: value, reason: "x" })),
      () => actions.unbanUserAction(null, form({ userId: value })),
      () => actions.signOutEverywhereAction(null, form({ userId: value })),
      () => actions.deleteUserAction(null, form({ userId: value, confirm: "delete" })),
      () => actions.deleteUserAction(null, form({ userId: target.id, confirm: value })),
    ];
    for (const attempt of attempts) await answersWithout500(attempt);
    expect(await (await getEm()).findOne(User, target.id)).toMatchObject({ role: "user", bannedAt: null });
  });

  it("a ban reason is stored cleaned, or refused when too long", async () => {
    const result = await actions.banUserAction(null, form({ userId: target.id, reason: value }));
    const stored = await (await getEm()).findOneOrFail(User, target.id);
    if (result.status === "success") {
      expect(stored.banReason ?? "").not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      await actions.unbanUserAction(null, form({ userId: target.id }));
    } else {
      expect(result.status === "error" && result.fieldErrors?.reason).toBeDefined();
      expect(stored.bannedAt).toBeNull();
    }
  });

  it("the sign-in action answers, with a redirect or the form's error", async () => {
    const attempts: Record<string, string>[] = [{ provider: value }, { provider: "local", callbackUrl: value }, {}];
    for (const fields of attempts) {
      await answersWithout500(() => signInWithProvider(null, form(fields)));
    }
  });
});
