/**
 * Exporting an annotated edition end to end: the reader opens the export dialog on the seeded
 * article, picks the HTML edition and downloads it. The file must be self-contained (inline CSS,
 * no scripts, nothing loaded from elsewhere) and give the seeded Jamal Agha claim, with its status,
 * in the apparatus. Also: the dialog passes axe-core, and the endpoint refuses bad options with a
 * clear JSON message.
 */
import { readFile } from "node:fs/promises";

import { expect, test } from "@playwright/test";

import { expectNoSeriousAxeViolations } from "./support/helpers";

const SLUG = "afghan-civil-war-1989-1992";
const ARTICLE_PATH = `/articles/${SLUG}`;

/** Words the edition prints for claim statuses (lib/export/formats/labels.ts). */
const STATUS_WORDS = /Status: (Open|Under review|Accepted|Rejected|Contested)/;

test("downloads the self-contained HTML edition with the Jamal Agha claim and its status", async ({
  page,
}) => {
  await page.goto(ARTICLE_PATH);
  await page.getByRole("button", { name: "Export edition" }).click();
  const dialog = page.getByRole("dialog", { name: "Export an annotated edition" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Format").selectOption("html");
  await expectNoSeriousAxeViolations(page);

  const downloadPromise = page.waitForEvent("download");
  await dialog.getByRole("link", { name: "Download" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${SLUG}-r\\d+\\.html$`));
  const file = await download.path();
  const html = await readFile(file, "utf8");

  // Self-contained: its own styles, with print rules, and no scripts or outside resources.
  expect(html).toContain("<style>");
  expect(html).toContain("@media print");
  expect(html).not.toMatch(/<script\b/i);
  expect(html).not.toMatch(/<link\b|<img\b|<iframe\b|\bsrc=/i);

  // The Jamal Agha claim is in the apparatus with its status.
  await page.setContent(html);
  const apparatus = page.getByRole("region", { name: "Apparatus" });
  const note = apparatus.getByRole("listitem").filter({ hasText: "Jamal Agha" }).filter({
    hasText: "Claim · Disputed",
  });
  await expect(note.first()).toBeVisible();
  await expect(note.first()).toContainText(STATUS_WORDS);
  // Its marker in the text links to it.
  const noteId = await note.first().getAttribute("id");
  expect(noteId).toMatch(/^note-\d+$/);
  await expect(page.locator(`sup.marker a[href="#${noteId}"]`)).toHaveCount(1);
});

test("the dialog filters by annotator, picked by name, without anyone's e-mail", async ({
  page,
}) => {
  await page.goto(ARTICLE_PATH);
  await page.getByRole("button", { name: "Export edition" }).click();
  const dialog = page.getByRole("dialog", { name: "Export an annotated edition" });
  await dialog.getByLabel("Format").selectOption("md");
  const annotators = dialog.getByRole("group", { name: /^Annotators/ });
  await annotators.getByRole("checkbox", { name: /^Mona Moderator \(\d+\)$/ }).check();
  // Without threads, so that only what she annotated (not others' replies) is in the edition.
  await dialog.getByRole("checkbox", { name: "Include dispute threads" }).uncheck();
  const download = dialog.getByRole("link", { name: "Download" });
  await expect(download).toHaveAttribute("href", /[?&]author=[0-9a-f-]{36}(&|$)/);
  const href = (await download.getAttribute("href")) ?? "";
  expect(href).not.toContain("%40");

  const response = await page.request.get(href);
  expect(response.status()).toBe(200);
  const markdown = await response.text();
  expect(markdown).toContain("Mona Moderator");
  expect(markdown).not.toContain("Anwar Annotator");
});

test("the export endpoint refuses an unknown format with a clear message", async ({ request }) => {
  const response = await request.get(`/api/articles/${SLUG}/export?format=docx`);
  expect(response.status()).toBe(400);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("INVALID_INPUT");
  expect(body.error.message).toMatch(/format: choose one of html, pdf, md, tei/);
});

test("the export endpoint answers 404 for a revision the article does not have", async ({
  request,
}) => {
  const response = await request.get(`/api/articles/${SLUG}/export?format=md&revision=999`);
  expect(response.status()).toBe(404);
  const body = (await response.json()) as { error: { message: string } };
  expect(body.error.message).toMatch(/has no revision 999/);
});
