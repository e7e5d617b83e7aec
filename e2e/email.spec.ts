import { expect, test } from "@playwright/test";
import { expireEmailLinks, forgetEmailProof } from "./attack";
import { emailCallbackOf, emailLinkFor, openEmailLink, requestEmailLink, signIn, signOut, uniquePerson } from "./helpers";
import { APP_URL } from "./setup-values";

/**
 * Email sign-in, as a person uses it: ask for a link on the sign-in page,
 * read it in the development mailbox (the suite's SMTP server), open it and
 * press "Sign in".
 */

const signedIn = (page: import("@playwright/test").Page) => page.locator("summary", { hasText: "Open account menu" });

test("a sign-in link from the mailbox signs a new person in, once", async ({ page, browser }) => {
  const { email } = uniquePerson("email");
  await requestEmailLink(page, email);
  const link = await emailLinkFor(page, email);
  expect(new URL(link).origin).toBe(APP_URL);
  expect(new URL(link).pathname).toBe("/sign-in/confirm");

  await openEmailLink(page, link);
  await expect(signedIn(page)).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.getByTestId("email-sign-in")).toContainText(email);

  // The same link again, in another browser: refused, with a way to get a new one.
  const other = await browser.newContext();
  const again = await other.newPage();
  await openEmailLink(again, link);
  await expect(again).toHaveURL(/\/sign-in\/error\?error=Verification/);
  await expect(again.getByTestId("sign-in-error")).toContainText("no longer works");
  await again.getByRole("link", { name: "Email me a new link" }).click();
  await expect(again.getByLabel("Email address")).toBeVisible();
  await other.close();
});

test("opening a link spends nothing: a mail scanner's visits leave it working", async ({ page }) => {
  const { email } = uniquePerson("scanned");
  await requestEmailLink(page, email);
  const link = await emailLinkFor(page, email);
  for (const url of [link, emailCallbackOf(link)]) {
    const visit = await fetch(url, { redirect: "follow" });
    expect(visit.status).toBe(200);
    expect(visit.headers.getSetCookie().join()).not.toContain("session-token");
  }
  await openEmailLink(page, link);
  await expect(signedIn(page)).toBeVisible();
});

test("an expired sign-in link is refused", async ({ page }) => {
  const { email } = uniquePerson("expired");
  await requestEmailLink(page, email);
  const link = await emailLinkFor(page, email);
  expect(await expireEmailLinks(email)).toBe(1);
  await openEmailLink(page, link);
  await expect(page).toHaveURL(/\/sign-in\/error\?error=Verification/);
  await expect(signedIn(page)).toHaveCount(0);
});

test("a link used at the same moment from several places signs in once", async ({ page }) => {
  const { email } = uniquePerson("race");
  await requestEmailLink(page, email);
  const callback = emailCallbackOf(await emailLinkFor(page, email));
  const responses = await Promise.all(
    [0, 1, 2].map(() => fetch(callback, { method: "POST", redirect: "manual", headers: { origin: APP_URL } })),
  );
  const sessions = responses.filter((response) => /session-token=[^;]/.test(response.headers.getSetCookie().join()));
  expect(sessions).toHaveLength(1);
  for (const response of responses) expect([302, 303]).toContain(response.status);
});

test("an email link signs in the existing user with that address", async ({ page }) => {
  const person = uniquePerson("existing");
  await signIn(page, person);
  await signOut(page);
  await requestEmailLink(page, person.email);
  await openEmailLink(page, await emailLinkFor(page, person.email));
  await page.goto("/account");
  await expect(page.getByLabel("Display name")).toHaveValue(person.name);
  await expect(page.getByTestId("sign-in-methods")).toContainText("Local test identity provider");
  await expect(page.getByTestId("email-sign-in")).toContainText(person.email);
});

test("an account made with someone's unproved address is theirs alone once they sign in by email", async ({ page, browser }) => {
  const victim = uniquePerson("prehijack");
  // The attacker signs up first with the victim's address, through a provider that does not verify it.
  const attacker = await (await browser.newContext()).newPage();
  await signIn(attacker, victim);
  await forgetEmailProof(victim.email);

  await requestEmailLink(page, victim.email);
  await openEmailLink(page, await emailLinkFor(page, victim.email));
  await page.goto("/account");
  await expect(page.getByTestId("sign-in-method")).toHaveCount(0);
  await expect(page.getByTestId("email-sign-in")).toContainText(victim.email);
  await attacker.goto("/account");
  await expect(attacker).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
  await attacker.context().close();
});

test("a link posted from another site signs nobody in, and stays unspent (no login CSRF)", async ({ page }) => {
  const { email } = uniquePerson("csrf");
  await requestEmailLink(page, email);
  const callback = emailCallbackOf(await emailLinkFor(page, email));
  // "null": what a browser sends from a page with no referrer, which any site can make.
  for (const origin of ["https://evil.example", "null"]) {
    const forged = await fetch(callback, { method: "POST", redirect: "manual", headers: { origin } });
    expect(forged.status, origin).toBe(403);
    expect(forged.headers.getSetCookie().join()).not.toMatch(/session-token=[^;]/);
  }
  const own = await fetch(callback, { method: "POST", redirect: "manual", headers: { origin: APP_URL } });
  expect(own.headers.getSetCookie().join()).toMatch(/session-token=[^;]/);
});

test("a link opened while signed in as someone else is refused without spending it", async ({ page, browser }) => {
  const owner = uniquePerson("owner");
  await requestEmailLink(page, owner.email);
  const link = await emailLinkFor(page, owner.email);
  const someoneElse = await (await browser.newContext()).newPage();
  await signIn(someoneElse, uniquePerson("someone-else"));
  await openEmailLink(someoneElse, link);
  await expect(someoneElse).toHaveURL(/\/sign-in\/error\?error=SignedInAlready/);
  await someoneElse.context().close();
  await openEmailLink(page, link);
  await expect(signedIn(page)).toBeVisible();
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

test("a bad address is refused on the form, and stays in the field", async ({ page }) => {
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
