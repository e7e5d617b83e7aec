import { expect, test } from "@playwright/test";
import { SESSION_COOKIE, signIn, signOut, uniquePerson } from "./helpers";

test("a visitor signs in through the identity provider and sees their role", async ({ page }) => {
  const person = uniquePerson("reader");
  await page.goto("/");
  await expect(page.getByText("You are not signed in.")).toBeVisible();

  await signIn(page, person);

  await expect(page).toHaveURL("/");
  await expect(page.getByTestId("profile-name")).toHaveText(person.name);
  await expect(page.getByTestId("profile-email")).toHaveText(person.email);
  await expect(page.getByTestId("profile-role")).toHaveText("user");
});

test("the session survives a reload and ends at sign-out", async ({ page, context }) => {
  const person = uniquePerson("returning");
  await signIn(page, person);

  await page.reload();
  await expect(page.getByTestId("profile-email")).toHaveText(person.email);

  await signOut(page);
  await expect(page.getByText("You are not signed in.")).toBeVisible();
  const cookies = await context.cookies();
  expect(cookies.filter((cookie) => SESSION_COOKIE.test(cookie.name))).toEqual([]);

  await page.reload();
  await expect(page.getByText("You are not signed in.")).toBeVisible();
});

test("/api/auth/session exposes the user, the session's id and sign-in time, but never the session token", async ({ page, context }) => {
  const person = uniquePerson("inspector");
  await signIn(page, person);

  const sessionCookie = (await context.cookies()).find((cookie) => SESSION_COOKIE.test(cookie.name));
  expect(sessionCookie, "a database session cookie is set").toBeDefined();
  expect(sessionCookie!.httpOnly).toBe(true);

  const response = await page.request.get("/api/auth/session");
  expect(response.ok()).toBe(true);
  const text = await response.text();
  expect(text).not.toContain(sessionCookie!.value);
  expect(text).not.toMatch(/sessionToken/i);

  const session = JSON.parse(text) as {
    user: Record<string, unknown>;
    expires: string;
    sessionId: string;
    authenticatedAt: string;
    impersonator: unknown;
  };
  expect(Object.keys(session).sort()).toEqual(["authenticatedAt", "expires", "impersonator", "sessionId", "user"]);
  expect(session.impersonator).toBeNull();
  expect(Object.keys(session.user).sort()).toEqual(["email", "id", "image", "name", "role"]);
  expect(session.user).toMatchObject({ email: person.email, name: person.name, role: "user" });
  expect(typeof session.user.id).toBe("string");
  expect(Date.parse(session.authenticatedAt)).toBeLessThanOrEqual(Date.now());
});

test("signing in from a page returns to it", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=%2Fsign-in%2Ferror");
  const person = uniquePerson("deeplink");
  await signIn(page, person, "/sign-in/error");
  await expect(page).toHaveURL(/\/sign-in\/error$/);
});

test("a sign-in callback to another site is ignored", async ({ page }) => {
  const person = uniquePerson("redirected");
  await signIn(page, person, "https://evil.example/steal");
  await expect(page).toHaveURL("/");
});
