import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

import { DEMO_PASSWORD } from "../../seed/demo-accounts";

/**
 * Runs axe-core on the page and fails on any serious or critical violation, listing each one
 * (rule, help text, the elements) so that a failure says what to fix.
 */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  // Next streams a page's metadata: after a client navigation the <title> may arrive a moment
  // after the content a test waited for. Check the page as it is once it has one.
  await expect(page).not.toHaveTitle("");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  expect(serious).toEqual([]);
}

/** Signs in through the form and waits until the header shows the account's name. */
export async function signIn(
  page: Page,
  account: { email: string; name: string },
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByText(account.name)).toBeVisible();
}
