/**
 * Orphaned annotations end to end: an annotator annotates a passage of a small article of its own
 * (e2e/fixtures/orphans-article-1.txt), an administrator imports a new revision of it through the
 * real importer (`POST /api/articles`) in which that passage is gone (orphans-article-2.txt), and
 * in the browser the annotation is listed and counted as orphaned, its author re-attaches it to
 * another passage by selecting it and pressing "Re-attach here", and after a reload it is
 * highlighted there and no longer orphaned. Another annotator gets no re-attach control for
 * someone else's orphan; a moderator does.
 *
 * Every test imports its own article under a unique slug (the seeded article, which other specs
 * read, is never revised) and retires it afterwards (soft delete, as the index and reader skip
 * deleted articles), so that later specs find the seeded article alone on the index.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import pg from "pg";

import { expectNoSeriousAxeViolations, signIn } from "./support/helpers";
import {
  annotationIdOf,
  annotationsPanel,
  articleText,
  entryWith,
  highlightsOf,
  liveRegion,
  openArticlePage,
  selectWithMouse,
  uniqueNote,
} from "./support/reader";

/** The demo accounts used here, as the seed creates them. */
const ADMIN = { email: "admin@apparatus.test", name: "Ada Admin" };
const ANNOTATOR = { email: "annotator@apparatus.test", name: "Anwar Annotator" };
const MODERATOR = { email: "moderator@apparatus.test", name: "Mona Moderator" };

/** The article's two revisions: the second drops the annotated sentence and adds another. */
const FIXTURES = path.join(process.cwd(), "e2e", "fixtures");
const REVISION_1 = path.join(FIXTURES, "orphans-article-1.txt");
const REVISION_2 = path.join(FIXTURES, "orphans-article-2.txt");

/** The sentence of revision 1 that revision 2 no longer has. */
const LOST_SENTENCE =
  "In April the provincial council ordered the old ferry rope replaced with a steel cable bought in Peshawar.";

/** The passage of revision 2 the orphan is re-attached to. */
const NEW_PASSAGE = "a wire hawser fetched from the Khyber bazaar";

/** The test server's control API (e2e/support/serve-test-app.ts), which knows the database. */
const CONTROL_URL = `http://127.0.0.1:${process.env.E2E_CONTROL_PORT ?? 3101}/database`;

/** Slugs of the articles the running test imported, retired after it. */
const importedSlugs: string[] = [];

