/**
 * Importing W3C Web Annotations through the page `/articles/<slug>/import`: an annotator chooses a
 * Hypothesis-like export, sees the report (placed, orphaned and rejected items with reasons)
 * before anything is written, and then imports the usable items. A reader is told the page needs
 * the annotator role. The page passes axe-core.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect, test } from "@playwright/test";

import { demoAccounts } from "../seed/demo-accounts";
import { expectNoSeriousAxeViolations, signIn } from "./support/helpers";

const IMPORT_PATH = "/articles/afghan-civil-war-1989-1992/import";

/** The fixture of the import tests: 11 items, 7 placed, 1 orphaned, 3 rejected. */
const FIXTURE = path.join(
  process.cwd(),
  "lib",
  "annotations",
  "__fixtures__",
  "hypothesis-export.jsonld",
);

/** A demo account by role. */
function demoAccount(role: "ANNOTATOR" | "READER") {
  const account = demoAccounts.find((candidate) => candidate.role === role);
  if (!account) {
    throw new Error(`no demo ${role}`);
  }
  return account;
}

test("an annotator checks a Hypothesis export, reads the report and imports the usable items", async ({
  page,
}) => {
  await signIn(page, demoAccount("ANNOTATOR"));
  await page.goto(IMPORT_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Import annotations" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // Ids of this run's own, so that the file is new to the database.
  const run = `e2e-${Date.now().toString(36)}`;
  const text = (await readFile(FIXTURE, "utf8")).replaceAll(
    "https://hypothes.is/a/",
    `https://hypothes.is/${run}/`,
  );
  await page.getByLabel("Web Annotation file (JSON-LD)").setInputFiles({
    name: "hypothesis-export.jsonld",
    mimeType: "application/ld+json",
    buffer: Buffer.from(text),
  });
  await page.getByRole("button", { name: "Check the file" }).click();

  const report = page.getByRole("region", { name: "Report" });
  await expect(report).toContainText("7 placed, 1 orphaned, 3 rejected, 0 already present");
  await expect(
    report.getByRole("row").filter({ hasText: "hx-reply-6" }).getByRole("cell").nth(3),
  ).toContainText("no usable selector");
  await expect(report.getByRole("row").filter({ hasText: "hx-orphan-5" })).toContainText(
    "Orphaned",
  );
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("button", { name: "Import the 8 usable items, leave out 3" }).click();
  await expect(page.getByText("Imported 8 annotations.")).toBeVisible();

  // The same file again: everything usable is already present.
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(report).toContainText("0 placed, 0 orphaned, 3 rejected, 8 already present");
});

test("a reader is told that importing needs the annotator role", async ({ page }) => {
  await signIn(page, demoAccount("READER"));
  await page.goto(IMPORT_PATH);
  await expect(
    page.getByText("Importing annotations needs the annotator role or above."),
  ).toBeVisible();
});
