"use client";

import { useActionState } from "react";

import { FormStatus, IDLE_STATE, SelectField, SubmitButton } from "@/components/auth/form-controls";
import formStyles from "@/components/auth/forms.module.css";
import { mergeSourcesAction } from "@/lib/sources/actions";

/** Props of {@link MergeForm}. */
export interface MergeFormProps {
  survivorId: string;
  /** The duplicate candidates, with a label naming each and why it matched. */
  candidates: { id: string; label: string }[];
}

/**
 * A moderator's merge of a duplicate into this source: every citation, assessment and
 * bibliography link of the duplicate moves here, and the duplicate is kept, marked as merged.
 */
export function MergeForm({ survivorId, candidates }: MergeFormProps) {
  const [state, formAction] = useActionState(mergeSourcesAction, IDLE_STATE);
  return (
    <form action={formAction} className={formStyles.form} noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="survivorId" value={survivorId} />
      <SelectField
        label="Duplicate to merge into this source"
        name="duplicateId"
        options={candidates.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
        error={state.fieldErrors?.duplicateId}
      />
      <div className={formStyles.actions}>
        <SubmitButton pendingLabel="Merging…" variant="secondary">
          Merge into this source
        </SubmitButton>
      </div>
    </form>
  );
}
