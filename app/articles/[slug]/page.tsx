import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";

import type { AnnotationViewer } from "@/components/annotations/annotation-display";
import { parseViewState } from "@/components/annotations/annotation-filters";
import { buildSignInPath } from "@/components/auth/paths";
import { ReadingView, type ReadingViewAnnotations } from "@/components/reader/reading-view";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { countAnnotationsBySection } from "@/lib/annotations/count-annotations-by-section";
import { listAnnotationsForArticle } from "@/lib/annotations/list-annotations-for-article";
import { decodeSlug } from "@/lib/articles/decode-slug";
import {
  findArticleForReading,
  type ArticleForReading,
} from "@/lib/articles/find-article-for-reading";
import { articleSlugSchema } from "@/lib/articles/schemas";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";
import { listGroupsForUser } from "@/lib/groups/list-groups-for-user";

/** Route props: Next 16 passes `params` and `searchParams` as promises. */
interface ArticlePageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
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

/** What the reading view needs to know about the person reading. */
async function loadViewer(user: CurrentUser | null): Promise<AnnotationViewer | null> {
  if (!user) {
    return null;
  }
  const groups = await listGroupsForUser(user);
  return {
    id: user.id,
    name: user.name,
    canAnnotate: can(user, "annotation.create"),
    canModerate: can(user, "content.hide"),
    groups: groups.map(({ id, name }) => ({ id, name })),
  };
}

/**
 * The annotations of the article's current revision that the reader may see (visibility is
 * decided in `lib/annotations`, with the same actor), their counts per section, and the reader.
 */
async function loadAnnotations(
  article: ArticleForReading,
  searchParams: Record<string, string | string[] | undefined>,
): Promise<ReadingViewAnnotations> {
  const user = await getCurrentUser();
  const input = { articleId: article.id, revisionId: article.revision.id };
  const [list, counts, viewer] = await Promise.all([
    listAnnotationsForArticle(user, input),
    countAnnotationsBySection(user, input),
    loadViewer(user),
  ]);
  return {
    items: list.annotations,
    counts: { bySection: counts.bySection, inLead: counts.inLead },
    view: parseViewState(searchParams),
    viewer,
    signInHref: buildSignInPath(`/articles/${encodeURIComponent(article.slug)}`),
  };
}

/**
 * The reading view at /articles/<slug>: the current revision with the annotations the reader may
 * see, server-rendered (the query string picks the annotation layer and filters). An unknown slug
 * is a real 404; an unreachable database gets the "database unavailable" page instead of an error.
 */
export default async function ArticlePage({ params, searchParams }: ArticlePageProps) {
  await connection();
  const slug = decodeSlug((await params).slug);
  let article: ArticleForReading | null;
  let annotations: ReadingViewAnnotations;
  try {
    article = await loadArticle(slug);
    if (!article) {
      notFound();
    }
    annotations = await loadAnnotations(article, await searchParams);
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={`/articles/${encodeURIComponent(slug)}`} />;
    }
    throw error;
  }
  return <ReadingView article={article} annotations={annotations} />;
}
