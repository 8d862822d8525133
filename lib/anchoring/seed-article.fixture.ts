/**
 * The seed article's plain text, projected exactly as the app projects it, for the anchoring
 * tests, baselines and benchmark. Reading it through the real parser, document builder and
 * projection means these tests see the offsets that stored annotations really use.
 */

import { readFileSync } from "node:fs";

import { getSchema } from "@tiptap/core";

import { projectDocText } from "@/lib/anchoring/text-projection";
import { buildArticleDoc } from "@/lib/articles/build-article-doc";
import { parseArticle } from "@/lib/articles/parse-article";
import { articleExtensions } from "@/lib/editor/article-extensions";

/** The seed article file, relative to this file. */
const SEED_ARTICLE_URL = new URL(
  "../../seed/articles/afghan-civil-war-1989-1992.txt",
  import.meta.url,
);

/** Repository-relative path of the seed article, for messages and saved baselines. */
export const SEED_ARTICLE_PATH = "seed/articles/afghan-civil-war-1989-1992.txt";

/**
 * Load the seed article and return its plain text (textblocks joined by "\n").
 *
 * @returns `projectDocText(doc).text` of the seed article's document.
 */
export function loadSeedArticleText(): string {
  const source = readFileSync(SEED_ARTICLE_URL, "utf8");
  return projectDocText(
    getSchema(articleExtensions).nodeFromJSON(buildArticleDoc(parseArticle(source))),
  ).text;
}
