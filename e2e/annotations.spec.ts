/**
 * Annotating the seeded article end to end, as the demo accounts (seed/demo-accounts.ts): selecting
 * passages with the mouse (one sentence, across paragraphs, a Pashto word) and with the keyboard
 * alone, creating comments and claim flags, highlights drawn as decorations in the text, the
 * sidebar (document order, filters, layers, permalinks, edit with a conflict, delete), what readers
 * and anonymous visitors get, the narrow-screen panel, the list without JavaScript, and axe-core
 * checks with annotations and with the composer open.
 *
 * The test server also seeds the demo annotations; every test writes notes with its own unique
 * text and finds its annotations by that text, so tests do not depend on one another.
 */
import { expect, test, type Page } from "@playwright/test";

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

const ARTICLE_PATH = "/articles/afghan-civil-war-1989-1992";

/** The demo accounts used here, as the seed creates them. */
const ANNOTATOR = { email: "annotator@apparatus.test", name: "Anwar Annotator" };
const MODERATOR = { email: "moderator@apparatus.test", name: "Mona Moderator" };
const READER = { email: "reader@apparatus.test", name: "Rita Reader" };

/** A sentence of the Jamal Agha paragraph that no demo annotation covers. */
const BADAKHSHAN_SENTENCE =
  "In 1988, for instance, Massoud's forces attacked Hekmatyar loyalists in Badakhshan Province.";

/** Opens the article and waits for the read-only editor, which draws the highlights. */
async function openArticle(page: Page, path = ARTICLE_PATH): Promise<void> {
  await openArticlePage(page, path);
}

/** The fields of a new annotation the composer is filled with. */
interface ComposerInput {
  type: "Comment" | "Question" | "Highlight" | "Claim flag";
  flag?: string;
  note?: string;
  tags?: string;
  visibleTo?: string;
}

/** Fills the open "New annotation" form and saves it; returns the new entry's annotation id. */
async function fillComposerAndSave(page: Page, input: ComposerInput): Promise<string> {
  const form = page.getByRole("form", { name: "New annotation" });
  await expect(form).toBeVisible();
  await form.getByRole("radio", { name: input.type }).check();
  if (input.flag) {
    await form.getByLabel("Flag", { exact: true }).selectOption({ label: input.flag });
  }
  if (input.note) {
    await form.getByRole("textbox", { name: "Note" }).fill(input.note);
  }
  if (input.tags) {
    await form.getByLabel("Tags").fill(input.tags);
  }
  if (input.visibleTo) {
    await form.getByLabel("Visible to").selectOption({ label: input.visibleTo });
  }
  await form.getByRole("button", { name: "Save annotation" }).click();
  await expect(form).toHaveCount(0);
  await expect(liveRegion(page)).toContainText("Annotation created");
  const entry = entryWith(page, input.note ?? "");
  await expect(entry).toBeVisible();
  return annotationIdOf(entry);
}

/** Selects `startText` … `endText` in the text with the mouse and annotates it. */
async function annotateWithMouse(
  page: Page,
  startText: string,
  endText: string,
  input: ComposerInput,
): Promise<string> {
  await selectWithMouse(page, articleText(page), startText, endText);
  await page.getByRole("button", { name: "Annotate", exact: true }).click();
  return fillComposerAndSave(page, input);
}

