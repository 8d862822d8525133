"use client";

import { useActionState } from "react";

import {
  FormStatus,
  IDLE_STATE,
  SelectField,
  SubmitButton,
  TextAreaField,
} from "@/components/auth/form-controls";
import formStyles from "@/components/auth/forms.module.css";
import { assessSourceAction } from "@/lib/sources/actions";
import { RELIABILITY_LABELS } from "@/lib/sources/reliability-summary";

/** The rating choices, 5 (highly reliable) first. */
const RATING_OPTIONS = [5, 4, 3, 2, 1].map((rating) => ({
  value: String(rating),
  label: `${rating} – ${RELIABILITY_LABELS[rating] ?? ""}`,
}));

/** Props of {@link AssessmentForm}. */
export interface AssessmentFormProps {
  sourceId: string;
  /** The user's current assessment, to start from. */
  current?: { rating: number; rationale: string };
}

/**
 * The user's reliability assessment of a source: a rating from 1 to 5 and the written rationale
 * behind it. A new assessment replaces the user's previous one, which stays in the history.
 */
export function AssessmentForm({ sourceId, current }: AssessmentFormProps) {
  const [state, formAction] = useActionState(assessSourceAction, IDLE_STATE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? state.values : undefined;
  return (
    <form action={formAction} className={formStyles.form} noValidate>
      <FormStatus state={state} />
      <input type="hidden" name="sourceId" value={sourceId} />
      <SelectField
        label="Rating"
        name="rating"
        options={RATING_OPTIONS}
        defaultValue={values?.rating ?? String(current?.rating ?? 3)}
        error={errors.rating}
      />
      <TextAreaField
        label="Rationale"
        name="rationale"
        required
        rows={4}
        maxLength={5000}
        hint="Why: the author's access to events, bias, corroboration by other sources."
        defaultValue={values?.rationale ?? current?.rationale}
        error={errors.rationale}
      />
      <div className={formStyles.actions}>
        <SubmitButton pendingLabel="Saving…">
          {current ? "Replace my assessment" : "Save assessment"}
        </SubmitButton>
      </div>
    </form>
  );
}
