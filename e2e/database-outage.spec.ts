import { expect, test } from "@playwright/test";

/**
 * The database goes down while the app runs: pages say so clearly (an explanation and a way to
 * retry, no stack trace), and the app recovers by itself when the database comes back.
 * The test server reaches PostgreSQL through a proxy that e2e/support/serve-test-app.ts controls.
 */
const controlUrl = `http://127.0.0.1:${process.env.E2E_CONTROL_PORT ?? 3101}/database`;

async function setDatabase(state: "up" | "down"): Promise<void> {
  const response = await fetch(`${controlUrl}/${state}`, { method: "POST" });
  expect(response.ok).toBe(true);
}

test.describe("when the database is down", () => {
  test.afterEach(async () => {
    await setDatabase("up");
  });

  test("the article page explains the outage, then recovers without a restart", async ({
    page,
  }) => {
    await page.goto("/articles/afghan-civil-war-1989-1992");
    await expect(
      page.getByRole("heading", { level: 1, name: "Afghan Civil War (1989–1992)" }),
    ).toBeVisible();

    await setDatabase("down");
    await page.goto("/articles/afghan-civil-war-1989-1992");
    await expect(
      page.getByRole("heading", { level: 1, name: /database.*unavailable/i }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: /try again/i })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/at \w+ \(|Error:|ECONNREFUSED|prisma/i);

    await setDatabase("up");
    await page.getByRole("link", { name: /try again/i }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Afghan Civil War (1989–1992)" }),
    ).toBeVisible();
  });

  test("the index explains the outage too", async ({ page }) => {
    await setDatabase("down");
    await page.goto("/");
    await expect(
      page.getByRole("heading", { level: 1, name: /database.*unavailable/i }),
    ).toBeVisible();
    await setDatabase("up");
    await page.reload();
    await expect(page.getByRole("link", { name: "Afghan Civil War (1989–1992)" })).toBeVisible();
  });
});
