/**
 * Passkeys in a real browser, with Chrome's virtual authenticator (the
 * DevTools protocol's WebAuthn domain): added from /account, used to sign in
 * and to prove it's you again, removed; refused to a banned user; and
 * attacked over raw HTTP with forged, replayed and cross-site assertions.
 */
import { expect, test, type Page } from "@playwright/test";
import { ageAuthentication, databaseState, setBan } from "./attack";
import { expectAccessible } from "./axe";
import { sessionTokenOf, signIn, signOut, uniquePerson } from "./helpers";
import { APP_URL } from "./setup-values";

test.describe.configure({ mode: "serial" });

/** A platform authenticator that verifies its user, as a laptop's fingerprint reader does. */
async function virtualAuthenticator(page: Page): Promise<void> {
  const client = await page.context().newCDPSession(page);
  await client.send("WebAuthn.enable");
  await client.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

/**
 * Chrome's virtual authenticator answers the sign-in page's passkey autofill
 * at once, which would race the button under test: here the browser says it
 * has no autofill, as many do. The autofill has its own test.
 */
async function withoutAutofill(page: Page): Promise<void> {
  await page.addInitScript(() => {
    if (window.PublicKeyCredential) window.PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
}

async function addPasskey(page: Page, name: string): Promise<void> {
  await page.goto("/account");
  await page.getByLabel(/^New passkey/).fill(name);
  // Auth.js's client reloads the page once the passkey is stored: wait for that page, not the one before.
  const reloaded = page.waitForEvent("load");
  await page.getByRole("button", { name: "Add a passkey" }).click();
  await reloaded;
  await expect(page.getByTestId("passkey").filter({ has: page.locator(`input[value="${name}"]`) })).toHaveCount(1);
}

const owner = uniquePerson("passkey-owner");
let captured: { body: string; cookie: string } | null = null;

test("a passkey is added from /account, signs in, proves it's you again, and is removed", async ({ page }) => {
  await virtualAuthenticator(page);
  await withoutAutofill(page);
  await signIn(page, owner);
  await addPasskey(page, "Test laptop");
  await signOut(page);

  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  await expect(page.getByTestId("profile-email")).toHaveText(owner.email);

  await page.goto("/account");
  await expect(page.getByTestId("passkey")).toContainText(/last used/);
  await expectAccessible(page, "/account with a passkey");
  await ageAuthentication(await sessionTokenOf(page), 60);
  await page.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("This change needs a recent sign-in")).toBeVisible();
  await expectAccessible(page, "the re-authentication prompt");
  const staleToken = await sessionTokenOf(page);
  await page.getByRole("button", { name: "Use a passkey" }).click();
  // Back on the same form, with a new, freshly proved session.
  await expect(page.getByText("This change needs a recent sign-in")).toHaveCount(0);
  await expect.poll(() => sessionTokenOf(page)).not.toBe(staleToken);
  await page.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText(/Removed "Test laptop"/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("passkey")).toHaveCount(0);

  // The device still offers it: the site says it no longer knows it.
  await signOut(page);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(/\/sign-in\/error\?error=PasskeyUnknown/);
  await expect(page.getByTestId("sign-in-error")).toContainText("no longer knows that passkey");
  await expectAccessible(page, "an unknown passkey");
});

test("the browser's passkey autofill signs in from the sign-in page", async ({ page }) => {
  const person = uniquePerson("passkey-autofill");
  await virtualAuthenticator(page);
  await signIn(page, person);
  await addPasskey(page, "Phone");
  await signOut(page);
  // Keep the sign-in's request, to replay and forge from later.
  await page.route("**/api/auth/callback/passkey", async (route) => {
    captured = { body: route.request().postData() ?? "", cookie: (await route.request().allHeaders()).cookie ?? "" };
    await route.continue();
  });
  // Chrome's virtual authenticator picks the passkey the autofill offers as soon as the page asks.
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await page.waitForURL((url) => url.pathname === "/account");
  await expect(page.getByTestId("passkey")).toContainText(/last used/);
});

/** The credential id the captured sign-in used: a passkey the site knows. */
function capturedCredentialId(): string {
  const data = new URLSearchParams(captured!.body).get("data");
  return (JSON.parse(data ?? "{}") as { id: string }).id;
}

test("a replayed passkey sign-in is refused, and changes nothing, however its body is shaped", async () => {
  test.skip(!captured, "needs the autofill test's sign-in");
  const before = await databaseState();
  const data = new URLSearchParams(captured!.body).get("data") ?? "";
  // As captured; as JSON, which Auth.js reads too; with a decoy first field (Auth.js keeps the last).
  const form = "application/x-www-form-urlencoded";
  // The challenge cookie spelled otherwise, as Auth.js still opens it (a padding '=').
  const respelled = captured!.cookie.replace(/(authjs\.challenge=[^;]+)/, "$1=");
  const replays = [
    { type: form, body: captured!.body, cookie: captured!.cookie },
    { type: "application/json", body: JSON.stringify({ action: "authenticate", data }), cookie: captured!.cookie },
    { type: form, body: `action=authenticate&data=x&data=${encodeURIComponent(data)}`, cookie: captured!.cookie },
    { type: form, body: captured!.body, cookie: respelled },
  ];
  for (const replay of replays) {
    const response = await fetch(`${APP_URL}/api/auth/callback/passkey`, {
      method: "POST",
      headers: { "content-type": replay.type, "x-auth-return-redirect": "1", cookie: replay.cookie, origin: APP_URL },
      body: replay.body,
    });
    expect(await response.text(), `an error page, not the account page (${replay.body.slice(0, 30)})`).toContain("/sign-in/error?error=");
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/authjs\.session-token=[A-Za-z0-9_-]{20,}/);
  }
  expect(await databaseState()).toBe(before);
});

test("a forged passkey sign-in, and one from another site, are refused and change nothing", async ({ request }) => {
  test.skip(!captured, "needs the autofill test's sign-in");
  // A challenge of its own for each attempt: a challenge is answered once.
  const challengeCookie = async () => {
    const options = await request.get("/api/auth/webauthn-options/passkey?action=authenticate");
    expect(options.ok()).toBe(true);
    // Playwright joins a response's cookies with newlines; the challenge is one of them.
    return (options.headers()["set-cookie"] ?? "")
      .split("\n")
      .map((line) => line.split(";")[0])
      .join("; ");
  };
  const forgedFor = (id: string) =>
    JSON.stringify({
      id,
      rawId: id,
      type: "public-key",
      response: { clientDataJSON: "e30", authenticatorData: "AAAA", signature: "AAAA", userHandle: "AAAA" },
      clientExtensionResults: {},
    });
  const before = await databaseState();
  const attempts = [
    { origin: APP_URL, id: capturedCredentialId(), says: "WebAuthnVerificationError" },
    { origin: APP_URL, id: "AAAA", says: "PasskeyUnknown" },
    { origin: "https://evil.example", id: capturedCredentialId(), says: null },
  ];
  for (const { origin, id, says } of attempts) {
    const response = await fetch(`${APP_URL}/api/auth/callback/passkey`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-auth-return-redirect": "1",
        cookie: await challengeCookie(),
        origin,
      },
      body: new URLSearchParams({ action: "authenticate", data: forgedFor(id) }),
      redirect: "manual",
    });
    expect(response.headers.get("set-cookie") ?? "", origin).not.toMatch(/authjs\.session-token=[A-Za-z0-9_-]{20,}/);
    if (says) expect(await response.text(), id).toContain(`error=${says}`);
    else expect(response.status).toBe(403);
  }
  expect(await databaseState()).toBe(before);
  expect(
    (await request.get("/api/auth/webauthn-options/passkey?action=authenticate&email=someone%40example.test")).status(),
    "no account oracle",
  ).toBe(400);
  expect((await request.get("/api/auth/webauthn-options/passkey?action=register")).status(), "no anonymous passkeys").toBe(403);
});

