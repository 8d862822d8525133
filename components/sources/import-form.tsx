"use client";

import Link from "next/link";
import { useActionState, useId, useState, type ChangeEvent } from "react";

import {
  FormStatus,
  IDLE_STATE,
  SelectField,
  SubmitButton,
  TextAreaField,
} from "@/components/auth/form-controls";
import formStyles from "@/components/auth/forms.module.css";
import { importSourcesAction, type ImportActionState } from "@/lib/sources/actions";

import styles from "./sources.module.css";

/** The format choices. */
const FORMAT_OPTIONS = [
  { value: "bibtex", label: "BibTeX" },
  { value: "ris", label: "RIS" },
  { value: "csl-json", label: "CSL-JSON" },
];

/**
 * Imports citations: paste a BibTeX, RIS or CSL-JSON text or choose a file (read in the browser
 * into the text field), choose its format, and import. When some entries are malformed they are
 * listed as "entry `key` at line N: message" and nothing is written until the user confirms
 * importing the valid entries. Duplicates of existing sources are skipped.
 */
export function ImportForm() {
  const [state, formAction] = useActionState<ImportActionState, FormData>(
    importSourcesAction,
    IDLE_STATE,
  );
  const [text, setText] = useState("");
  const report = state.report;
  const values = state.values;
  const canConfirm = Boolean(report?.needsConfirmation);
  const fileId = useId();

  /** Reads a chosen file into the text field, so that only the text is sent. */
  async function handleFileChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) {
      setText(await file.text());
    }
  }

  return (
    <>
      <form action={formAction} className={formStyles.form} noValidate>
        <FormStatus state={state} />
        <SelectField
          label="Format"
          name="format"
          options={FORMAT_OPTIONS}
          defaultValue={values?.format ?? "bibtex"}
          error={state.fieldErrors?.format}
        />
        <TextAreaField
          label="Citations"
          name="text"
          rows={12}
          isOptional
          hint="Paste the file's text here, or upload the file below."
          value={text || values?.text || ""}
          onChange={(event) => setText(event.target.value)}
          error={state.fieldErrors?.text}
        />
        <div className={formStyles.field}>
          <label className={formStyles.label} htmlFor={fileId}>
            File <span className={formStyles.optional}>(optional)</span>
          </label>
          <p id={`${fileId}-hint`} className={formStyles.hint}>
            A .bib, .ris or .json file of at most 2 MB; its text replaces the field above.
          </p>
          <input
            id={fileId}
            type="file"
            accept=".bib,.ris,.json,.txt,text/plain,application/json"
            aria-describedby={`${fileId}-hint`}
            className={formStyles.input}
            onChange={handleFileChange}
          />
        </div>
        <div className={formStyles.actions}>
          <SubmitButton pendingLabel="Reading…">Check and import</SubmitButton>
          {canConfirm ? (
            <button
              type="submit"
              name="confirm"
              value="true"
              className={`${formStyles.button} ${formStyles.secondary}`}
            >
              Import the valid entries
            </button>
          ) : null}
        </div>
      </form>
      {report ? (
        <section aria-labelledby="import-report-title" className={styles.section}>
          <h2 id="import-report-title" className={formStyles.panelTitle}>
            {report.isWritten ? "Imported" : "Preview"}
          </h2>
          {report.errors.length > 0 ? (
            <>
              <h3>Entries with errors</h3>
              <ul className={styles.errors}>
                {report.errors.map((error) => (
                  <li key={`${error.entry}-${error.line}`}>
                    entry <code>{error.entry}</code> at line {error.line}: {error.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {report.entries.length > 0 ? (
            <>
              <h3>Valid entries</h3>
              <ul className={styles.preview}>
                {report.entries.map((entry) => (
                  <li key={entry.entry}>
                    <code>{entry.entry}</code>: {entry.authorsText ? `${entry.authorsText}, ` : ""}
                    {entry.title}
                    {entry.year ? ` (${entry.year})` : ""}
                    {entry.createdId ? (
                      <>
                        {" "}
                        —{" "}
                        <Link href={`/sources/${entry.createdId}`}>
                          imported as {entry.createdKey}
                        </Link>
                      </>
                    ) : null}
                    {entry.duplicates.length > 0 ? (
                      <> — skipped: duplicates {entry.duplicates.map((d) => d.key).join(", ")}</>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
