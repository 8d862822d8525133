import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";

import { buildSignInPath } from "@/components/auth/paths";
import { claimDisplayTitle, ClaimPage } from "@/components/disputes/claim-page";
import { DatabaseUnavailable } from "@/components/ui/database-unavailable";
import { decodeSlug } from "@/lib/articles/decode-slug";
import { getCurrentUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/policy";
import { isDatabaseUnavailableError } from "@/lib/db";
import { claimPagePath } from "@/lib/disputes/claim-page-path";
import type { ClaimPageView } from "@/lib/disputes/claim-page-view";
import { findClaimPage } from "@/lib/disputes/find-claim-page";
import { findRevisionPlainText } from "@/lib/disputes/find-revision-plain-text";
import { isAppError } from "@/lib/errors";

/** Route props: Next 16 passes `params` as a promise. */
interface ClaimRouteProps {
  params: Promise<{ slug: string; id: string }>;
}

/**
 * The claim page for this request and viewer, or null when there is no such claim (or the viewer
 * may not see it, or the id is malformed). Shared by the metadata and the page.
 */
const loadClaimPage = cache(
  async (slug: string, claimId: string): Promise<ClaimPageView | null> => {
    const user = await getCurrentUser();
    try {
      return await findClaimPage(user, { slug, claimId });
    } catch (error) {
      if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "INVALID_INPUT")) {
        return null;
      }
      throw error;
    }
  },
);

/** The page title: the claim's title, or its passage. */
export async function generateMetadata({ params }: ClaimRouteProps): Promise<Metadata> {
  await connection();
  const { slug, id } = await params;
  try {
    const view = await loadClaimPage(decodeSlug(slug), id);
    return { title: view ? claimDisplayTitle(view) : "Claim not found" };
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return { title: "Database unavailable" };
    }
    throw error;
  }
}

/**
 * /articles/<slug>/claims/<id>: one disputed claim with its passage, accounts, evidence, thread
 * and timeline. Public claims are readable without an account; an unknown claim is a real 404.
 */
export default async function ClaimRoute({ params }: ClaimRouteProps) {
  await connection();
  const { slug: rawSlug, id } = await params;
  const slug = decodeSlug(rawSlug);
  const path = claimPagePath(slug, id);
  let view: ClaimPageView | null;
  let plainText = "";
  try {
    view = await loadClaimPage(slug, id);
    if (!view) {
      notFound();
    }
    if (view.permissions.canAddEvidence) {
      plainText = await findRevisionPlainText(view.article.revisionId);
    }
  } catch (error) {
    if (isDatabaseUnavailableError(error)) {
      return <DatabaseUnavailable retryHref={path} />;
    }
    throw error;
  }
  const user = await getCurrentUser();
  return (
    <ClaimPage
      view={view}
      viewer={
        user ? { id: user.id, name: user.name, canModerate: can(user, "content.hide") } : null
      }
      plainText={plainText}
      signInHref={buildSignInPath(path)}
    />
  );
}
