import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";

import formStyles from "@/components/auth/forms.module.css";
import { readSearchParam } from "@/components/auth/paths";
import { SingleActionForm } from "@/components/auth/single-action-form";
import { AssessmentForm } from "@/components/sources/assessment-form";
import { MergeForm } from "@/components/sources/merge-form";
import { ReliabilitySummaryView } from "@/components/sources/reliability-summary-view";
import { CATEGORY_LABELS, PROXIMITY_LABELS } from "@/components/sources/source-labels";
import styles from "@/components/sources/sources.module.css";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { FormattedDate } from "@/components/ui/formatted-date";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { deleteSourceAction, withdrawAssessmentAction } from "@/lib/sources/actions";
import { formatName } from "@/lib/sources/derive-source-columns";
import {
  findDuplicateSources,
  type DuplicateCandidate,
} from "@/lib/sources/find-duplicate-sources";
import { findSource, type SourceDetail } from "@/lib/sources/find-source";
import { canChangeSource } from "@/lib/sources/find-source-for-change";
import { RELIABILITY_LABELS } from "@/lib/sources/reliability-summary";

/** Route props: Next 16 passes `params` as a promise. */
interface SourcePageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ merged?: string | string[] }>;
}

/** The source for this request, or null when there is none (or the id is malformed). */
const loadSource = cache(async (id: string): Promise<SourceDetail | null> => {
  try {
    return await findSource(id);
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "INVALID_INPUT")) {
      return null;
    }
    throw error;
  }
});

/** The page title: the source's title. */
export async function generateMetadata({ params }: SourcePageProps): Promise<Metadata> {
  await connection();
  try {
    const source = await loadSource((await params).id);
    return { title: source?.title ?? "Source" };
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return { title: "Source" };
    }
    throw error;
  }
}

/** Words for the reasons of a duplicate match. */
const REASON_LABELS = {
  doi: "same DOI",
  isbn: "same ISBN",
  "title-author": "same title and author",
};

/** The citation fields shown, in order: CSL variable and label. */
const FIELD_LABELS: [string, string][] = [
  ["publisher", "Publisher"],
  ["publisher-place", "Place"],
  ["container-title", "In"],
  ["volume", "Volume"],
  ["issue", "Issue"],
  ["page", "Pages"],
  ["edition", "Edition"],
  ["DOI", "DOI"],
  ["ISBN", "ISBN"],
  ["URL", "URL"],
  ["language", "Language"],
  ["note", "Note"],
];

/**
 * A source's page, readable by everyone: every citation field, the critique, every assessment
 * (current and superseded) with author, date and rationale, the summary, the user's own
 * assessment form, the claims citing it, the moderator's merge form with the duplicate
 * candidates, and the history.
 */
