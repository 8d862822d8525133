/**
 * The summary of scholars' reliability assessments of one source, shown beside every citation of
 * it. Pure, so the library, the claim page and the exporters compute it the same way.
 */

/** Ratings run from 1 (unreliable) to 5 (highly reliable). */
export const MIN_RELIABILITY_RATING = 1;
export const MAX_RELIABILITY_RATING = 5;

/** Words for each rating, for labels and exports. */
export const RELIABILITY_LABELS: Record<number, string> = {
  1: "Unreliable",
  2: "Doubtful",
  3: "Mixed",
  4: "Reliable",
  5: "Highly reliable",
};

/** What the assessments of one source add up to. */
export interface ReliabilitySummary {
  /** How many scholars' current assessments there are. */
  count: number;
  /** Their mean rating rounded to one decimal, or null with no assessments. */
  mean: number | null;
  /** How many current assessments gave each rating, index 0 for rating 1. */
  histogram: [number, number, number, number, number];
  /** The label of the rounded mean ("Mixed"), or "Not assessed". */
  label: string;
}

/**
 * Summarises current assessments (one per scholar: the caller passes only non-superseded ones).
 *
 * @param ratings the current ratings, each 1–5
 */
export function summarizeReliability(ratings: readonly number[]): ReliabilitySummary {
  const histogram: ReliabilitySummary["histogram"] = [0, 0, 0, 0, 0];
  let total = 0;
  for (const rating of ratings) {
    const index = rating - MIN_RELIABILITY_RATING;
    histogram[index] = (histogram[index] ?? 0) + 1;
    total += rating;
  }
  if (ratings.length === 0) {
    return { count: 0, mean: null, histogram, label: "Not assessed" };
  }
  const mean = Math.round((total / ratings.length) * 10) / 10;
  return {
    count: ratings.length,
    mean,
    histogram,
    label: RELIABILITY_LABELS[Math.round(mean)] ?? "Mixed",
  };
}

/**
 * The summary in words, as the library, the claim page and the editions print it:
 * "4.2 · Reliable (5 assessments)", or "Not assessed".
 */
export function formatReliability(summary: ReliabilitySummary): string {
  if (summary.count === 0 || summary.mean === null) {
    return summary.label;
  }
  const noun = summary.count === 1 ? "assessment" : "assessments";
  return `${summary.mean.toFixed(1)} · ${summary.label} (${summary.count} ${noun})`;
}