test.describe("annotating with the mouse", () => {
  test("an annotator flags a sentence as disputed; highlight and entry survive a reload", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const paragraph = articleText(page).getByRole("paragraph").filter({ hasText: "Jamal Agha" });
    await selectWithMouse(page, paragraph.first(), "In 1988, for instance", "Badakhshan Province.");
    await expect
      .poll(() => page.evaluate(() => String(window.getSelection())))
      .toBe(BADAKHSHAN_SENTENCE);

    const adder = page.getByRole("button", { name: "Annotate", exact: true });
    await expect(adder).toHaveAttribute("aria-keyshortcuts", "Alt+Shift+A");
    await adder.click();
    const form = page.getByRole("form", { name: "New annotation" });
    await expect(form.getByRole("blockquote")).toContainText(BADAKHSHAN_SENTENCE);
    const note = uniqueNote("Disputed");
    const id = await fillComposerAndSave(page, {
      type: "Claim flag",
      flag: "Disputed",
      note,
    });

    const expectAnnotationShown = async () => {
      const entry = entryWith(page, note);
      await expect(entry.getByRole("heading", { name: "Disputed (claim)" })).toBeVisible();
      await expect(entry).toContainText("Open");
      await expect(entry).toContainText("Public");
      await expect(entry).toContainText(ANNOTATOR.name);
      const marks = highlightsOf(page, id);
      await expect(marks).toHaveCount(1);
      await expect(marks).toHaveText(BADAKHSHAN_SENTENCE);
      await expect(marks).toHaveClass(/annotation-highlight--flag-disputed/);
      await expect(marks).toHaveAttribute("aria-description", new RegExp(`Disputed.*${note}`));
    };
    await expectAnnotationShown();

    await page.reload();
    await expect(page.locator('[data-reader="editor"]')).toBeVisible();
    await expectAnnotationShown();
  });

  test("a passage across two paragraphs becomes one annotation in both", async ({ page }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const note = uniqueNote("Across");
    const id = await annotateWithMouse(
      page,
      "Roy Gutman of the United States",
      "Through this period",
      {
        type: "Question",
        note,
      },
    );
    const marks = highlightsOf(page, id);
    await expect(marks).toHaveCount(2);
    await expect(marks.first()).toContainText("Roy Gutman");
    await expect(marks.last()).toHaveText("Through this period");
    await expect(entryWith(page, note).getByRole("heading", { name: "Question" })).toBeVisible();
  });

  test("a note with bold text and a link is saved and shown with its link", async ({ page }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    await selectWithMouse(
      page,
      articleText(page),
      "The U.S. intelligence agencies expected",
      "three to six months.",
    );
    await page.getByRole("button", { name: "Annotate", exact: true }).click();
    const form = page.getByRole("form", { name: "New annotation" });
    await form.getByRole("radio", { name: "Comment" }).check();
    const note = uniqueNote("Linked");
    const editor = form.getByRole("textbox", { name: "Note" });
    await editor.fill(`${note} see the declassified estimates`);
    await editor.press("ControlOrMeta+a");
    await form.getByRole("button", { name: "Bold" }).click();
    page.once("dialog", (dialog) => void dialog.accept("https://www.cia.gov/readingroom/"));
    await form.getByRole("button", { name: "Link" }).click();
    await form.getByRole("button", { name: "Save annotation" }).click();
    await expect(form).toHaveCount(0);
    await expect(liveRegion(page)).toContainText("Annotation created");
    const entry = entryWith(page, note);
    await expect(entry.getByRole("link", { name: new RegExp(note) })).toHaveAttribute(
      "href",
      "https://www.cia.gov/readingroom/",
    );
    await expect(entry.locator("strong")).toContainText(note);
  });

  test("a Pashto word selected by double-click is annotated with tags", async ({ page }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const word = articleText(page).getByText("افغانستان", { exact: false }).first();
    await word.scrollIntoViewIfNeeded();
    const box = await articleText(page).evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node as Text;
        const index = text.data.indexOf("افغانستان");
        if (index >= 0) {
          const range = document.createRange();
          range.setStart(text, index + 3);
          range.setEnd(text, index + 4);
          const rect = range.getBoundingClientRect();
          return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }
      }
      throw new Error("Pashto word not found");
    });
    await page.mouse.dblclick(box.x, box.y);
    await expect
      .poll(() => page.evaluate(() => String(window.getSelection()).trim()))
      .toBe("افغانستان");
    await page.getByRole("button", { name: "Annotate", exact: true }).click();
    const note = uniqueNote("Pashto");
    const id = await fillComposerAndSave(page, {
      type: "Highlight",
      note,
      tags: "Pashto names, transliteration",
    });
    await expect(highlightsOf(page, id)).toHaveText("افغانستان");
    const entry = entryWith(page, note);
    await expect(entry.getByRole("list", { name: "Tags" })).toContainText("pashto names");
    await expect(entry.getByRole("list", { name: "Tags" })).toContainText("transliteration");
  });
});

