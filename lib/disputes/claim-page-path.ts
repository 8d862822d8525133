/**
 * The path of a claim's page, for links (the reader's sidebar, the claim page's sign-in return)
 * and for revalidation after a change. Pure, so the browser and the server build the same path.
 */
export function claimPagePath(articleSlug: string, claimId: string): string {
  return `/articles/${encodeURIComponent(articleSlug)}/claims/${encodeURIComponent(claimId)}`;
}