export default async function SourcePage({ params, searchParams }: SourcePageProps) {
  await connection();
  const { id } = await params;
  const mergedParam = readSearchParam((await searchParams).merged);
  const movedCount = mergedParam && /^\d+$/.test(mergedParam) ? Number(mergedParam) : null;
  let source: SourceDetail | null;
  let duplicates: DuplicateCandidate[] = [];
  let user: Awaited<ReturnType<typeof getCurrentUser>>;
  try {
    user = await getCurrentUser();
    source = await loadSource(id);
    if (source && !source.mergedInto && !source.isDeleted) {
      duplicates = await findDuplicateSources(source.id);
    }
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={`/sources/${encodeURIComponent(id)}`} />;
    }
    throw error;
  }
  if (!source) {
    notFound();
  }
  const isLive = !source.isDeleted && !source.mergedInto;
  const canAssess = isLive && can(user, "source.create");
  const canChange = isLive && canChangeSource(user, source.createdBy?.id ?? null);
  const canMerge = isLive && can(user, "source.merge") && duplicates.length > 0;
  const mine = source.assessments.find(
    (assessment) => assessment.author.id === user?.id && assessment.supersededAt === null,
  );

  return (
    <>
      <p>
        <Link href="/sources">← Sources</Link>
      </p>
      <h1 className="page-title">{source.title}</h1>
      <p className="lede">{source.citation}</p>
      {movedCount !== null ? (
        <p role="status" className={`${formStyles.status} ${formStyles.statusSuccess}`}>
          Merged: {movedCount} {movedCount === 1 ? "link" : "links"} moved to this source.
        </p>
      ) : null}
      {source.isDeleted ? (
        <p className={styles.warning}>This source was deleted; citations of it are kept.</p>
      ) : null}
      {source.mergedInto ? (
        <p className={styles.warning}>
          Merged into{" "}
          <Link href={`/sources/${source.mergedInto.id}`}>{source.mergedInto.title}</Link>; its
          links were moved there.
        </p>
      ) : null}
      {canChange ? (
        <div className={styles.links}>
          <Link href={`/sources/${source.id}/edit`}>Edit this source</Link>
          <SingleActionForm
            action={deleteSourceAction}
            fields={{ id: source.id }}
            label="Delete"
            accessibleLabel={`Delete the source ${source.key}`}
            variant="danger"
            confirmMessage="Delete this source? Citations of it are kept."
          />
        </div>
      ) : null}

      <section aria-labelledby="citation-title" className={styles.section}>
        <h2 id="citation-title" className={formStyles.panelTitle}>
          Citation
        </h2>
        <dl className={styles.fields}>
          <dt>Citation key</dt>
          <dd>
            <code>{source.key}</code>
          </dd>
          <dt>Type</dt>
          <dd>{source.type}</dd>
          <dt>Authors</dt>
          <dd>{source.authorsText || "—"}</dd>
          {source.csl.editor?.length ? (
            <>
              <dt>Editors</dt>
              <dd>{source.csl.editor.map(formatName).join("; ")}</dd>
            </>
          ) : null}
          <dt>Year</dt>
          <dd>{source.year ?? "—"}</dd>
          {FIELD_LABELS.map(([variable, label]) => {
            const value = source.csl[variable];
            return typeof value === "string" || typeof value === "number" ? (
              <FieldRow key={variable} label={label} value={String(value)} />
            ) : null;
          })}
        </dl>
      </section>

      <section aria-labelledby="critique-title" className={styles.section}>
        <h2 id="critique-title" className={formStyles.panelTitle}>
          Source critique
        </h2>
        <dl className={styles.fields}>
          <dt>Category</dt>
          <dd>{source.category ? CATEGORY_LABELS[source.category] : "Undecided"}</dd>
          <dt>Proximity to the events</dt>
          <dd>{PROXIMITY_LABELS[source.proximity]}</dd>
          <dt>Author&rsquo;s position</dt>
          <dd>{source.authorPosition || "—"}</dd>
        </dl>
        {source.critique ? <p className={styles.critique}>{source.critique}</p> : null}
      </section>

      <section aria-labelledby="reliability-title" className={styles.section}>
        <h2 id="reliability-title" className={formStyles.panelTitle}>
          Reliability
        </h2>
        <p>
          <ReliabilitySummaryView summary={source.reliability} />
        </p>
        {source.assessments.length === 0 ? (
          <p className={formStyles.empty}>No one has assessed this source yet.</p>
        ) : (
          <ol className={styles.assessments}>
            {source.assessments.map((assessment) => (
              <li
                key={assessment.id}
                className={
                  assessment.supersededAt
                    ? `${styles.assessment} ${styles.superseded}`
                    : styles.assessment
                }
              >
                <p className={styles.meta}>
                  <strong>
                    {assessment.rating} – {RELIABILITY_LABELS[assessment.rating]}
                  </strong>
                  <span>{assessment.author.name}</span>
                  <FormattedDate date={assessment.createdAt} />
                  {assessment.supersededAt ? <span>(replaced or withdrawn)</span> : null}
                </p>
                <p className={styles.rationale}>{assessment.rationale}</p>
                {assessment.id === mine?.id ? (
                  <SingleActionForm
                    action={withdrawAssessmentAction}
                    fields={{ assessmentId: assessment.id }}
                    label="Withdraw"
                    accessibleLabel="Withdraw my assessment"
                  />
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      {canAssess ? (
        <section className={formStyles.panel} aria-labelledby="assess-title">
          <h2 id="assess-title" className={formStyles.panelTitle}>
            Your assessment
          </h2>
          <p className={formStyles.panelIntro}>
            How far can this source be trusted on these events, and why? Saving again replaces your
            earlier assessment in the summary; the earlier one is kept.
          </p>
          <AssessmentForm
            sourceId={source.id}
            current={mine ? { rating: mine.rating, rationale: mine.rationale } : undefined}
          />
        </section>
      ) : null}

      <section aria-labelledby="cited-title" className={styles.section}>
        <h2 id="cited-title" className={formStyles.panelTitle}>
          Cited by
        </h2>
        {source.citedBy.length === 0 && source.bibliographyEntries.length === 0 ? (
          <p className={formStyles.empty}>No claim or bibliography cites this source yet.</p>
        ) : (
          <ul>
            {source.citedBy.map((item) => (
              <li key={item.evidenceId}>
                <Link
                  href={`/articles/${encodeURIComponent(item.articleSlug)}/claims/${item.claimId}`}
                >
                  {item.claimTitle}
                </Link>{" "}
                ({item.relation.toLowerCase()}
                {item.locator ? `, ${item.locatorLabel ?? "p."} ${item.locator}` : ""}) in{" "}
                <Link href={`/articles/${encodeURIComponent(item.articleSlug)}`}>
                  {item.articleTitle}
                </Link>
              </li>
            ))}
            {source.bibliographyEntries.map((entry) => (
              <li key={entry.id}>
                Bibliography of{" "}
                <Link href={`/articles/${encodeURIComponent(entry.articleSlug)}`}>
                  {entry.articleTitle}
                </Link>
                : {entry.raw}
              </li>
            ))}
          </ul>
        )}
        {source.mergedFrom.length > 0 ? (
          <p>
            Merged into this source:{" "}
            {source.mergedFrom.map((ref, index) => (
              <span key={ref.id}>
                {index > 0 ? ", " : ""}
                <Link href={`/sources/${ref.id}`}>{ref.key}</Link>
              </span>
            ))}
          </p>
        ) : null}
      </section>

      {duplicates.length > 0 ? (
        <section aria-labelledby="duplicates-title" className={styles.section}>
          <h2 id="duplicates-title" className={formStyles.panelTitle}>
            Possible duplicates
          </h2>
          <ul>
            {duplicates.map((candidate) => (
              <li key={candidate.id}>
                <Link href={`/sources/${candidate.id}`}>{candidate.key}</Link>: {candidate.title} (
                {candidate.reasons.map((reason) => REASON_LABELS[reason]).join(", ")})
              </li>
            ))}
          </ul>
          {canMerge ? (
            <MergeForm
              survivorId={source.id}
              candidates={duplicates.map((candidate) => ({
                id: candidate.id,
                label: `${candidate.key}: ${candidate.title}`,
              }))}
            />
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="history-title" className={styles.section}>
        <h2 id="history-title" className={formStyles.panelTitle}>
          History
        </h2>
        <ol>
          {source.history.map((event) => (
            <li key={event.id}>
              <FormattedDate date={event.createdAt} />: {event.actor?.name ?? "The importer"}{" "}
              {event.summary}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** One row of a definition list. */
function FieldRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
