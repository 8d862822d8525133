import { connection } from "next/server";

import { ArticleIndex } from "@/components/reader/article-index";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { listArticles, type ArticleSummary } from "@/lib/articles/list-articles";
import { isDatabaseUnavailableError } from "@/lib/db";

/**
 * The home page: every readable article, alphabetically. Rendered per request (the list changes
 * whenever an article is imported); an unreachable database gets the "database unavailable" page.
 */
export default async function HomePage() {
  await connection();
  let articles: ArticleSummary[];
  try {
    articles = await listArticles();
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref="/" />;
    }
    throw error;
  }
  return (
    <>
      <h1 className="page-title">Articles</h1>
      <p className="lede">
        Articles to read closely, with their sections, infobox and sources laid out for critique.
      </p>
      <ArticleIndex articles={articles} />
    </>
  );
}