test.describe("annotating with the keyboard", () => {
  test("the text is focused, a passage selected with Shift+arrows and annotated with Alt+Shift+A", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const text = articleText(page);
    await expect(text).toHaveAttribute("aria-keyshortcuts", "Alt+Shift+A");
    await expect(
      annotationsPanel(page).getByRole("button", { name: "Annotate selection" }),
    ).toHaveAttribute("aria-keyshortcuts", "Alt+Shift+A");

    await text.focus();
    await expect(text).toBeFocused();
    for (let word = 0; word < 3; word += 1) {
      await page.keyboard.press("Control+Shift+ArrowRight");
    }
    await expect
      .poll(() => page.evaluate(() => String(window.getSelection())))
      .toBe("The Afghan Civil");
    await expect(page.getByRole("button", { name: "Annotate", exact: true })).toBeVisible();

    await page.keyboard.press("Alt+Shift+A");
    const form = page.getByRole("form", { name: "New annotation" });
    await expect(form.getByRole("blockquote")).toContainText("The Afghan Civil");
    // Focus starts on the type; the arrow keys choose within it.
    await expect(form.getByRole("radio", { name: "Comment" })).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(form.getByRole("radio", { name: "Question" })).toBeChecked();
    // Tab: the formatting toolbar (one stop), then the note.
    await page.keyboard.press("Tab");
    await expect(
      form.getByRole("toolbar", { name: "Note formatting" }).getByRole("button").first(),
    ).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(form.getByRole("textbox", { name: "Note" })).toBeFocused();
    const note = uniqueNote("Keyboard");
    await page.keyboard.type(note);
    await page.keyboard.press("Control+Enter");

    await expect(liveRegion(page)).toContainText("Annotation created");
    const entry = entryWith(page, note);
    await expect(entry).toBeFocused();
    const id = await annotationIdOf(entry);
    await expect(highlightsOf(page, id)).toHaveText("The Afghan Civil");

    // Enter on the entry's passage puts the keyboard back on the passage in the text.
    await entry.getByRole("button", { name: /Show passage/ }).press("Enter");
    await expect(text).toBeFocused();
    await expect
      .poll(() => page.evaluate(() => String(window.getSelection())))
      .toBe("The Afghan Civil");
  });
});

