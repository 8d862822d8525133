import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Locators and steps of the reading view shared by the end-to-end specs: the article text, the
 * annotations panel and its entries, highlights and the live region.
 */

/** A note text no other test (or run) writes. */
export function uniqueNote(label: string): string {
  return `${label} note ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The article text (the read-only editor once it has taken over). */
export function articleText(page: Page): Locator {
  return page.getByRole("document", { name: "Article text" });
}

/** Opens an article page and waits for the read-only editor, which draws the highlights. */
export async function openArticlePage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.locator('[data-reader="editor"]')).toBeVisible();
}

/** The annotations panel. */
export function annotationsPanel(page: Page): Locator {
  return page.getByRole("region", { name: "Annotations", exact: true });
}

/** The sidebar entry whose text contains `text`. */
export function entryWith(page: Page, text: string): Locator {
  return annotationsPanel(page).getByRole("article").filter({ hasText: text });
}

/** The polite live region of the reading view. */
export function liveRegion(page: Page): Locator {
  return page.locator('[role="status"][aria-live="polite"]');
}

/** The highlight `<mark>` elements of an annotation. */
export function highlightsOf(page: Page, id: string): Locator {
  return articleText(page).locator(`mark[data-annotation-id="${id}"]`);
}

/** The annotation id of a sidebar entry (its element id is `annotation-<id>`). */
export async function annotationIdOf(entry: Locator): Promise<string> {
  const elementId = await entry.getAttribute("id");
  expect(elementId).toMatch(/^annotation-[0-9a-f-]{36}$/);
  return (elementId ?? "").slice("annotation-".length);
}
