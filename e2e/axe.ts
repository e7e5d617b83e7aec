import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** No serious or critical accessibility violation by axe on the page as it is now, colour contrast included. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  // After a client-side navigation (a server action's redirect), Next.js sets the new title a moment later:
  // wait for it, so axe sees the page as it settles. A page that never gets a title still fails here.
  await expect(page, `${label}: a title`).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? ""));
  expect(
    serious,
    `${label}: ${serious.map((violation) => `${violation.id} (${violation.nodes[0]?.target.join(" ")})`).join(", ")}`,
  ).toEqual([]);
}
