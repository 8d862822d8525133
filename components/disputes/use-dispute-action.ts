"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";

import type { DisputeActionState } from "@/lib/disputes/action-state";

/** Said when an action could not even reach the server (network, a crash). */
const NETWORK_ERROR_MESSAGE = "That did not work; please try again.";

/** What {@link useDisputeAction} gives a form. */
export interface DisputeActionRunner {
  /** The outcome of the last run, for the form's status region and its fields' errors. */
  state: DisputeActionState | null;
  isPending: boolean;
  /**
   * Runs a server action; on success refreshes the page's server data (the claim page is rendered
   * on the server) and resolves with the state, so the form can reset itself.
   */
  run: (action: () => Promise<DisputeActionState>) => Promise<DisputeActionState>;
  /** Forgets the last outcome (when a form is cancelled). */
  reset: () => void;
}

/**
 * Runs disputes server actions for one form: keeps the pending flag and the last outcome, and
 * refreshes the server-rendered claim page after a success so that lists and the timeline show
 * the change.
 */
export function useDisputeAction(): DisputeActionRunner {
  const router = useRouter();
  const [state, setState] = useState<DisputeActionState | null>(null);
  const [isPending, startTransition] = useTransition();

  const run = useCallback(
    (action: () => Promise<DisputeActionState>) =>
      new Promise<DisputeActionState>((resolve) => {
        startTransition(async () => {
          let result: DisputeActionState;
          try {
            result = await action();
          } catch {
            result = { status: "error", message: NETWORK_ERROR_MESSAGE };
          }
          setState(result);
          if (result.status === "success") {
            router.refresh();
          }
          resolve(result);
        });
      }),
    [router],
  );

  const reset = useCallback(() => setState(null), []);
  return { state, isPending, run, reset };
}
