import { expect, test } from "@playwright/test";
import { ageAuthentication, sessionExists } from "./attack";
import { sessionTokenOf, signIn, signInAtProvider, uniquePerson } from "./helpers";

test("a signed-in user opens their account from the menu, and renames themself", async ({ page }) => {
  const person = uniquePerson("account");
  await signIn(page, person);
  await page.locator("summary", { hasText: "Open account menu" }).click();
  await page.getByRole("link", { name: "Your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("sign-in-method")).toHaveCount(1);
  await expect(page.getByTestId("session")).toHaveCount(1);
  await expect(page.getByTestId("session").first()).toContainText("(this device)");
  // Playwright's desktop Chrome says it runs on Windows.
  await expect(page.getByTestId("session").first()).toContainText(/Chrome on (Windows|Linux)/);

  await page.getByLabel("Display name").fill("  ");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await page.getByLabel("Display name").fill("Renamed Person");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").first()).toHaveText("Your name is saved.");
  await page.goto("/");
  await expect(page.getByTestId("profile-name")).toHaveText("Renamed Person");
});

test("signing out everywhere else ends the other browser's session, not this one", async ({ browser }) => {
  const person = uniquePerson("two-devices");
  const [laptop, phone] = [await browser.newPage(), await browser.newPage()];
  await signIn(laptop, person);
  await signIn(phone, person);
  await laptop.goto("/account");
  await expect(laptop.getByTestId("session")).toHaveCount(2);
  await laptop.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(laptop.getByText(/Signed out everywhere else \(1 session ended\)/)).toBeVisible();

  await phone.goto("/");
  await expect(phone.getByText("You are not signed in.")).toBeVisible();
  await laptop.goto("/");
  await expect(laptop.getByTestId("profile-email")).toHaveText(person.email);
  await laptop.context().close();
  await phone.context().close();
});

test("a second identity at the local provider is connected, then disconnected; with email links on, so can the last", async ({ page }) => {
  const person = uniquePerson("linker");
  await signIn(page, person);
  await page.goto("/account");
  await page.getByRole("button", { name: "Connect another Local test identity provider" }).click();
  await signInAtProvider(page, uniquePerson("second-identity"));
  await expect(page).toHaveURL(/\/account$/);
  const methods = page.getByTestId("sign-in-method");
  await expect(methods).toHaveCount(2);

  await methods.filter({ hasText: "second-identity" }).getByRole("button", { name: "Disconnect" }).click();
  await expect(methods).toHaveCount(1);
  // Sign-in links to the verified address remain (the refusal of the very last method: tests/integration/account.test.ts).
  await expect(page.getByTestId("email-sign-in")).toContainText(person.email);
  // The last provider is the one this session signed in with: its other sessions end, this one stays.
  await methods.first().getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText(/the other sessions it signed in have ended/)).toBeVisible();
  await expect(methods).toHaveCount(0);
  await page.reload();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("email-sign-in")).toContainText(person.email);
});

test("a sensitive change after a while asks the admin to sign in again, then completes", async ({ page }) => {
  const admin = { email: "first-admin@example.test", name: "First Admin" };
  const colleague = uniquePerson("sudo-target");
  const other = await page.context().browser()!.newPage();
  await signIn(other, colleague);
  await other.context().close();

  await signIn(page, admin);
  // The admin proved who they are half an hour ago (REAUTH_WINDOW is 10 minutes).
  await ageAuthentication(await sessionTokenOf(page), 30);
  await page.goto(`/admin/users?q=${encodeURIComponent(colleague.email)}`);
  await page.getByTestId("user-row").getByRole("link").first().click();
  await page.waitForURL(/\/admin\/users\/[\w-]+$/);
  const userPage = page.url();
  await page.getByLabel(/Type delete to delete/).fill("delete");
  await page.getByRole("button", { name: "Delete user" }).click();
  await expect(page.getByText("This change needs a recent sign-in")).toBeVisible();

  const staleToken = await sessionTokenOf(page);
  await page.getByRole("button", { name: "Sign in again" }).click();
  await signInAtProvider(page, admin);
  await expect(page).toHaveURL(`${userPage}#delete`);
  // The proof made a new session: the stale token, stolen say, gained nothing and no longer works.
  expect(await sessionTokenOf(page)).not.toBe(staleToken);
  expect(await sessionExists(staleToken)).toBe(false);
  await page.getByLabel(/Type delete to delete/).fill("delete");
  await page.getByRole("button", { name: "Delete user" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await page.goto(`/admin/users?q=${encodeURIComponent(colleague.email)}`);
  await expect(page.getByText("No users match.")).toBeVisible();
});
