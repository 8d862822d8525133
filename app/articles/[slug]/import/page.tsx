import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";

import { AccessDenied } from "@/components/auth/access-denied";
import styles from "@/components/auth/forms.module.css";
import { buildSignInPath } from "@/components/auth/paths";
import { ImportAnnotationsForm } from "@/components/export/import-annotations-form";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { MAX_IMPORT_BYTES } from "@/lib/annotations/import-schemas";
import { decodeSlug } from "@/lib/articles/decode-slug";
import {
  findArticleForReading,
  type ArticleForReading,
} from "@/lib/articles/find-article-for-reading";
import { articleSlugSchema } from "@/lib/articles/schemas";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";

/** Route props: Next 16 passes `params` as a promise. */
interface ImportPageProps {
  params: Promise<{ slug: string }>;
}

/** Title of the page (the layout's template adds the site name). */
export const metadata: Metadata = { title: "Import annotations" };

/**
 * `/articles/<slug>/import`: import W3C Web Annotations (an Apparatus or Hypothesis export) onto
 * the article. Annotators and above; anonymous visitors are sent to sign in first.
 */
export default async function ImportAnnotationsPage({ params }: ImportPageProps) {
  await connection();
  const slug = decodeSlug((await params).slug);
  const path = `/articles/${encodeURIComponent(slug)}/import`;
  let article: ArticleForReading | null = null;
  let isAllowed = false;
  try {
    const user = await getCurrentUser();
    if (!user) {
      redirect(buildSignInPath(path));
    }
    isAllowed = can(user, "annotation.create");
    if (isAllowed && articleSlugSchema.safeParse(slug).success) {
      article = await findArticleForReading(slug);
    }
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={path} />;
    }
    throw error;
  }
  if (!isAllowed) {
    return (
      <AccessDenied title="Import annotations">
        <p>Importing annotations needs the annotator role or above.</p>
      </AccessDenied>
    );
  }
  if (!article) {
    notFound();
  }

  return (
    <>
      <h1 className="page-title">Import annotations</h1>
      <p className="lede">
        Onto <Link href={`/articles/${encodeURIComponent(article.slug)}`}>{article.title}</Link>,
        revision {article.revision.number}.
      </p>
      <section className={styles.panel} aria-labelledby="import-file-title">
        <h2 id="import-file-title" className={styles.panelTitle}>
          File
        </h2>
        <p className={styles.panelIntro}>
          Each annotation is placed on the current text by its quote and position. Those whose
          passage is not found are imported as orphans and listed; annotations imported before are
          not imported again. You see the report before anything is written; the annotations will be
          yours, and their original author and date are kept in the history.
        </p>
        <ImportAnnotationsForm slug={article.slug} maxBytes={MAX_IMPORT_BYTES} />
      </section>
    </>
  );
}