test("a banned user's passkey signs nobody in", async ({ page }) => {
  const banned = uniquePerson("passkey-banned");
  await virtualAuthenticator(page);
  await withoutAutofill(page);
  await signIn(page, banned);
  await addPasskey(page, "Banned key");
  await signOut(page);
  await setBan(banned.email, "spam");
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await page.waitForURL(/\/sign-in\/error\?error=AccountBanned/);
  await expect(page.getByTestId("sign-in-error")).toContainText("banned");
});

test("a passkey registered around the Add button (no recent sign-in, no intent) is refused, and nothing is stored", async ({ page }) => {
  const person = uniquePerson("passkey-sneak");
  await virtualAuthenticator(page);
  await signIn(page, person);
  await page.goto("/account");
  const before = await databaseState();
  // The WebAuthn ceremony by hand, as a script on the page could run it: Auth.js's endpoints, the browser's authenticator.
  const answer = await page.evaluate(async () => {
    const bytes = (base64url: string) =>
      Uint8Array.from(atob(base64url.replace(/-/g, "+").replace(/_/g, "/")), (character) => character.charCodeAt(0));
    const base64url = (buffer: ArrayBuffer) =>
      btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/\+/g, "-")
        .replace(/\//g, "_")
        .replace(/=+$/, "");
    const { options } = (await (await fetch("/api/auth/webauthn-options/passkey?action=register")).json()) as {
      options: PublicKeyCredentialCreationOptions & { challenge: string; user: { id: string; name: string; displayName: string } };
    };
    const credential = (await navigator.credentials.create({
      publicKey: {
        ...options,
        challenge: bytes(options.challenge),
        user: { ...options.user, id: bytes(options.user.id) },
        excludeCredentials: [],
      },
    })) as PublicKeyCredential;
    const response = credential.response as AuthenticatorAttestationResponse;
    const data = {
      id: credential.id,
      rawId: base64url(credential.rawId),
      type: credential.type,
      response: {
        clientDataJSON: base64url(response.clientDataJSON),
        attestationObject: base64url(response.attestationObject),
        transports: response.getTransports(),
      },
      clientExtensionResults: {},
    };
    const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const result = await fetch("/api/auth/callback/passkey", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
      body: new URLSearchParams({ action: "register", data: JSON.stringify(data), csrfToken }),
    });
    return result.text();
  });
  expect(answer).toContain("/sign-in/error?error=PasskeyNotAdded");
  expect(await databaseState()).toBe(before);
  await page.reload();
  await expect(page.getByTestId("passkey")).toHaveCount(0);
});
