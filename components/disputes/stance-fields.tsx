"use client";

import { useId } from "react";

import formStyles from "@/components/auth/forms.module.css";
import { REPLY_STANCE_LABELS } from "@/lib/disputes/labels";
import type { ReplyStance } from "@/lib/generated/prisma/enums";

import { REPLY_STANCES, stanceNeedsAccount } from "./dispute-display";
import styles from "./disputes.module.css";

/** A reply's stance as the form holds it: "" for none. */
export interface StanceValue {
  stance: ReplyStance | "";
  stanceAccountId: string;
}

/** Props of {@link StanceFields}. */
export interface StanceFieldsProps {
  value: StanceValue;
  onChange: (value: StanceValue) => void;
  accounts: { id: string; title: string }[];
  errors: Record<string, string>;
}

/** One labelled `<select>` with its error linked to it. */
function ControlledSelect({
  label,
  value,
  onChange,
  options,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={formStyles.field}>
      <label className={formStyles.label} htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className={formStyles.select}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={errorId} className={formStyles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * A reply's stance: none, supports or opposes an account (then the account is chosen too),
 * a question, or neutral.
 */
export function StanceFields({ value, onChange, accounts, errors }: StanceFieldsProps) {
  const needsAccount = stanceNeedsAccount(value.stance || null);
  return (
    <div className={styles.actions}>
      <ControlledSelect
        label="Stance"
        value={value.stance}
        onChange={(stance) =>
          onChange({
            stance: stance as StanceValue["stance"],
            stanceAccountId: stanceNeedsAccount((stance || null) as ReplyStance | null)
              ? value.stanceAccountId || (accounts[0]?.id ?? "")
              : "",
          })
        }
        options={[
          { value: "", label: "No stance" },
          ...REPLY_STANCES.map((stance) => ({ value: stance, label: REPLY_STANCE_LABELS[stance] })),
        ]}
        error={errors.stance}
      />
      {needsAccount ? (
        <ControlledSelect
          label="Account"
          value={value.stanceAccountId}
          onChange={(stanceAccountId) => onChange({ ...value, stanceAccountId })}
          options={[
            { value: "", label: "Choose an account" },
            ...accounts.map((account) => ({ value: account.id, label: account.title })),
          ]}
          error={errors.stanceAccountId}
        />
      ) : null}
    </div>
  );
}
