/**
 * Builders of test input, reused by integration and end-to-end tests.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { projectRoot } from "./test-database";

/** The shipped seed article's path. */
export const SEED_ARTICLE_PATH = path.join(
  projectRoot,
  "seed",
  "articles",
  "afghan-civil-war-1989-1992.txt",
);

/** The shipped seed article's text. */
export function readSeedArticle(): string {
  return readFileSync(SEED_ARTICLE_PATH, "utf8");
}

/**
 * A small article in the seed format, with a unique title unless one is given, so that tests can
 * run side by side in one database.
 */
export function buildArticleText(overrides: { title?: string; body?: string } = {}): string {
  const title = overrides.title ?? `Test article ${Math.random().toString(36).slice(2, 10)}`;
  const body =
    overrides.body ??
    [
      "Infobox",
      "- Conflict: A test conflict",
      "- Date: 1989 – 1992",
      "",
      "The lead paragraph, with Pashto: له ۱۹۸۹ څخه.",
      "",
      "== Background ==",
      "A paragraph with <hr> and <script>alert(1)</script> kept as text.",
      "",
      "== Bibliography ==",
      '- Coll, Steve.. "Ghost Wars" (2004)',
    ].join("\n");
  return `= ${title} =\n\n${body}\n`;
}

/** UTF-8 bytes of a string, as a file would hold them. */
export function toBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