test.afterEach(async () => {
  const slugs = importedSlugs.splice(0);
  if (slugs.length === 0) {
    return;
  }
  const response = await fetch(CONTROL_URL);
  const { url } = (await response.json()) as { url: string };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE "Article" SET "deletedAt" = now() WHERE slug = ANY($1::text[])`, [
      slugs,
    ]);
  } finally {
    await client.end();
  }
});

/** A slug no other test (or run) uses. */
function uniqueSlug(): string {
  return `orphans-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Imports an article file under `slug` as the demo administrator, through the API the
 * administrators' scripts use (cookie session, same-origin request), and returns the JSON result.
 */
async function importArticleFile(
  browser: Browser,
  baseURL: string,
  slug: string,
  file: string,
): Promise<{ status: string; revisionNumber: number; reanchored: Record<string, number> }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, ADMIN);
    const response = await page.request.post(`/api/articles?slug=${encodeURIComponent(slug)}`, {
      headers: { "content-type": "text/plain; charset=utf-8", origin: baseURL },
      data: await readFile(file),
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as Awaited<ReturnType<typeof importArticleFile>>;
  } finally {
    await context.close();
  }
}

/** Opens an article and waits for the read-only editor, which draws the highlights. */
async function openArticle(page: Page, slug: string): Promise<void> {
  await openArticlePage(page, `/articles/${slug}`);
}

/** The "Orphaned annotations (n)" part of the panel. */
function orphansSection(page: Page): Locator {
  return annotationsPanel(page).getByRole("region", { name: /^Orphaned annotations/ });
}

/**
 * Selects `text` in the article with the mouse (press on its first character, release on its
 * last) and waits until the page's selection is exactly that text.
 */
async function selectPassage(page: Page, text: string): Promise<void> {
  await selectWithMouse(page, articleText(page), text, text);
  await expect.poll(() => page.evaluate(() => String(window.getSelection()))).toBe(text);
}

/** Annotates `passage` with a comment as the signed-in user; returns the annotation id. */
async function commentOn(page: Page, passage: string, note: string): Promise<string> {
  await selectPassage(page, passage);
  await page.getByRole("button", { name: "Annotate", exact: true }).click();
  const form = page.getByRole("form", { name: "New annotation" });
  await expect(form.getByRole("blockquote")).toContainText(passage);
  await form.getByRole("radio", { name: "Comment" }).check();
  await form.getByRole("textbox", { name: "Note" }).fill(note);
  await form.getByRole("button", { name: "Save annotation" }).click();
  await expect(form).toHaveCount(0);
  await expect(liveRegion(page)).toContainText("Annotation created");
  const id = await annotationIdOf(entryWith(page, note));
  await expect(highlightsOf(page, id)).toHaveText(passage);
  return id;
}

/**
 * Sets up an orphan: imports revision 1 under a new slug, lets the annotator comment on the
 * sentence revision 2 drops, and imports revision 2. Returns the slug, note and annotation id.
 */
async function createOrphan(
  browser: Browser,
  baseURL: string,
  page: Page,
): Promise<{ slug: string; note: string; id: string }> {
  const slug = uniqueSlug();
  importedSlugs.push(slug);
  const first = await importArticleFile(browser, baseURL, slug, REVISION_1);
  expect(first).toMatchObject({ status: "created", revisionNumber: 1 });

  await signIn(page, ANNOTATOR);
  await openArticle(page, slug);
  const note = uniqueNote("Orphaned");
  const id = await commentOn(page, LOST_SENTENCE, note);

  const second = await importArticleFile(browser, baseURL, slug, REVISION_2);
  expect(second).toMatchObject({
    status: "revised",
    revisionNumber: 2,
    reanchored: { placed: 0, orphaned: 1 },
  });
  return { slug, note, id };
}

test.describe("orphaned annotations", () => {
  test("the author re-attaches an orphan to a new passage; after a reload it is highlighted there and no longer orphaned", async ({
    page,
    browser,
    baseURL,
  }) => {
    const { slug, note, id } = await createOrphan(browser, baseURL ?? "", page);

    await page.reload();
    await expect(page.locator('[data-reader="editor"]')).toBeVisible();
    await expect(articleText(page)).not.toContainText("old ferry rope");
    const orphans = orphansSection(page);
    await expect(
      orphans.getByRole("heading", { name: "Orphaned annotations (1)", level: 3 }),
    ).toBeVisible();
    const entry = orphans.getByRole("article").filter({ hasText: note });
    await expect(entry).toContainText("Could not be placed in this revision");
    await expect(entry.getByRole("blockquote")).toContainText(LOST_SENTENCE);
    await expect(highlightsOf(page, id)).toHaveCount(0);
    await expect(
      annotationsPanel(page).getByRole("list", { name: "Annotations in document order" }),
    ).toHaveCount(0);
    await expectNoSeriousAxeViolations(page);

    // The placement filter tells orphans from placed annotations.
    await annotationsPanel(page).getByText("Filters", { exact: true }).click();
    const placement = annotationsPanel(page)
      .getByRole("form", { name: "Layer and filters" })
      .getByLabel("Placement");
    await placement.selectOption({ label: "Placed only" });
    await expect(entryWith(page, note)).toHaveCount(0);
    await placement.selectOption({ label: "Orphaned only" });
    await expect(entryWith(page, note)).toBeVisible();
    await placement.selectOption({ label: "Placed and orphaned" });

    // Without a selection the control explains what to do and changes nothing.
    const reattach = entry.getByRole("button", { name: /^Re-attach here/ });
    await reattach.click();
    await expect(entry.getByText("Select the new passage in the text first")).toBeVisible();
    await expect(orphans).toBeVisible();

    await selectPassage(page, NEW_PASSAGE);
    await reattach.click();
    await expect(liveRegion(page)).toContainText("Annotation re-attached to the selected passage.");
    await expect(highlightsOf(page, id)).toHaveText(NEW_PASSAGE);
    await expect(
      annotationsPanel(page)
        .getByRole("list", { name: "Annotations in document order" })
        .getByRole("article")
        .filter({ hasText: note })
        .getByRole("button", { name: /^Show passage: / }),
    ).toContainText(NEW_PASSAGE);

    await page.goto(`/articles/${slug}`);
    await expect(page.locator('[data-reader="editor"]')).toBeVisible();
    await expect(highlightsOf(page, id)).toHaveText(NEW_PASSAGE);
    await expect(orphansSection(page)).toHaveCount(0);
    const placed = annotationsPanel(page)
      .getByRole("list", { name: "Annotations in document order" })
      .getByRole("article")
      .filter({ hasText: note });
    // Placed again: the entry quotes its passage as it reads now, not the original sentence.
    await expect(placed.getByRole("button", { name: /^Show passage: / })).toContainText(
      NEW_PASSAGE,
    );
    await expect(placed.getByRole("button", { name: /^Re-attach here/ })).toHaveCount(0);
  });

  test("another annotator gets no re-attach control for someone else's orphan; a moderator does", async ({
    page,
    browser,
    baseURL,
  }) => {
    const { slug, note } = await createOrphan(browser, baseURL ?? "", page);

    // A second annotator: a new account, which registration makes an annotator.
    const other = await browser.newContext();
    try {
      const otherPage = await other.newPage();
      const suffix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const scholar = { name: `Otto Other ${suffix}`, email: `other-${suffix}@example.test` };
      await otherPage.goto("/register");
      await otherPage.getByLabel("Name", { exact: true }).fill(scholar.name);
      await otherPage.getByLabel("E-mail", { exact: true }).fill(scholar.email);
      await otherPage.getByLabel("Password", { exact: true }).fill("orphan-watcher-2026-long");
      await otherPage.getByRole("button", { name: "Create account" }).click();
      await expect(otherPage.getByRole("banner")).toContainText("Annotator");

      await openArticle(otherPage, slug);
      const entry = orphansSection(otherPage).getByRole("article").filter({ hasText: note });
      await expect(entry).toContainText(ANNOTATOR.name);
      await expect(
        annotationsPanel(otherPage).getByRole("button", { name: "Annotate selection" }),
      ).toBeVisible();
      await expect(entry.getByRole("button", { name: /^Re-attach here/ })).toHaveCount(0);
      await expect(entry.getByRole("button", { name: "Edit" })).toHaveCount(0);
    } finally {
      await other.close();
    }

    const moderator = await browser.newContext();
    try {
      const moderatorPage = await moderator.newPage();
      await signIn(moderatorPage, MODERATOR);
      await openArticle(moderatorPage, slug);
      const entry = orphansSection(moderatorPage).getByRole("article").filter({ hasText: note });
      await expect(entry.getByRole("button", { name: /^Re-attach here/ })).toBeVisible();
    } finally {
      await moderator.close();
    }
  });
});