test.describe("the sidebar", () => {
  test("a permalink opens the page, shows the passage and focuses the entry", async ({
    page,
    browser,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const note = uniqueNote("Permalink");
    const id = await annotateWithMouse(
      page,
      "Roy Gutman of the United States",
      "integrated vision",
      {
        type: "Comment",
        note,
      },
    );
    const link = entryWith(page, note).getByRole("link", { name: "Link to this annotation" });
    await expect(link).toHaveAttribute("href", `${ARTICLE_PATH}#annotation-${id}`);

    // Anyone may follow it: a visitor who is not signed in.
    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`${ARTICLE_PATH}#annotation-${id}`);
    const entry = visitorPage.locator(`#annotation-${id}`);
    await expect(entry).toBeFocused();
    await expect(entry).toContainText(note);
    await expect(entry).toBeInViewport();
    await expect(highlightsOf(visitorPage, id)).toBeInViewport();
    await expect(highlightsOf(visitorPage, id)).toHaveClass(/annotation-highlight--active/);
    await visitor.close();
  });

  test("clicking a highlight focuses its entry", async ({ page }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const note = uniqueNote("Click");
    const id = await annotateWithMouse(page, "Shura-e Nazar were able", "capture the assassins", {
      type: "Comment",
      note,
    });
    await page.getByRole("heading", { level: 1 }).click();
    await highlightsOf(page, id).click();
    await expect(entryWith(page, note)).toBeFocused();
  });

  test("filters narrow the list by type, flag, tag, author, section and placement", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const tag = `filter-${Date.now().toString(36)}`;
    const note = uniqueNote("Filtered");
    await annotateWithMouse(page, "Massoud consequently ordered", "hunt down the murderers", {
      type: "Question",
      note,
      tags: tag,
    });
    const panel = annotationsPanel(page);
    const entries = panel
      .getByRole("list", { name: "Annotations in document order" })
      .getByRole("article");
    await panel.getByText("Filters", { exact: true }).click();
    const filters = panel.getByRole("form", { name: "Layer and filters" });

    await filters.getByLabel("Tag").selectOption(tag);
    await expect(page).toHaveURL(new RegExp(`[?&]tag=${tag}`));
    await expect(entries).toHaveCount(1);
    await expect(entries.first()).toContainText(note);
    await expect(liveRegion(page)).toContainText("1 annotation shown");

    await filters.getByLabel("Type").selectOption({ label: "Claim flag" });
    await expect(entries).toHaveCount(0);
    await expect(panel).toContainText("No annotations match");
    await filters.getByRole("button", { name: "Clear filters" }).click();
    await expect(entryWith(page, note)).toBeVisible();

    await filters.getByLabel("Flag").selectOption({ label: "Disputed" });
    await expect(entries.first()).toBeVisible();
    await expect(
      entries.getByRole("heading").filter({ hasNotText: "Disputed (claim)" }),
    ).toHaveCount(0);
    await filters.getByRole("button", { name: "Clear filters" }).click();

    await filters.getByLabel("Author").selectOption({ label: "Mona Moderator" });
    await expect(entries.first()).toBeVisible();
    await expect(entryWith(page, note)).toHaveCount(0);
    await expect(entries.filter({ hasNotText: "Mona Moderator" })).toHaveCount(0);
    await filters.getByRole("button", { name: "Clear filters" }).click();

    await filters
      .getByLabel("Section")
      .selectOption({ label: "Attacks between mujahideen groups (1987–1989)" });
    await expect(entryWith(page, note)).toBeVisible();
    await filters.getByLabel("Placement").selectOption({ label: "Orphaned only" });
    await expect(entryWith(page, note)).toHaveCount(0);

    // The contents badge counts the section's annotations and says so in words.
    await filters.getByRole("button", { name: "Clear filters" }).click();
    const contents = page.getByRole("navigation", { name: "Contents" });
    await expect(
      contents.getByRole("link", {
        name: /^\d+ annotations? in Attacks between mujahideen groups/,
      }),
    ).toBeVisible();
  });

  test("a private annotation is in the author's own layer only", async ({ page, browser }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const note = uniqueNote("Private");
    const id = await annotateWithMouse(page, "The courts sentenced", "them to death.", {
      type: "Comment",
      note,
      visibleTo: "Only me (private)",
    });
    const entry = entryWith(page, note);
    await expect(entry).toContainText("Only me");
    const layer = annotationsPanel(page).getByLabel("Layer", { exact: true });
    await layer.selectOption({ label: "Public" });
    await expect(entry).toHaveCount(0);
    await expect(highlightsOf(page, id)).toHaveCount(0);
    await layer.selectOption({ label: "Only me (private)" });
    await expect(entry).toBeVisible();
    await expect(highlightsOf(page, id)).toHaveCount(1);

    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await openArticle(visitorPage);
    await expect(entryWith(visitorPage, note)).toHaveCount(0);
    await expect(highlightsOf(visitorPage, id)).toHaveCount(0);
    await visitor.close();
  });

  test("the author edits the note, a stale edit gets the conflict message and keeps the text, then deletes", async ({
    page,
    context,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const note = uniqueNote("Editable");
    const id = await annotateWithMouse(page, "Survivors describe the torture", "noses off", {
      type: "Comment",
      note,
    });

    // A second tab opens the same annotation for editing.
    const other = await context.newPage();
    await openArticle(other);
    await entryWith(other, note).getByRole("button", { name: "Edit" }).click();
    const staleForm = other.getByRole("form", { name: "Edit annotation" });
    const staleText = uniqueNote("Stale");
    await staleForm.getByRole("textbox", { name: "Note" }).fill(staleText);

    // Meanwhile the first tab saves an edit.
    const entry = entryWith(page, note);
    await entry.getByRole("button", { name: "Edit" }).click();
    const form = page.getByRole("form", { name: "Edit annotation" });
    const edited = uniqueNote("Edited");
    await form.getByRole("textbox", { name: "Note" }).fill(edited);
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect(form).toHaveCount(0);
    const editedEntry = page.locator(`#annotation-${id}`);
    await expect(editedEntry).toContainText(edited);
    await expect(editedEntry).toContainText("(edited)");

    // The stale save is refused with the server's message; the text typed there is kept.
    await staleForm.getByRole("button", { name: "Save changes" }).click();
    await expect(staleForm.getByRole("alert")).toContainText(
      "This annotation was changed by someone else",
    );
    await expect(staleForm.getByRole("textbox", { name: "Note" })).toHaveText(staleText);
    // Saving again applies it knowingly over the other edit.
    await staleForm.getByRole("button", { name: "Save changes" }).click();
    // The form sits inside the entry and holds the text too: wait until the save closed it.
    await expect(staleForm).toHaveCount(0);
    await expect(other.locator(`#annotation-${id}`)).toContainText(staleText);
    await other.close();

    await page.reload();
    const reloaded = page.locator(`#annotation-${id}`);
    await expect(reloaded).toContainText(staleText);
    page.once("dialog", (dialog) => void dialog.accept());
    await reloaded.getByRole("button", { name: "Delete" }).click();
    await expect(page.locator(`#annotation-${id}`)).toHaveCount(0);
    await expect(highlightsOf(page, id)).toHaveCount(0);
    await page.reload();
    await expect(page.locator('[data-reader="editor"]')).toBeVisible();
    await expect(page.locator(`#annotation-${id}`)).toHaveCount(0);
  });
});

