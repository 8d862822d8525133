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

/**
 * Selects text of `container` with the mouse: presses on the first character of `startText`,
 * drags and releases on the last character of `endText` (the first occurrence after it), in the
 * text's own layout, across marks, paragraphs and headings.
 */
export async function selectWithMouse(
  page: Page,
  container: Locator,
  startText: string,
  endText: string,
): Promise<void> {
  const startOwner = container.getByText(startText, { exact: false }).first();
  await startOwner.scrollIntoViewIfNeeded();
  const points = await container.evaluate(
    (element, [from, to]) => {
      const nodes: Text[] = [];
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node as Text);
      }
      const full = nodes.map((node) => node.data).join("");
      const start = full.indexOf(from);
      const end = full.indexOf(to, start) + to.length;
      if (start < 0 || end < to.length) {
        throw new Error(`text not found: ${from} … ${to}`);
      }
      const rectOfCharacter = (offset: number) => {
        let rest = offset;
        for (const node of nodes) {
          if (rest < node.data.length) {
            const range = document.createRange();
            range.setStart(node, rest);
            range.setEnd(node, rest + 1);
            const rect = range.getClientRects()[0] ?? range.getBoundingClientRect();
            return { left: rect.left, right: rect.right, middle: rect.top + rect.height / 2 };
          }
          rest -= node.data.length;
        }
        throw new Error(`offset ${offset} is past the text`);
      };
      const first = rectOfCharacter(start);
      const last = rectOfCharacter(end - 1);
      return {
        start: { x: first.left + 1, y: first.middle },
        end: { x: last.right - 1, y: last.middle },
      };
    },
    [startText, endText] as const,
  );
  await page.mouse.move(points.start.x, points.start.y);
  await page.mouse.down();
  await page.mouse.move((points.start.x + points.end.x) / 2, (points.start.y + points.end.y) / 2, {
    steps: 6,
  });
  await page.mouse.move(points.end.x, points.end.y, { steps: 6 });
  await page.mouse.up();
}
