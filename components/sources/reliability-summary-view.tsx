import type { ReliabilitySummary } from "@/lib/sources/reliability-summary";
import { formatReliability } from "@/lib/sources/reliability-summary";

import styles from "./sources.module.css";

/** Props of {@link ReliabilitySummaryView}. */
export interface ReliabilitySummaryViewProps {
  summary: ReliabilitySummary;
}

/**
 * A source's reliability at a glance: "4.2 · Reliable (5 assessments)" and a small histogram of
 * the ratings 1–5, whose bars are described in text for screen readers.
 */
export function ReliabilitySummaryView({ summary }: ReliabilitySummaryViewProps) {
  const largest = Math.max(1, ...summary.histogram);
  const description = summary.histogram
    .map((count, index) => `${count} rated ${index + 1}`)
    .join(", ");
  return (
    <span className={styles.reliability}>
      <span className={styles.reliabilityText}>{formatReliability(summary)}</span>
      {summary.count > 0 ? (
        <span className={styles.histogram} role="img" aria-label={`Ratings: ${description}`}>
          {summary.histogram.map((count, index) => (
            <span
              key={index}
              className={styles.bar}
              style={{ height: `${Math.max(2, Math.round((count / largest) * 100))}%` }}
              data-rating={index + 1}
            />
          ))}
        </span>
      ) : null}
    </span>
  );
}
