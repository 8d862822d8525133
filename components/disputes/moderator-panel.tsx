"use client";

import { useId, useState, type FormEvent } from "react";

import {
  buttonClassName,
  FormStatus,
  TextAreaField,
  TextField,
} from "@/components/auth/form-controls";
import formStyles from "@/components/auth/forms.module.css";
import { changeClaimStatusAction, setThreadLockAction } from "@/lib/disputes/actions";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";

import { needsRationale, nextClaimStatuses, transitionLabel } from "./dispute-display";
import styles from "./disputes.module.css";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link ModeratorPanel}. */
export interface ModeratorPanelProps {
  claimId: string;
  status: ClaimStatus;
  /** The claim's version, sent with a status change. */
  version: number;
  isLocked: boolean;
  canChangeStatus: boolean;
  canLock: boolean;
}

/**
 * The moderators' controls of a claim: move it along its lifecycle (the next statuses allowed
 * from the current one; resolving and reopening need a rationale, which the timeline quotes), and
 * lock or unlock its thread.
 */
export function ModeratorPanel({
  claimId,
  status,
  version,
  isLocked,
  canChangeStatus,
  canLock,
}: ModeratorPanelProps) {
  const id = useId();
  const statusFieldId = `${id}-status`;
  const choices = nextClaimStatuses(status);
  const [nextStatus, setNextStatus] = useState<ClaimStatus>(choices[0] ?? "OPEN");
  const statusAction = useDisputeAction();
  const lockAction = useDisputeAction();
  const errors = statusAction.state?.fieldErrors ?? {};
  const isRationaleRequired = needsRationale(status, nextStatus);
  // A status change made elsewhere (or here) gives new choices: keep the select within them.
  const chosen = choices.includes(nextStatus) ? nextStatus : (choices[0] ?? "OPEN");

  async function handleStatusSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const rationale = new FormData(formElement).get("rationale");
    const result = await statusAction.run(() =>
      changeClaimStatusAction({
        claimId,
        version,
        status: chosen,
        rationale: typeof rationale === "string" ? rationale : "",
      }),
    );
    if (result.status === "success") {
      formElement.reset();
    }
  }

  async function handleLockSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const reason = new FormData(formElement).get("reason");
    const result = await lockAction.run(() =>
      setThreadLockAction({
        claimId,
        locked: !isLocked,
        reason: typeof reason === "string" && reason.trim() ? reason : undefined,
      }),
    );
    if (result.status === "success") {
      formElement.reset();
    }
  }

  return (
    <>
      {canChangeStatus ? (
        <form
          className={`${styles.panel} ${styles.form}`}
          onSubmit={(event) => void handleStatusSubmit(event)}
          aria-labelledby={`${id}-status-title`}
          noValidate
        >
          <h3 id={`${id}-status-title`} className={styles.panelTitle}>
            Change the status
          </h3>
          <div className={formStyles.field}>
            <label className={formStyles.label} htmlFor={statusFieldId}>
              New status
            </label>
            <select
              id={statusFieldId}
              className={formStyles.select}
              value={chosen}
              onChange={(event) => setNextStatus(event.target.value as ClaimStatus)}
              aria-invalid={errors.status ? true : undefined}
              aria-describedby={errors.status ? `${statusFieldId}-error` : undefined}
            >
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {transitionLabel(status, choice)}
                </option>
              ))}
            </select>
            {errors.status ? (
              <p id={`${statusFieldId}-error`} className={formStyles.error}>
                {errors.status}
              </p>
            ) : null}
          </div>
          <TextAreaField
            label="Rationale"
            name="rationale"
            rows={4}
            maxLength={5000}
            required={isRationaleRequired}
            isOptional={!isRationaleRequired}
            hint={
              isRationaleRequired
                ? "Required: why the dispute is resolved this way (or reopened). The timeline quotes it."
                : "Why the status changes; shown in the timeline."
            }
            error={errors.rationale}
          />
          <div className={styles.actions}>
            <button
              type="submit"
              className={buttonClassName("primary", true)}
              disabled={statusAction.isPending}
            >
              {statusAction.isPending ? "Changing…" : "Change status"}
            </button>
          </div>
          {statusAction.state ? <FormStatus state={statusAction.state} isInline /> : null}
        </form>
      ) : null}
      {canLock ? (
        <form
          className={`${styles.panel} ${styles.form}`}
          onSubmit={(event) => void handleLockSubmit(event)}
          aria-labelledby={`${id}-lock-title`}
        >
          <h3 id={`${id}-lock-title`} className={styles.panelTitle}>
            {isLocked ? "Unlock the thread" : "Lock the thread"}
          </h3>
          <p className={styles.sectionIntro}>
            {isLocked
              ? "The thread is locked: no one can reply, edit replies or add evidence."
              : "Locking stops new replies, edits and evidence until it is unlocked."}
          </p>
          <TextField label="Reason" name="reason" maxLength={500} isOptional />
          <div className={styles.actions}>
            <button
              type="submit"
              className={buttonClassName(isLocked ? "secondary" : "danger", true)}
              disabled={lockAction.isPending}
            >
              {isLocked ? "Unlock thread" : "Lock thread"}
            </button>
          </div>
          {lockAction.state ? <FormStatus state={lockAction.state} isInline /> : null}
        </form>
      ) : null}
    </>
  );
}
