import { FormattedDate } from "@/components/ui/formatted-date";
import type { TimelineEntryView } from "@/lib/disputes/claim-page-view";

import { ClaimStatusBadge } from "./claim-status-badge";
import styles from "./disputes.module.css";

/** Props of {@link ClaimTimeline}. */
export interface ClaimTimelineProps {
  entries: TimelineEntryView[];
}

/** Time of day in UTC ("14:05"), to tell apart entries of the same day. */
const TIME_FORMAT = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/**
 * Everything that happened to the claim, oldest first: when (`<time dateTime>`), then who did
 * what (the summary starts with the actor's name, so the date line does not repeat it); a status
 * change shows its statuses from → to and quotes its rationale.
 */
export function ClaimTimeline({ entries }: ClaimTimelineProps) {
  if (entries.length === 0) {
    return <p className={styles.stub}>Nothing has happened yet.</p>;
  }
  return (
    <ol className={styles.timeline}>
      {entries.map((entry) => {
        const date = new Date(entry.createdAt);
        return (
          <li key={entry.id} className={styles.timelineEntry}>
            <p className={styles.meta}>
              <FormattedDate date={date} />
              <span>{TIME_FORMAT.format(date)} UTC</span>
            </p>
            <p className={styles.timelineSummary}>{entry.summary}</p>
            {entry.fromStatus && entry.toStatus ? (
              <p className={styles.meta}>
                <ClaimStatusBadge status={entry.fromStatus} isSmall />
                <span aria-hidden="true">→</span>
                <span className="visually-hidden">to</span>
                <ClaimStatusBadge status={entry.toStatus} isSmall />
              </p>
            ) : null}
            {entry.rationale ? (
              <blockquote className={styles.timelineRationale}>
                <p>{entry.rationale}</p>
              </blockquote>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
