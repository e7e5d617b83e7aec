import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Account } from "@/entities/Account";
import { AuditLog } from "@/entities/AuditLog";
import { Session } from "@/entities/Session";
import { User } from "@/entities/User";
import type { Actor } from "@/lib/audit/actor";
import { listAuditLog } from "@/lib/audit/queries";
import { readBanNotice, signBanNotice } from "@/lib/auth/ban-notice";
import { findSessionAndUser } from "@/lib/auth/session-store";
import { getEm } from "@/lib/db/orm";
import { banUser, deleteUser, setUserRole, signOutEverywhere, unbanUser } from "@/lib/users/changes";
import { UserActionError } from "@/lib/users/errors";
import { findBan, getUserDetail, listUsers, parseUserListParams } from "@/lib/users/queries";
import { signedInAs } from "./support/sessions";

// A namespace of its own, so searches see only this file's users.
const tag = `u${randomUUID().slice(0, 6)}`;
const base = Date.UTC(2026, 0, 1);
let admin: User;
const context = (): Actor => ({ id: admin.id, email: admin.email ?? null, ip: "192.0.2.10" });

async function addUser(name: string, minutes: number, role: "user" | "admin" = "user", providers: string[] = []): Promise<User> {
  const em = await getEm();
  const user = em.create(User, {
    name,
    email: `${tag}-${name.toLowerCase().replace(/\W+/g, ".")}@example.test`,
    role,
    createdAt: new Date(base + minutes * 60_000),
  });
  for (const provider of providers) {
    em.create(Account, { user, type: "oauth", provider, providerAccountId: randomUUID() });
  }
  await em.flush();
  await signedInAs(user.id);
  return user;
}

beforeAll(async () => {
  admin = await addUser("Admin Person", 0, "admin", ["github"]);
  await addUser("Ada Lovelace", 1, "user", ["github", "google"]);
  await addUser("Alan Turing", 2);
  await addUser("Grace Hopper", 3, "admin");
  for (let index = 0; index < 27; index++) await addUser(`Filler ${index}`, 10 + index);
});

describe("listUsers", () => {
  it("pages through everyone newest first, forwards and back, without overlap", async () => {
    const seen: string[] = [];
    let page = await listUsers({ search: tag, limit: 10 });
    const pages = [page];
    while (page.nextCursor) {
      page = await listUsers({ search: tag, limit: 10, cursor: page.nextCursor });
      pages.push(page);
    }
    for (const each of pages) seen.push(...each.items.map((user) => user.id));
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    const created = pages.flatMap((each) => each.items.map((user) => user.createdAt.getTime()));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(pages[0]!.previousCursor).toBeNull();
    expect(pages.at(-1)!.nextCursor).toBeNull();

    const back = await listUsers({ search: tag, limit: 10, cursor: pages[2]!.previousCursor! });
    expect(back.items.map((user) => user.id)).toEqual(pages[1]!.items.map((user) => user.id));
  });

  it("sorts oldest first", async () => {
    const page = await listUsers({ search: tag, sort: "oldest", limit: 3 });
    expect(page.items.map((user) => user.name)).toEqual(["Admin Person", "Ada Lovelace", "Alan Turing"]);
  });

  it("finds users by the start of their email or name, ignoring case", async () => {
    const byName = await listUsers({ search: "ALAN tur" });
    expect(byName.items.map((user) => user.name)).toEqual(["Alan Turing"]);
    const byEmail = await listUsers({ search: `${tag}-grace` });
    expect(byEmail.items.map((user) => user.name)).toEqual(["Grace Hopper"]);
    const none = await listUsers({ search: "turing" });
    expect(none.items).toEqual([]);
  });

  it("treats LIKE wildcards in a search as plain text", async () => {
    expect((await listUsers({ search: `${tag.slice(0, 3)}%` })).items).toEqual([]);
    expect((await listUsers({ search: "_" })).items).toEqual([]);
  });

  it("filters by role and lists each user's providers", async () => {
    const admins = await listUsers({ search: tag, role: "admin" });
    expect(admins.items.map((user) => user.name)).toEqual(["Grace Hopper", "Admin Person"]);
    const ada = (await listUsers({ search: "ada love" })).items[0]!;
    expect(ada.providers).toEqual(["github", "google"]);
  });

  it("lists sign-in links to a verified address as a way in, as /account does", async () => {
    const user = await addUser("Link Only", 50);
    expect((await getUserDetail(user.id))?.providers, "an address no link has proved").toEqual([]);
    const em = await getEm();
    await em.nativeUpdate(User, { id: user.id }, { emailVerified: new Date() });
    expect((await getUserDetail(user.id))?.providers).toEqual(["email"]);
  });

  it("reads its query from URL parameters, dropping what makes no sense", () => {
    expect(parseUserListParams({ q: " ada ", role: "admin", sort: "oldest", cursor: "abc" })).toEqual({
      search: "ada",
      role: "admin",
      sort: "oldest",
      cursor: "abc",
    });
    expect(parseUserListParams({ role: "emperor", sort: "sideways", q: ["first", "second"] })).toEqual({
      search: "first",
      role: undefined,
      sort: undefined,
      cursor: undefined,
    });
  });

  it("ignores a malformed cursor", async () => {
    const page = await listUsers({ search: tag, limit: 5, cursor: "not-a-cursor" });
    expect(page.items).toHaveLength(5);
  });
});

