import { apiRoute } from "@/lib/api/api-route";
import { readBodyWithLimit } from "@/lib/api/read-body";
import { MAX_ARTICLE_FILE_BYTES } from "@/lib/articles/decode-article-file";
import { importArticleForActor } from "@/lib/articles/import-article-for-actor";
import { listArticles } from "@/lib/articles/list-articles";
import { articleSlugSchema } from "@/lib/articles/schemas";
import { authorize } from "@/lib/auth/policy";

/** GET /api/articles: the readable articles. */
export const GET = apiRoute(async () => ({ articles: await listArticles() }));

/**
 * POST /api/articles: import an article file (administrators). The body is the file itself
 * (`text/plain`); `?slug=` imports into a given article. 201 for a new article or revision, 200
 * when the text is unchanged.
 */
export const POST = apiRoute(async ({ request, actor }) => {
  // Refuse before reading an upload from someone who may not import.
  authorize(actor, "article.import");
  const slugParam = new URL(request.url).searchParams.get("slug");
  const slug = slugParam === null ? undefined : articleSlugSchema.parse(slugParam);
  const bytes = await readBodyWithLimit(request, MAX_ARTICLE_FILE_BYTES, "file");
  const result = await importArticleForActor(actor, bytes, { slug, sourceName: "upload" });
  return Response.json(result, { status: result.status === "unchanged" ? 200 : 201 });
});
