/**
 * Every page, in the light and the dark colour scheme (the system's
 * setting, prefers-color-scheme): no serious or critical accessibility
 * violation by axe, colour contrast included, and the scheme really applies.
 */
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { emailLinkFor, requestEmailLink, signIn, uniquePerson } from "./helpers";

const ADMIN = { email: "first-admin@example.test", name: "First Admin" };

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`in the ${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test("the pages a visitor sees", async ({ page }) => {
      const person = uniquePerson(`a11y-${colorScheme}`);
      for (const path of ["/", "/sign-in", "/sign-in/error?error=Verification", "/no-such-page"]) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
      // Dark really is dark: the page's background is.
      const [red] = (await background(page)).match(/\d+/g)!.map(Number);
      expect(colorScheme === "dark" ? red! < 60 : red! > 200, await background(page)).toBe(true);
      await requestEmailLink(page, person.email);
      await expectAccessible(page, "check your email");
      await page.goto(await emailLinkFor(page, person.email));
      await expectAccessible(page, "confirm a link");
      await page.goto("/dev/mailbox");
      await expectAccessible(page, "/dev/mailbox");
    });

    test("the pages a signed-in user and an admin see", async ({ page, browser }) => {
      const colleague = uniquePerson(`a11y-colleague-${colorScheme}`);
      const context = await browser.newContext({ colorScheme });
      const other = await context.newPage();
      await signIn(other, colleague);
      await other.goto("/admin/users");
      await expectAccessible(other, "403 for a plain user");
      await context.close();

      await signIn(page, ADMIN);
      for (const path of ["/", "/account", "/sign-out", "/admin/users", "/admin/audit", "/admin/roles"]) {
        await page.goto(path);
        await expectAccessible(page, path);
      }
      await page.goto(`/admin/users?q=${encodeURIComponent(colleague.email)}`);
      await page.getByTestId("user-row").getByRole("link").first().click();
      await page.waitForURL(/\/admin\/users\/[\w-]+$/);
      await expectAccessible(page, "a user's page");
    });
  });
}