describe("changes", () => {
  it("changes a role and audits it with actor, before, after and IP", async () => {
    const target = await addUser("Role Target", 100);
    await setUserRole(target.id, "admin", context());
    const [entry] = (await listAuditLog({ targetId: target.id })).items;
    expect(entry).toMatchObject({
      action: "role_change",
      actorId: admin.id,
      actorEmail: admin.email,
      targetEmail: target.email,
      before: { role: "user" },
      after: { role: "admin" },
      ip: "192.0.2.10",
    });
  });

  it("refuses an unknown role or user and changes nothing", async () => {
    const target = await addUser("Unknown Role", 101);
    await expect(setUserRole(target.id, "emperor", context())).rejects.toThrow('"emperor" is not a role');
    await expect(setUserRole(randomUUID(), "admin", context())).rejects.toThrow(UserActionError);
    const em = await getEm();
    expect((await em.findOneOrFail(User, target.id)).role).toBe("user");
    expect(await em.count(AuditLog, { targetId: target.id })).toBe(0);
  });

  it("bans: sessions end at once, the session lookup refuses them, and unbanning lets them back", async () => {
    const target = await addUser("Ban Target", 102);
    const em = await getEm();
    const token = await signedInAs(target.id);
    expect(await findSessionAndUser(token)).not.toBeNull();

    await banUser(target.id, { reason: "spam", until: null }, context());
    expect(await em.fork().count(Session, { user: target.id })).toBe(0);
    expect(await findBan(target.id)).toEqual({ reason: "spam", until: null });
    const notice = signBanNotice(target.id);
    expect(await readBanNotice(notice)).toEqual({ reason: "spam", until: null });

    // A session written after the ban (a sign-in racing it) is refused too.
    const late = await signedInAs(target.id);
    expect(await findSessionAndUser(late)).toBeNull();

    await unbanUser(target.id, context());
    expect(await findBan(target.id)).toBeNull();
    expect(await readBanNotice(notice), "the notice ends with the ban").toBeNull();
    expect(await findSessionAndUser(late)).not.toBeNull();
  });

  it("refuses to let an admin ban or delete themself", async () => {
    await expect(banUser(admin.id, { reason: null, until: null }, context())).rejects.toThrow("You cannot ban yourself");
    await expect(deleteUser(admin.id, context())).rejects.toThrow("You cannot delete yourself");
  });

  it("signs a user out everywhere", async () => {
    const target = await addUser("Sign Out Target", 103);
    await signedInAs(target.id);
    expect(await signOutEverywhere(target.id, context())).toContain("2 sessions ended");
    expect(await (await getEm()).count(Session, { user: target.id })).toBe(0);
  });

  it("deletes a user with their accounts and sessions, keeping the audit record", async () => {
    const target = await addUser("Delete Target", 104, "user", ["github"]);
    await deleteUser(target.id, context());
    const em = await getEm();
    expect(await em.count(User, { id: target.id })).toBe(0);
    expect(await em.count(Account, { user: target.id })).toBe(0);
    expect(await em.count(Session, { user: target.id })).toBe(0);
    const [entry] = (await listAuditLog({ targetId: target.id })).items;
    expect(entry).toMatchObject({ action: "delete", targetEmail: target.email, after: null });
  });

  it("pages the audit log newest first", async () => {
    const target = await addUser("Audit Pages", 105);
    for (let index = 0; index < 5; index++) {
      await setUserRole(target.id, index % 2 === 0 ? "admin" : "user", context());
    }
    const first = await listAuditLog({ targetId: target.id, limit: 2 });
    const second = await listAuditLog({ targetId: target.id, limit: 2, cursor: first.nextCursor! });
    const third = await listAuditLog({ targetId: target.id, limit: 2, cursor: second.nextCursor! });
    const afters = [...first.items, ...second.items, ...third.items].map((entry) => entry.after?.role);
    expect(afters).toEqual(["admin", "user", "admin", "user", "admin"]);
    expect(third.nextCursor).toBeNull();
  });
});
