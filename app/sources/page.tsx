import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import formStyles from "@/components/auth/forms.module.css";
import { readSearchParam } from "@/components/auth/paths";
import { ReliabilitySummaryView } from "@/components/sources/reliability-summary-view";
import { CATEGORY_LABELS, PROXIMITY_LABELS } from "@/components/sources/source-labels";
import styles from "@/components/sources/sources.module.css";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";
import type { SourceCategory } from "@/lib/generated/prisma/enums";
import { listSources, type SourceListItem } from "@/lib/sources/list-sources";

/** Title of the library (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Sources" };

/** Route props: Next 16 passes `searchParams` as a promise. */
interface SourcesPageProps {
  searchParams: Promise<{ q?: string | string[]; category?: string | string[] }>;
}

/** The category filter's choices. */
const CATEGORY_FILTERS: { value: string; label: string }[] = [
  { value: "", label: "All categories" },
  ...(Object.keys(CATEGORY_LABELS) as SourceCategory[]).map((value) => ({
    value,
    label: CATEGORY_LABELS[value],
  })),
];

/**
 * The source library, readable by everyone: search and category filter (a GET form, so results
 * can be linked), each source's citation, category, proximity, reliability summary with its
 * histogram and a duplicate warning; export links; add and import for annotators.
 */
export default async function SourcesPage({ searchParams }: SourcesPageProps) {
  await connection();
  const params = await searchParams;
  const query = readSearchParam(params.q)?.slice(0, 200) ?? "";
  const category = readSearchParam(params.category) ?? "";
  let sources: SourceListItem[];
  let canCreate = false;
  try {
    const user = await getCurrentUser();
    canCreate = can(user, "source.create");
    sources = await listSources({
      query: query || undefined,
      category: category in CATEGORY_LABELS ? (category as SourceCategory) : undefined,
    });
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref="/sources" />;
    }
    throw error;
  }

  return (
    <>
      <h1 className="page-title">Sources</h1>
      <p className="lede">
        The works the article and its disputes rely on, with their critique: who wrote them, how
        close they were to the events, and how reliable scholars judge them.
      </p>
      <p className={styles.links}>
        {canCreate ? (
          <>
            <Link href="/sources/new">Add a source</Link>
            <Link href="/sources/import">Import BibTeX, RIS or CSL-JSON</Link>
          </>
        ) : null}
        <a href="/api/sources?format=bibtex" download>
          Export BibTeX
        </a>
        <a href="/api/sources?format=ris" download>
          Export RIS
        </a>
        <a href="/api/sources?format=csl-json" download>
          Export CSL-JSON
        </a>
      </p>
      <search>
        <form method="get" action="/sources" className={styles.toolbar}>
          <div className={`${formStyles.field} ${styles.searchField}`}>
            <label className={formStyles.label} htmlFor="sources-query">
              Search
            </label>
            <input
              id="sources-query"
              name="q"
              type="search"
              defaultValue={query}
              maxLength={200}
              className={formStyles.input}
            />
          </div>
          <div className={formStyles.field}>
            <label className={formStyles.label} htmlFor="sources-category">
              Category
            </label>
            <select
              id="sources-category"
              name="category"
              defaultValue={category}
              className={formStyles.select}
            >
              {CATEGORY_FILTERS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={`${formStyles.button} ${formStyles.secondary}`}>
            Search
          </button>
        </form>
      </search>
      <h2 className="visually-hidden">Results</h2>
      {sources.length === 0 ? (
        <p className={formStyles.empty}>No sources match.</p>
      ) : (
        <ul className={styles.list}>
          {sources.map((source) => (
            <li key={source.id} className={styles.item}>
              <p className={styles.citation}>
                <Link href={`/sources/${source.id}`}>{source.citation}</Link>
              </p>
              <p className={styles.meta}>
                <span className={formStyles.badge}>
                  {source.category ? CATEGORY_LABELS[source.category] : "Uncategorised"}
                </span>
                <span>{PROXIMITY_LABELS[source.proximity]}</span>
                {source.authorPosition ? <span>{source.authorPosition}</span> : null}
                <ReliabilitySummaryView summary={source.reliability} />
                <code>{source.key}</code>
              </p>
              {source.duplicateOf ? (
                <p className={styles.warning}>
                  Possible duplicate of{" "}
                  <Link href={`/sources/${source.duplicateOf.id}`}>{source.duplicateOf.key}</Link>.
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
