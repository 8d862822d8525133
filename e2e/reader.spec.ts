/**
 * The reading view and the article index, against the seeded article
 * `seed/articles/afghan-civil-war-1989-1992.txt`: content, navigation, the no-JavaScript
 * rendering, the 404 page and an axe-core accessibility check.
 *
 * Expected headings and bibliography entries are read from the seed file itself, so the test
 * follows the fixture instead of repeating it.
 */
import { readFileSync } from "node:fs";

import { expect, test, type Page } from "@playwright/test";

import { expectNoSeriousAxeViolations } from "./support/helpers";

const ARTICLE_SLUG = "afghan-civil-war-1989-1992";
const ARTICLE_PATH = `/articles/${ARTICLE_SLUG}`;
const ARTICLE_TITLE = "Afghan Civil War (1989–1992)";
const PASHTO_NAME = "له ۱۹۸۹ څخه تر ۱۹۹۲ پوري د افغانستان کورنۍ جګړه";

/** The seed article's source text. */
const seedSource = readFileSync(
  new URL(`../seed/articles/${ARTICLE_SLUG}.txt`, import.meta.url),
  "utf8",
);

/** A section heading as the seed file writes it: `== Title ==` is level 2, `=== … ===` level 3. */
interface ExpectedHeading {
  level: number;
  name: string;
}

/** Every `==` line of the seed file, in order. */
function readExpectedHeadings(source: string): ExpectedHeading[] {
  return source
    .split(/\r?\n/)
    .filter((line) => line.startsWith("=="))
    .map((line) => {
      const level = /^=+/.exec(line)?.[0].length ?? 0;
      return { level, name: line.replace(/^=+|=+$/g, "").trim() };
    });
}

/** The `- ` lines after the Bibliography heading. */
function readExpectedBibliography(source: string): string[] {
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((line) => /^==\s*Bibliography\s*==$/.test(line.trim()));
  return lines
    .slice(start + 1)
    .filter((line) => line.startsWith("- "))
    .map((line) => line.slice(2).trim());
}

const expectedHeadings = readExpectedHeadings(seedSource);
const expectedBibliography = readExpectedBibliography(seedSource);

/** The ProseMirror root of the article text (static copy or read-only editor). */
function articleText(page: Page) {
  return page.getByRole("document", { name: "Article text" });
}

