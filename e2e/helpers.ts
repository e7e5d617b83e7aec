import { expect, type Page } from "@playwright/test";

export interface TestPerson {
  email: string;
  name: string;
}

/** A person no other test uses, so tests can share one database. */
export function uniquePerson(label: string): TestPerson {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return { email: `${label}-${id}@example.test`, name: `${label[0]!.toUpperCase()}${label.slice(1)} ${id}` };
}

/** Signs in through the local identity provider's login page, as a real user would. */
export async function signIn(page: Page, person: TestPerson, from = "/"): Promise<void> {
  await page.goto(from === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(from)}`);
  await page.getByRole("button", { name: "Sign in with Local test identity provider" }).click();
  await signInAtProvider(page, person);
}

/** Fills in the local identity provider's login page (the app sent the browser there) and waits to be back. */
export async function signInAtProvider(page: Page, person: TestPerson): Promise<void> {
  await expect(page.getByRole("heading", { name: "Local identity provider" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(person.email);
  await page.getByLabel("Display name").fill(person.name);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back on the app (the identity provider is on 127.0.0.1), past the Auth.js callback.
  await page.waitForURL((url) => url.hostname === "localhost" && !url.pathname.startsWith("/api/auth"));
}

/** The raw session token in a browser's cookie jar. */
export async function sessionTokenOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((candidate) => SESSION_COOKIE.test(candidate.name));
  if (!cookie) throw new Error("not signed in");
  return cookie.value;
}

export async function signOut(page: Page): Promise<void> {
  await page.locator("summary", { hasText: "Open account menu" }).click();
  await page.getByRole("link", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
}

export const SESSION_COOKIE = /^(__Host-)?authjs\.session-token$/;

/** Asks for a sign-in link on the sign-in page, and waits for "Check your email". */
export async function requestEmailLink(page: Page, email: string, from = "/sign-in"): Promise<void> {
  await page.goto(from);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

/** The newest sign-in link sent to this address, read from the development mailbox page. */
export async function emailLinkFor(page: Page, email: string): Promise<string> {
  await page.goto("/dev/mailbox");
  const message = page.getByTestId("mailbox-message").filter({ has: page.getByTestId("mailbox-to").getByText(email, { exact: true }) });
  const href = await message.first().getByTestId("mailbox-link").first().getAttribute("href");
  if (!href) throw new Error(`no sign-in link for ${email} in the development mailbox`);
  return href;
}

/** Opens a sign-in link as its recipient does: the link's page, then its "Sign in" button. */
export async function openEmailLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in/confirm") && !url.pathname.startsWith("/api/auth"));
}

/** Auth.js's email callback for a link (what its "Sign in" button posts to). */
export function emailCallbackOf(link: string): string {
  const url = new URL(link);
  return `${url.origin}/api/auth/callback/email${url.search}`;
}
