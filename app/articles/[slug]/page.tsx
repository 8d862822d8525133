import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";

import { ReadingView } from "@/components/reader/reading-view";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import {
  findArticleForReading,
  type ArticleForReading,
} from "@/lib/articles/find-article-for-reading";
import { articleSlugSchema } from "@/lib/articles/schemas";
import { isDatabaseUnavailableError } from "@/lib/db";

/** Route props: Next 16 passes `params` as a promise. */
interface ArticlePageProps {
  params: Promise<{ slug: string }>;
}

/**
 * The slug as stored. Next may hand over a non-ASCII slug still percent-encoded; a real slug never
 * contains `%`, so decoding one that does is safe.
 */
function decodeSlug(slug: string): string {
  if (!slug.includes("%")) {
    return slug;
  }
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/**
 * The article for this request, or null for a slug that cannot exist or does not. Wrapped in
 * React's per-request `cache` so that the metadata and the page share one query (and one outcome:
 * if the database is down, both see it). Nothing outlives the request.
 */
const loadArticle = cache(async (slug: string): Promise<ArticleForReading | null> => {
  if (!articleSlugSchema.safeParse(slug).success) {
    return null;
  }
  return findArticleForReading(slug);
});

/** The page title: "<Article title> · Apparatus" (the layout's template adds the site name). */
export async function generateMetadata({ params }: ArticlePageProps): Promise<Metadata> {
  await connection();
  const { slug } = await params;
  try {
    const article = await loadArticle(decodeSlug(slug));
    return { title: article ? article.title : "Article not found" };
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return { title: "Database unavailable" };
    }
    throw error;
  }
}

/**
 * The reading view at /articles/<slug>: the current revision, server-rendered. An unknown slug is a
 * real 404; an unreachable database gets the "database unavailable" page instead of an error.
 */
export default async function ArticlePage({ params }: ArticlePageProps) {
  await connection();
  const slug = decodeSlug((await params).slug);
  let article: ArticleForReading | null;
  try {
    article = await loadArticle(slug);
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={`/articles/${encodeURIComponent(slug)}`} />;
    }
    throw error;
  }
  if (!article) {
    notFound();
  }
  return <ReadingView article={article} />;
}
