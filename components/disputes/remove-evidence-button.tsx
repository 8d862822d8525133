"use client";

import { FormStatus } from "@/components/auth/form-controls";
import { removeEvidenceAction } from "@/lib/disputes/actions";

import styles from "./disputes.module.css";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link RemoveEvidenceButton}. */
export interface RemoveEvidenceButtonProps {
  evidenceId: string;
  /** What is removed, for the button's accessible name ("Remove evidence: Yousaf (1992)"). */
  description: string;
}

/** Removes one piece of evidence after a confirmation (it stays in the timeline and the audit). */
export function RemoveEvidenceButton({ evidenceId, description }: RemoveEvidenceButtonProps) {
  const { state, isPending, run } = useDisputeAction();

  function handleClick() {
    if (!window.confirm(`Remove this evidence (${description})?`)) {
      return;
    }
    void run(() => removeEvidenceAction({ id: evidenceId }));
  }

  return (
    <>
      <button
        type="button"
        className={styles.linkButton}
        onClick={handleClick}
        disabled={isPending}
      >
        Remove<span className="visually-hidden"> evidence: {description}</span>
      </button>
      {state?.status === "error" ? <FormStatus state={state} isInline /> : null}
    </>
  );
}
