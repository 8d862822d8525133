/**
 * The edition's resolved claims as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview),
 * the markup fact-checkers publish their verdicts in. One ClaimReview per claim whose status is
 * ACCEPTED, REJECTED or CONTESTED, in the edition's order, inside one `@graph`:
 *
 * - `claimReviewed`: the claim's title, or the passage itself when no title was written;
 * - `reviewRating`: a Rating whose `alternateName` is the verdict, on a three-point scale
 *   (see {@link VERDICT_RATINGS}): 1 rejected, 2 contested, 3 accepted; `bestRating` 3,
 *   `worstRating` 1;
 * - `reviewBody`: the moderator's rationale;
 * - `author`: the moderator who resolved it as a Person (the edition's "Annotator N" when
 *   anonymised), or the site as an Organization when the model does not name them;
 * - `datePublished`: the day of the status change (UTC), `dateModified` its full time;
 * - `itemReviewed`: a Claim whose `appearance` is the article at the passage's permalink
 *   (`#annotation-<id>`), with the passage as its `text`;
 * - `url`: the claim's page, where its accounts, evidence and thread are.
 *
 * Deterministic (dates from the model, order from the model, fixed key order). Pure: no Prisma.
 */
import type { ClaimStatus } from "@/lib/generated/prisma/enums";

import type { Edition, EditionAnnotation, EditionClaim } from "../edition-model";
import { editionBaseUrl } from "./jsonld";

/** schema.org's context. */
export const SCHEMA_ORG_CONTEXT = "https://schema.org";

/** The statuses that are verdicts, with their rating on the three-point scale and their name. */
export const VERDICT_RATINGS: Partial<
  Record<ClaimStatus, { ratingValue: number; alternateName: string }>
> = {
  REJECTED: { ratingValue: 1, alternateName: "Rejected" },
  CONTESTED: { ratingValue: 2, alternateName: "Contested" },
  ACCEPTED: { ratingValue: 3, alternateName: "Accepted" },
};

/** Best and worst values of the scale. */
const BEST_RATING = 3;
const WORST_RATING = 1;

/** A ClaimReview as this writer makes it. */
export interface ClaimReviewNode {
  "@type": "ClaimReview";
  "@id": string;
  url: string;
  claimReviewed: string;
  reviewRating: {
    "@type": "Rating";
    ratingValue: number;
    bestRating: number;
    worstRating: number;
    alternateName: string;
  };
  reviewBody: string;
  author: { "@type": "Person" | "Organization"; name: string; url?: string };
  datePublished: string | null;
  dateModified: string | null;
  itemReviewed: {
    "@type": "Claim";
    text: string;
    appearance: { "@type": "Article"; url: string; headline: string };
  };
}

/**
 * The ClaimReview of one resolved claim, or null when its status is not a verdict.
 *
 * @param baseUrl the site's origin, without a trailing slash
 */
export function toClaimReview(
  edition: Edition,
  annotation: EditionAnnotation,
  claim: EditionClaim,
  baseUrl: string,
): ClaimReviewNode | null {
  const verdict = VERDICT_RATINGS[claim.status];
  if (!verdict) {
    return null;
  }
  const articleUrl = `${baseUrl}/articles/${encodeURIComponent(edition.article.slug)}`;
  const claimUrl = `${articleUrl}/claims/${encodeURIComponent(claim.id)}`;
  const changedBy = claim.statusChangedBy;
  return {
    "@type": "ClaimReview",
    "@id": `${claimUrl}#review`,
    url: claimUrl,
    claimReviewed: claim.title.trim() !== "" ? claim.title : annotation.quote.exact,
    reviewRating: {
      "@type": "Rating",
      ratingValue: verdict.ratingValue,
      bestRating: BEST_RATING,
      worstRating: WORST_RATING,
      alternateName: verdict.alternateName,
    },
    reviewBody: claim.statusRationale ?? "",
    author: changedBy
      ? {
          "@type": "Person",
          name: changedBy.name,
          ...(changedBy.orcid ? { url: `https://orcid.org/${changedBy.orcid}` } : {}),
        }
      : { "@type": "Organization", name: "Apparatus", url: baseUrl },
    datePublished: claim.statusChangedAt ? claim.statusChangedAt.toISOString().slice(0, 10) : null,
    dateModified: claim.statusChangedAt ? claim.statusChangedAt.toISOString() : null,
    itemReviewed: {
      "@type": "Claim",
      text: annotation.quote.exact,
      appearance: {
        "@type": "Article",
        url: `${articleUrl}#annotation-${annotation.id}`,
        headline: edition.article.title,
      },
    },
  };
}

/**
 * Writes the edition's resolved claims as schema.org ClaimReview JSON-LD: one document with the
 * reviews in `@graph` (empty when none is resolved), streamed one review at a time.
 */
export function* writeClaimReview(edition: Edition): Generator<string> {
  const baseUrl = editionBaseUrl(edition);
  yield `{\n  "@context": ${JSON.stringify(SCHEMA_ORG_CONTEXT)},\n  "@graph": [`;
  let isFirst = true;
  for (const annotation of edition.annotations) {
    const review = annotation.claim
      ? toClaimReview(edition, annotation, annotation.claim, baseUrl)
      : null;
    if (review) {
      const json = JSON.stringify(review, null, 2).replaceAll("\n", "\n    ");
      yield `${isFirst ? "" : ","}\n    ${json}`;
      isFirst = false;
    }
  }
  yield isFirst ? "]\n}\n" : "\n  ]\n}\n";
}