test.describe("moderation", () => {
  test("a moderator hides an annotation; its author no longer sees it", async ({
    page,
    browser,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    const note = uniqueNote("Hideable");
    const id = await annotateWithMouse(page, "Massoud sent them to Peshawar", "before a court", {
      type: "Comment",
      note,
    });
    await expect(entryWith(page, note).getByRole("button", { name: "Hide" })).toHaveCount(0);

    const moderatorContext = await browser.newContext();
    const moderatorPage = await moderatorContext.newPage();
    await signIn(moderatorPage, MODERATOR);
    await openArticle(moderatorPage);
    const entry = entryWith(moderatorPage, note);
    await expect(entry.getByRole("button", { name: "Edit" })).toHaveCount(0);
    await entry.getByRole("button", { name: "Hide" }).click();
    await entry.getByLabel("Reason for hiding").fill("Off topic");
    await entry.getByRole("button", { name: "Hide annotation" }).click();
    await expect(entry).toContainText("Hidden by a moderator: Off topic");
    await expect(highlightsOf(moderatorPage, id)).toHaveClass(/annotation-highlight--hidden/);
    await moderatorContext.close();

    await page.reload();
    await expect(page.locator('[data-reader="editor"]')).toBeVisible();
    await expect(entryWith(page, note)).toHaveCount(0);
    await expect(highlightsOf(page, id)).toHaveCount(0);
  });
});

test.describe("who may annotate", () => {
  test("a reader sees highlights and the sidebar but has no annotate control", async ({ page }) => {
    await signIn(page, READER);
    await openArticle(page);
    const panel = annotationsPanel(page);
    await expect(panel.getByRole("article").first()).toBeVisible();
    await expect(articleText(page).locator("mark[data-annotation-id]").first()).toBeVisible();
    await expect(panel.getByRole("button", { name: "Annotate selection" })).toHaveCount(0);
    await expect(articleText(page)).not.toHaveAttribute("aria-keyshortcuts", /.*/);

    const paragraph = articleText(page).getByRole("paragraph").filter({ hasText: "Jamal Agha" });
    await selectWithMouse(page, paragraph.first(), "In 1988, for instance", "Badakhshan Province.");
    await expect(page.getByRole("button", { name: "Annotate", exact: true })).toHaveCount(0);
    await page.keyboard.press("Alt+Shift+A");
    await expect(page.getByRole("form", { name: "New annotation" })).toHaveCount(0);
    await expect(panel.getByRole("button", { name: "Edit" })).toHaveCount(0);
  });

  test("an anonymous visitor is offered to sign in", async ({ page }) => {
    await openArticle(page);
    const link = annotationsPanel(page).getByRole("link", { name: "Sign in to annotate" });
    await expect(link).toHaveAttribute(
      "href",
      `/sign-in?callbackUrl=${encodeURIComponent(ARTICLE_PATH)}`,
    );
    await expect(
      annotationsPanel(page).getByRole("button", { name: "Annotate selection" }),
    ).toHaveCount(0);
  });
});

test.describe("accessibility and layout", () => {
  test("axe finds no serious violations with annotations and with the composer open", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);
    await expect(articleText(page).locator("mark[data-annotation-id]").first()).toBeVisible();
    await expectNoSeriousAxeViolations(page);

    await articleText(page).focus();
    await page.keyboard.press("Shift+End");
    // The selection reaches the adder through an asynchronous selectionchange event: wait for it,
    // as a user would, before the shortcut.
    await expect(page.getByRole("button", { name: "Annotate", exact: true })).toBeVisible();
    await page.keyboard.press("Alt+Shift+A");
    await expect(page.getByRole("form", { name: "New annotation" })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  test("the legend is always shown and colouring by tag changes the highlights", async ({
    page,
  }) => {
    await openArticle(page);
    const legend = page.getByRole("region", { name: "Legend" });
    await expect(legend).toBeVisible();
    await expect(legend).toContainText("Disputed");
    await expect(legend).toContainText("Citation needed");
    const mark = articleText(page).locator("mark.annotation-highlight--flag-disputed").first();
    await expect(mark).toHaveClass(/--tone-disputed/);
    await legend.getByRole("radio", { name: "Tag" }).check();
    await expect(mark).toHaveClass(/--tone-(tag-\d|other-tags|untagged)/);
    await expect(legend).toContainText("No tags");
    await expect(page).toHaveURL(/colour=tag/);
  });

  test("on a narrow screen the annotations open as a panel over the text", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openArticle(page);
    const panel = annotationsPanel(page);
    await expect(panel).toBeHidden();
    const toggle = page.getByRole("button", { name: /^Annotations \(\d+\)$/ });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(panel).toBeVisible();
    await expect(panel.getByRole("heading", { name: "Annotations", exact: true })).toBeInViewport();
    await expect(panel.getByRole("region", { name: "Legend" })).toBeVisible();
    await panel.getByRole("button", { name: "Close annotations" }).click();
    await expect(panel).toBeHidden();

    // Clicking a highlight opens the panel on its entry.
    const mark = articleText(page).locator("mark[data-annotation-id]").first();
    const id = await mark.getAttribute("data-annotation-id");
    await mark.scrollIntoViewIfNeeded();
    await mark.click();
    await expect(page.locator(`#annotation-${id}`)).toBeFocused();
    await expect(page.locator(`#annotation-${id}`)).toBeInViewport();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the server-rendered sidebar lists annotations and filters by query string", async ({
    page,
  }) => {
    await page.goto(ARTICLE_PATH);
    const panel = annotationsPanel(page);
    await expect(panel.getByRole("article").first()).toBeVisible();
    await expect(panel.getByRole("region", { name: "Legend" })).toBeVisible();
    await panel.getByText("Filters", { exact: true }).click();
    await panel.getByLabel("Flag").selectOption({ label: "Disputed" });
    await panel.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/flag=DISPUTED/);
    // The URL changes when the navigation commits, before the new document
    // is parsed: wait for what the reader sees rather than reading at once.
    await page.waitForLoadState("load");
    const headings = annotationsPanel(page)
      .getByRole("list", { name: "Annotations in document order" })
      .getByRole("heading");
    await expect(headings.first()).toHaveText("Disputed (claim)");
    await expect(headings.filter({ hasNotText: "Disputed (claim)" })).toHaveCount(0);
  });
});
