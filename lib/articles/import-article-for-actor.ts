import "server-only";

import { authorize, type Actor } from "@/lib/auth/policy";

import { importArticle, type ImportArticleResult } from "./import-article";
import type { ImportArticleOptions } from "./schemas";

/**
 * Imports an article file on behalf of a signed-in administrator (the web and API path; the CLI is
 * the operator's own and needs no account). The revision records the administrator as its author.
 */
export async function importArticleForActor(
  actor: Actor | null,
  bytes: Uint8Array,
  options: Omit<ImportArticleOptions, "authorId"> = {},
): Promise<ImportArticleResult> {
  const admin = authorize(actor, "article.import");
  return importArticle(bytes, { ...options, authorId: admin.id });
}
