import { expect, test } from "@playwright/test";
import { expireEmailLinks } from "./attack";
import { emailLinkFor, requestEmailLink, signIn, signOut, uniquePerson } from "./helpers";
import { APP_URL } from "./setup-values";

/**
 * Email sign-in, as a person uses it: ask for a link on the sign-in page,
 * read it in the development mailbox (the suite's SMTP server), open it.
 */

test("a sign-in link from the mailbox signs a new person in, once", async ({ page, browser }) => {
  const { email } = uniquePerson("email");
  await requestEmailLink(page, email);
  const link = await emailLinkFor(page, email);
  expect(new URL(link).origin).toBe(APP_URL);

  await page.goto(link);
  await expect(page.locator("summary", { hasText: "Open account menu" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.getByTestId("email-sign-in")).toContainText(email);

  // The same link again, in another browser: refused, with a way to get a new one.
  const other = await browser.newContext();
  const again = await other.newPage();
  await again.goto(link);
  await expect(again).toHaveURL(/\/sign-in\/error\?error=Verification/);
  await expect(again.getByTestId("sign-in-error")).toContainText("no longer works");
  await again.getByRole("link", { name: "Email me a new link" }).click();
  await expect(again.getByLabel("Email address")).toBeVisible();
  await other.close();
});

test("an expired sign-in link is refused", async ({ page }) => {
  const { email } = uniquePerson("expired");
  await requestEmailLink(page, email);
  const link = await emailLinkFor(page, email);
  expect(expireEmailLinks(email)).toBe(1);
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\/error\?error=Verification/);
  await expect(page.locator("summary", { hasText: "Open account menu" })).toHaveCount(0);
});

test("a link opened twice at the same moment signs in once", async ({ page }) => {
  const { email } = uniquePerson("race");
  await requestEmailLink(page, email);
  const link = await emailLinkFor(page, email);
  const responses = await Promise.all([0, 1, 2].map(() => fetch(link, { redirect: "manual" })));
  const signedIn = responses.filter((response) => /authjs\.session-token=[^;]/.test(response.headers.get("set-cookie") ?? ""));
  expect(signedIn).toHaveLength(1);
  for (const response of responses) expect(response.status).toBe(302);
});

test("an email link signs in the existing user with that address", async ({ page }) => {
  const person = uniquePerson("existing");
  await signIn(page, person);
  await signOut(page);
  await requestEmailLink(page, person.email);
  await page.goto(await emailLinkFor(page, person.email));
  await page.goto("/account");
  await expect(page.getByLabel("Display name")).toHaveValue(person.name);
  const methods = page.getByTestId("sign-in-methods");
  await expect(methods).toContainText("Local test identity provider");
  await expect(page.getByTestId("email-sign-in")).toContainText(person.email);
});

test("the answer is the same whether or not the address has an account", async ({ page }) => {
  const person = uniquePerson("known");
  await signIn(page, person);
  await signOut(page);
  await requestEmailLink(page, person.email);
  const known = await page.locator("main").innerText();
  await requestEmailLink(page, uniquePerson("unknown").email);
  expect(await page.locator("main").innerText()).toBe(known);
});

test("links to one address are limited, with a message", async ({ page }) => {
  const { email } = uniquePerson("limited");
  for (let sent = 0; sent < 5; sent++) await requestEmailLink(page, email);
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toContainText("Too many sign-in links");
});

test("a bad address is refused on the form", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("someone@victim");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.locator("#email-link-address-error")).toContainText("valid email address");
  await expect(page.getByLabel("Email address")).toHaveValue("someone@victim");
});

test("Auth.js's own endpoint does not send links: only the sign-in page's form does", async ({ request }) => {
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/signin/email", {
    form: { email: "victim@example.test", csrfToken: csrf.csrfToken },
    headers: { origin: APP_URL },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});
