/**
 * Roles that grow with a product: a moderator does support work but nothing
 * beyond it, whatever they post; an admin views the app as a user, and
 * comes back as themselves.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { cookieOf, createPerson, databaseState, postAction, userRow } from "./attack";
import { sessionTokenOf, signIn, uniquePerson, type TestPerson } from "./helpers";

const firstAdmin: TestPerson = { email: "first-admin@example.test", name: "First Admin" };

test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, person: TestPerson): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, person);
  return page;
}

async function openUserPage(page: Page, email: string): Promise<void> {
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByTestId("user-row").filter({ hasText: email }).getByRole("link").first().click();
  await page.waitForURL(/\/admin\/users\/[\w-]+$/);
}

test("a moderator bans a spammer, but has no role control, and a posted role change is refused", async ({ browser }) => {
  const [moderatorPerson, spammerPerson] = [uniquePerson("moderator"), uniquePerson("spammer")];
  const admin = await signedIn(browser, firstAdmin);
  const moderator = await signedIn(browser, moderatorPerson);
  const spammer = await signedIn(browser, spammerPerson);
  await admin.goto(`/admin/users?q=${encodeURIComponent(moderatorPerson.email)}`);
  const row = admin.getByTestId("user-row").filter({ hasText: moderatorPerson.email });
  await row.getByLabel(`Role of ${moderatorPerson.email}`).selectOption("moderator");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toContainText("is now moderator");

  await moderator.goto(`/admin/users?q=${encodeURIComponent(spammerPerson.email)}`);
  await expect(moderator.getByTestId("user-row").first()).toBeVisible();
  await expect(moderator.getByLabel(/^Role of/)).toHaveCount(0);
  await openUserPage(moderator, spammerPerson.email);
  await expect(moderator.getByLabel(/^Role of/)).toHaveCount(0);
  await expect(moderator.getByRole("button", { name: "Delete user" })).toHaveCount(0);
  await expect(moderator.getByRole("button", { name: "View as this user" })).toHaveCount(0);
  await moderator.getByLabel("Reason").fill("spam");
  await moderator.getByRole("button", { name: "Ban and sign out" }).click();
  await expect(moderator.getByTestId("user-status")).toContainText("Banned");
  await spammer.goto("/");
  await expect(spammer.getByText("You are not signed in.")).toBeVisible();

  const target = await createPerson("user");
  const before = await databaseState();
  const posted = await postAction(
    "setUserRoleAction",
    { userId: target.id, role: "moderator" },
    { cookie: `authjs.session-token=${await sessionTokenOf(moderator)}` },
  );
  expect(posted.status).toBe(403);
  expect(await databaseState()).toBe(before);
  expect((await userRow(target.id))?.role).toBe("user");

  // An admin is beyond a moderator's reach: no ban form on their page, and a posted ban is refused.
  await openUserPage(moderator, firstAdmin.email);
  await expect(moderator.getByRole("button", { name: "Ban and sign out" })).toHaveCount(0);
  const otherAdmin = await createPerson("admin");
  const ban = await postAction(
    "banUserAction",
    { userId: otherAdmin.id, reason: "x" },
    { cookie: `authjs.session-token=${await sessionTokenOf(moderator)}` },
    `/admin/users/${otherAdmin.id}`,
  );
  expect(await ban.text()).toContain("cannot act on");
  expect((await userRow(otherAdmin.id))?.banned_at).toBeNull();
  for (const page of [admin, moderator, spammer]) await page.context().close();
});

test("an admin views the app as a user, sees the banner, is refused a sensitive action, stops, and is back", async ({ browser }) => {
  const userPerson = uniquePerson("viewed");
  const user = await signedIn(browser, userPerson);
  await user.context().close();
  const admin = await signedIn(browser, firstAdmin);
  await openUserPage(admin, userPerson.email);
  const userPage = admin.url();
  await admin.getByRole("button", { name: "View as this user" }).click();
  await admin.waitForURL((url) => url.pathname === "/");
  const banner = admin.getByTestId("impersonation-banner");
  await expect(banner).toContainText(`Viewing as ${userPerson.name}`);
  await expect(admin.getByTestId("profile-email")).toHaveText(userPerson.email);
  const results = await new AxeBuilder({ page: admin }).analyze();
  expect(results.violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? ""))).toEqual([]);

  await admin.goto("/account");
  await expect(banner).toBeVisible();
  await admin.getByRole("button", { name: "Disconnect" }).first().click();
  await expect(admin.getByText("Not while viewing as another user")).toBeVisible();

  await banner.getByRole("button", { name: "Stop" }).click();
  await admin.waitForURL(userPage);
  await expect(admin.getByTestId("impersonation-banner")).toHaveCount(0);
  await admin.goto("/");
  await expect(admin.getByTestId("profile-email")).toHaveText(firstAdmin.email);
  await admin.context().close();
});

test("the attack suite's moderator is refused what moderators may not do", async () => {
  const moderator = await createPerson("moderator");
  const admin = await createPerson("admin");
  const target = await createPerson("user");
  const attempts: [string, Record<string, string>][] = [
    ["setUserRoleAction", { userId: target.id, role: "admin" }],
    ["deleteUserAction", { userId: target.id, confirm: "delete" }],
    ["impersonateUserAction", { userId: target.id }],
    ["signOutEverywhereAction", { userId: admin.id }],
    ["unbanUserAction", { userId: admin.id }],
  ];
  for (const [name, fields] of attempts) {
    const before = await databaseState();
    const response = await postAction(name, fields, cookieOf(moderator), `/admin/users/${fields.userId}`);
    expect(await response.text(), name).not.toContain('"status":"success"');
    expect(await databaseState(), name).toBe(before);
  }
});
