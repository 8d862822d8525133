/**
 * The source library end to end, as the demo annotator: adding a source with its critique,
 * assessing it and seeing the summary; importing BibTeX with one malformed entry, seeing the error
 * with its line, confirming, and finding the valid entry in the library; axe-core checks on the
 * library, a source's page and the import preview.
 *
 * Every test writes its own uniquely named sources, so tests do not depend on one another.
 */
import { expect, test } from "@playwright/test";

import { expectNoSeriousAxeViolations, signIn } from "./support/helpers";

/** The demo annotator, as the seed creates it. */
const ANNOTATOR = { email: "annotator@apparatus.test", name: "Anwar Annotator" };

/** A word no other test (or run) writes. */
function uniqueWord(label: string): string {
  return `${label}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

test("an annotator adds a source with its critique, assesses it and sees the summary", async ({
  page,
}) => {
  const title = `The Fall of Kabul ${uniqueWord("t")}`;
  await signIn(page, ANNOTATOR);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Sources" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("link", { name: "Add a source" }).click();

  await page.getByLabel("Type").selectOption("book");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Authors").fill("Rashid, Ahmed");
  await page.getByLabel("Date issued").fill("2000");
  await page.getByLabel("Publisher").fill("Yale University Press");
  await page.getByLabel("Category").selectOption("SECONDARY");
  await page.getByLabel("Proximity to the events").selectOption("CONTEMPORARY");
  await page.getByLabel("Author's position or affiliation").fill("Journalist in Lahore");
  await page
    .getByLabel("Critique")
    .fill("Close to Pakistani sources; well informed on the Taliban.");
  await page.getByRole("button", { name: "Add source" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Journalist in Lahore")).toBeVisible();
  await expect(page.getByText("Not assessed")).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  await page.getByLabel("Rating").selectOption("4");
  await page.getByLabel("Rationale").fill("Written with access to Taliban leaders; corroborated.");
  await page.getByRole("button", { name: "Save assessment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Assessment saved" })).toBeVisible();
  await expect(page.getByText("4.0 · Reliable (1 assessment)").first()).toBeVisible();

  await page.goto(`/sources?q=${encodeURIComponent(title)}`);
  const row = page.getByRole("listitem").filter({ hasText: title });
  await expect(row).toContainText("Secondary");
  await expect(row).toContainText("4.0 · Reliable (1 assessment)");
});

test("an annotator imports BibTeX with a malformed entry after seeing its line", async ({
  page,
}) => {
  const good = uniqueWord("good");
  const bibtex = [
    `@book{${good},`,
    "  author = {Maley, William},",
    `  title = {The Afghanistan Wars ${good}},`,
    "  publisher = {Palgrave Macmillan},",
    "  year = {2002},",
    "}",
    "",
    "@book{broken1999,",
    "  title = {A brace never closed,",
    "  year = {1999}",
    "}",
  ].join("\n");
  await signIn(page, ANNOTATOR);
  await page.goto("/sources/import");
  await page.getByLabel("Format").selectOption("bibtex");
  await page.getByLabel("Citations").fill(bibtex);
  await page.getByRole("button", { name: "Check and import" }).click();

  await expect(page.getByRole("alert").filter({ hasText: "nothing was imported" })).toBeVisible();
  await expect(page.getByText(/entry broken1999 at line (8|9|10|11): /)).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "Import the valid entries" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 1 source" })).toBeVisible();

  await page.goto(`/sources?q=${good}`);
  await expect(
    page.getByRole("listitem").filter({ hasText: `The Afghanistan Wars ${good}` }),
  ).toBeVisible();
  await page.goto("/sources?q=broken1999");
  await expect(page.getByText("No sources match.")).toBeVisible();
});

test("anyone reads the library and a source's assessments without signing in", async ({ page }) => {
  await page.goto("/sources?q=coll2004ghost");
  const row = page.getByRole("listitem").filter({ hasText: "Ghost Wars" });
  await expect(row).toContainText("4.3 · Reliable (3 assessments)");
  await expect(row.getByRole("img", { name: /Ratings: 0 rated 1/ })).toBeVisible();
  await row.getByRole("link", { name: /Ghost Wars/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Ghost Wars/ })).toBeVisible();
  await expect(page.getByText("Exhaustively sourced with named interviews")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save assessment" })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page);
});

test("a moderator merges a duplicate found on a source's page", async ({ page }) => {
  const title = `Afghanistan Under Siege ${uniqueWord("m")}`;
  await signIn(page, { email: "moderator@apparatus.test", name: "Mona Moderator" });
  for (const author of ["Giustozzi, Antonio", "Giustozzi, A."]) {
    await page.goto("/sources/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Authors").fill(author);
    await page.getByRole("button", { name: "Add source" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  }
  const duplicates = page.getByRole("region", { name: "Possible duplicates" });
  await expect(duplicates).toContainText("same title and author");
  await duplicates.getByRole("button", { name: "Merge into this source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Merged" })).toBeVisible();
  await page.goto(`/sources?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole("listitem").filter({ hasText: title })).toHaveCount(1);
});
