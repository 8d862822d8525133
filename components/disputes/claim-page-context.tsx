"use client";

import { createContext, useContext, type ReactNode } from "react";

import type { ClaimViewer } from "./dispute-display";

/** What the claim page's forms share: the article and its text, the accounts, the viewer. */
export interface ClaimPageContextValue {
  claimId: string;
  articleSlug: string;
  /** The current revision, which passage evidence points into. */
  revisionId: string;
  /** That revision's plain text, to turn a quoted passage into offsets and context. */
  plainText: string;
  /** The accounts a reply's stance or a piece of evidence may name. */
  accounts: { id: string; title: string }[];
  viewer: ClaimViewer | null;
}

const ClaimPageContext = createContext<ClaimPageContextValue | null>(null);

/**
 * Provides the claim page's shared data to its forms once, so that the article's text travels to
 * the browser a single time however many evidence forms the page has.
 */
export function ClaimPageProvider({
  value,
  children,
}: {
  value: ClaimPageContextValue;
  children: ReactNode;
}) {
  return <ClaimPageContext.Provider value={value}>{children}</ClaimPageContext.Provider>;
}

/** The data of the surrounding {@link ClaimPageProvider}. */
export function useClaimPage(): ClaimPageContextValue {
  const value = useContext(ClaimPageContext);
  if (!value) {
    throw new Error("useClaimPage needs a <ClaimPageProvider> around it.");
  }
  return value;
}
