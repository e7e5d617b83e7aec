import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, signInAtProvider, uniquePerson, type TestPerson } from "./helpers";

// The first admin comes from ADMIN_EMAILS (playwright.config.ts).
const firstAdmin: TestPerson = { email: "first-admin@example.test", name: "First Admin" };

test.describe.configure({ mode: "serial" });

async function newSignedInPage(browser: Browser, person: TestPerson): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, person);
  return page;
}

async function openUser(admin: Page, email: string): Promise<void> {
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  const row = admin.getByTestId("user-row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
}

async function setRole(admin: Page, email: string, role: string): Promise<void> {
  await openUser(admin, email);
  const row = admin.getByTestId("user-row").filter({ hasText: email });
  await row.getByLabel(`Role of ${email}`).selectOption(role);
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toContainText(`is now ${role}`);
}

let admin: Page;
let colleague: Page;
const colleaguePerson = uniquePerson("colleague");

test.beforeAll(async ({ browser }) => {
  admin = await newSignedInPage(browser, firstAdmin);
  colleague = await newSignedInPage(browser, colleaguePerson);
});

test.afterAll(async () => {
  await admin.context().close();
  await colleague.context().close();
});

test("the address in ADMIN_EMAILS is admin from its first sign-in", async () => {
  await admin.goto("/");
  await expect(admin.getByTestId("profile-role")).toHaveText("admin");
  await admin.getByRole("link", { name: "Admin" }).click();
  await expect(admin).toHaveURL(/\/admin\/users/);
  await expect(admin.getByRole("heading", { name: "Users" })).toBeVisible();
});

test("a signed-in user who is not an admin is refused the admin area", async () => {
  const response = await colleague.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(colleague.getByTestId("forbidden")).toBeVisible();
  await expect(colleague.getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("an anonymous visitor is sent to sign in and brought back", async ({ page }) => {
  await page.goto("/admin/audit");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Faudit/);
  await signIn(page, firstAdmin, "/admin/audit");
  await expect(page).toHaveURL(/\/admin\/audit$/);
});

test("the admin promotes a colleague, who reaches the admin area without signing in again", async () => {
  await setRole(admin, colleaguePerson.email, "admin");
  const response = await colleague.goto("/admin/users");
  expect(response?.status()).toBe(200);
  await expect(colleague.getByRole("heading", { name: "Users" })).toBeVisible();
});

test("the admin demotes the colleague again, who loses access on the next request", async () => {
  await setRole(admin, colleaguePerson.email, "user");
  const response = await colleague.goto("/admin/users");
  expect(response?.status()).toBe(403);
});

test("the last admin cannot demote themself", async () => {
  await openUser(admin, firstAdmin.email);
  const row = admin.getByTestId("user-row").filter({ hasText: firstAdmin.email });
  await row.getByLabel(`Role of ${firstAdmin.email}`).selectOption("user");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toContainText("is the last admin");
  await admin.goto("/");
  await expect(admin.getByTestId("profile-role")).toHaveText("admin");
});

test("a ban signs the user out at once and blocks sign-in, with the reason shown", async () => {
  const reason = "Repeated spam in the forums";
  await openUser(admin, colleaguePerson.email);
  await admin.getByTestId("user-row").filter({ hasText: colleaguePerson.email }).getByRole("link").first().click();
  await admin.getByLabel(/Reason/).fill(reason);
  await admin.getByRole("button", { name: "Ban and sign out" }).click();
  await expect(admin.getByTestId("user-status")).toContainText(`Banned`);
  await expect(admin.getByTestId("user-status")).toContainText(reason);
  await expect(admin.getByTestId("session-count")).toHaveText("0");

  await colleague.goto("/");
  await expect(colleague.getByText("You are not signed in.")).toBeVisible();

  await colleague.goto("/sign-in");
  await colleague.getByRole("button", { name: "Sign in with Local test identity provider" }).click();
  await signInAtProvider(colleague, colleaguePerson);
  await expect(colleague).toHaveURL(/\/sign-in\/error/);
  await expect(colleague.getByTestId("sign-in-error")).toContainText("banned");
  await expect(colleague.getByTestId("ban-reason")).toHaveText(`Reason: ${reason}`);
});

test("the audit log shows each action, newest first", async () => {
  await admin.goto("/admin/audit");
  const rows = admin.getByTestId("audit-row").filter({ hasText: colleaguePerson.email });
  await expect(rows.nth(0)).toHaveAttribute("data-action", "ban");
  await expect(rows.nth(1)).toHaveAttribute("data-action", "role_change");
  await expect(rows.nth(1)).toContainText("role: user");
  await expect(rows.nth(2)).toHaveAttribute("data-action", "role_change");
  await expect(rows.nth(2)).toContainText("role: admin");
  await expect(rows.nth(0)).toContainText(firstAdmin.email);
  // The connection's address (no proxy in front), not a header the client could set.
  await expect(rows.nth(0).locator("td").last()).toHaveText(/^(127\.0\.0\.1|::1)$/);
});

test("a visitor whose session cookie is no session is sent to sign in by the guard", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "authjs.session-token", value: "not-a-session", url: baseURL ?? "" }]);
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
});
