import type { GitHubProfile } from "next-auth/providers/github";
import { describe, expect, it } from "vitest";
import { githubUser } from "@/lib/auth/providers";

const profile = { id: 42, login: "octo", name: null, email: null, avatar_url: "https://avatars.example/42" } as unknown as GitHubProfile;

function emailsApi(emails: { email: string; primary: boolean; verified: boolean }[]): typeof fetch {
  return async () => Response.json(emails);
}

describe("GitHub's profile", () => {
  it("uses the primary address and marks it verified only when GitHub does", async () => {
    const verified = await githubUser(profile, "token", emailsApi([{ email: "Octo@Example.test", primary: true, verified: true }]));
    expect(verified).toMatchObject({ id: "42", name: "octo", email: "Octo@Example.test", providerVerifiedEmail: true });
    const unverified = await githubUser(profile, "token", emailsApi([{ email: "octo@example.test", primary: true, verified: false }]));
    expect(unverified.providerVerifiedEmail).toBe(false);
  });

  it("checks the public address against the verified list", async () => {
    const publicEmail = { ...profile, email: "public@example.test" } as GitHubProfile;
    const api = emailsApi([
      { email: "primary@example.test", primary: true, verified: true },
      { email: "public@example.test", primary: false, verified: false },
    ]);
    expect(await githubUser(publicEmail, "token", api)).toMatchObject({ email: "public@example.test", providerVerifiedEmail: false });
  });

  it("vouches for nothing when the emails API cannot be read", async () => {
    const failing: typeof fetch = async () => new Response("", { status: 403 });
    expect(await githubUser({ ...profile, email: "x@example.test" } as GitHubProfile, "token", failing)).toMatchObject({
      email: "x@example.test",
      providerVerifiedEmail: false,
    });
  });
});