/** The key content of the article page, which must be there with and without JavaScript. */
async function expectArticleContent(page: Page): Promise<void> {
  await expect(page).toHaveTitle(`${ARTICLE_TITLE} · Apparatus`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ARTICLE_TITLE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expect(page.getByText(/Revision \d+/)).toBeVisible();
  await expect(page.getByText(`${expectedHeadings.length} sections`)).toBeVisible();

  // The infobox: a named table with row headers.
  const infobox = page.getByRole("table", { name: "Key facts" });
  await expect(infobox).toBeVisible();
  const conflictRow = infobox.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: "Conflict", exact: true }),
  });
  await expect(conflictRow.getByRole("cell")).toHaveText("First Afghan Civil War");
  // `<hr>` in the source is text, shown literally, never parsed as HTML.
  const commanderRow = infobox.getByRole("row").filter({
    has: page.getByRole("rowheader", { name: "Commander2", exact: true }),
  });
  await expect(commanderRow.getByRole("cell")).toContainText("Shahnawaz Tanai (from 1990), <hr>");
  await expect(page.getByRole("separator")).toHaveCount(0);

  // Every section heading, at its level, in document order.
  expect(expectedHeadings).toHaveLength(26);
  const text = articleText(page);
  const seen = new Map<string, number>();
  for (const { level, name } of expectedHeadings) {
    const key = `${level}:${name}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    await expect(text.getByRole("heading", { level, name, exact: true }).nth(index)).toBeVisible();
  }
  await expect(text.getByRole("heading")).toHaveText(expectedHeadings.map(({ name }) => name));

  // The lead paragraph, including its right-to-left Pashto name.
  await expect(text.getByRole("paragraph").first()).toContainText(PASHTO_NAME);

  // The bibliography: one list with the five entries in order.
  expect(expectedBibliography).toHaveLength(5);
  const bibliography = text.getByRole("list").filter({ hasText: expectedBibliography[0] });
  await expect(bibliography.getByRole("listitem")).toHaveText(expectedBibliography);
}

/** Follows the second "Aftermath" link of the contents and checks that its heading is in view. */
async function expectContentsLinkMovesToHeading(page: Page): Promise<void> {
  const contents = page.getByRole("navigation", { name: "Contents" });
  await expect(contents.getByRole("heading", { level: 2, name: "Contents" })).toBeVisible();
  const link = contents.getByRole("link", { name: "Aftermath", exact: true }).nth(1);
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^#.+/);
  const anchor = decodeURIComponent((href ?? "").slice(1));

  await link.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  const heading = articleText(page).getByRole("heading", {
    level: 2,
    name: "Aftermath",
    exact: true,
  });
  await expect(heading).toHaveAttribute("id", anchor);
  await expect(heading).toBeInViewport();
}

test.describe("reading an article", () => {
  test("the index lists the article and links to its reading view", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
    const link = page.getByRole("link", { name: ARTICLE_TITLE, exact: true });
    await expect(link).toBeVisible();
    await expect(page.getByText(/Revision \d+/)).toBeVisible();
    await expect(page.getByText(`${expectedHeadings.length} sections`)).toBeVisible();

    await link.click();
    await expect(page).toHaveURL(new RegExp(`${ARTICLE_PATH}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ARTICLE_TITLE);
  });

  test("the article page shows the title, infobox, sections, lead and bibliography", async ({
    page,
  }) => {
    await page.goto(ARTICLE_PATH);
    await expectArticleContent(page);
  });

  test("the read-only editor takes over the server-rendered text", async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    const text = articleText(page);
    await expect(text).toHaveAttribute("contenteditable", "false");
    await expect(text).toHaveCount(1);
    await expect(text.getByRole("heading")).toHaveCount(expectedHeadings.length);
  });

  test("a contents link moves to the heading with that id", async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expect(articleText(page)).toHaveAttribute("contenteditable", "false");
    await expectContentsLinkMovesToHeading(page);
  });

  test("the page has landmarks and a skip link to the main content", async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("main")).toBeVisible();
    await expect(page.getByRole("contentinfo")).toBeVisible();
    await expect(page.getByRole("article", { name: ARTICLE_TITLE })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "Apparatus" })).toHaveAttribute(
      "href",
      "/",
    );

    await page.keyboard.press("Tab");
    const skipLink = page.getByRole("link", { name: "Skip to content" });
    await expect(skipLink).toBeFocused();
    await expect(skipLink).toBeVisible();
    await skipLink.press("Enter");
    await expect(page).toHaveURL(/#main$/);
  });

  test("an unknown slug gets a 404 page that leads back to the index", async ({ page }) => {
    const response = await page.goto("/articles/no-such-article");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle(/not found · Apparatus$/);

    await page.getByRole("link", { name: "Browse all articles" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole("link", { name: ARTICLE_TITLE, exact: true })).toBeVisible();
  });

  test("the index has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  test("the article has no serious or critical accessibility violations", async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expect(articleText(page)).toHaveAttribute("contenteditable", "false");
    await expectNoSeriousAxeViolations(page);
  });
});

test.describe("reading an article without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the index links to the article", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("link", { name: ARTICLE_TITLE, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${ARTICLE_PATH}$`));
  });

  test("the server-rendered article has all its content", async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expect(articleText(page)).not.toHaveAttribute("contenteditable", /.*/);
    await expectArticleContent(page);
  });

  test("contents links work without JavaScript", async ({ page }) => {
    await page.goto(ARTICLE_PATH);
    await expectContentsLinkMovesToHeading(page);
  });
});
