"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";

import { buttonClassName, SelectField } from "@/components/auth/form-controls";
import formStyles from "@/components/auth/forms.module.css";
import {
  buildExportQuery,
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptionsInput,
  type ExportSelection,
} from "@/lib/export/options";

import styles from "./export-dialog.module.css";

/** Props of {@link ExportDialog}. */
export interface ExportDialogProps {
  /** The article to export. */
  slug: string;
  /** The revision being read (the default). */
  revisionNumber: number;
  /** How many revisions the article has (1…revisionCount can be exported). */
  revisionCount: number;
  /** The revision's sections, for the section filter. */
  sections: readonly { anchor: string; title: string; level: number }[];
  /** The annotators of the annotations being read, with how many each wrote, by name. */
  annotators: readonly ExportChoice[];
  /** The tags of those annotations, with how many carry each, alphabetically. */
  tags: readonly ExportChoice[];
}

/** One choice of a filter: what is sent, what is shown, and how many annotations it matches. */
export interface ExportChoice {
  value: string;
  label: string;
  count: number;
}

/** The selections the dialog offers. */
const SELECTION_OPTIONS: { value: ExportSelection; label: string }[] = [
  { value: "all", label: "All annotations" },
  { value: "claims", label: "Only claims" },
  { value: "open", label: "Only open disputes (open, under review)" },
  { value: "resolved", label: "Only resolved disputes (accepted, rejected, contested)" },
];

/** The checked values of a group of checkboxes. */
function checkedValues(data: FormData | null, name: string): string[] {
  return data ? data.getAll(name).map(String) : [];
}

/** The export's URL for the form's current values. */
function buildExportHref(slug: string, form: HTMLFormElement | null, current: number): string {
  const data = form ? new FormData(form) : null;
  const section = String(data?.get("section") ?? "");
  const revision = Number(data?.get("revision") ?? current);
  const options: ExportOptionsInput = {
    format: (String(data?.get("format") ?? "html") || "html") as ExportFormat,
    only: (String(data?.get("only") ?? "all") || "all") as ExportSelection,
    ...(revision !== current ? { revision } : {}),
    tags: checkedValues(data, "tags"),
    authors: checkedValues(data, "authors"),
    sections: section ? [section] : [],
    threads: data ? data.get("threads") === "on" : true,
    anonymise: data ? data.get("anonymise") === "on" : false,
  };
  return `/api/articles/${encodeURIComponent(slug)}/export?${buildExportQuery(options).toString()}`;
}

/**
 * "Export edition": a button that opens a native dialog where the reader picks the format, the
 * revision and the filters (claims only, open or resolved disputes, tags, authors, a section,
 * threads, anonymised annotators), and a download link to the export endpoint that follows the
 * choices. The server checks everything again; this only builds the link.
 */
export function ExportDialog({
  slug,
  revisionNumber,
  revisionCount,
  sections,
  annotators,
  tags,
}: ExportDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const introId = useId();
  const [href, setHref] = useState(() => buildExportHref(slug, null, revisionNumber));
  // The form exists only while the dialog is open, so a closed dialog adds nothing to the page.
  const [isOpen, setIsOpen] = useState(false);

  useEffect(() => {
    if (isOpen && !dialogRef.current?.open) {
      dialogRef.current?.showModal();
    }
  }, [isOpen]);

  const handleOpen = () => {
    setHref(buildExportHref(slug, null, revisionNumber));
    setIsOpen(true);
  };

  const handleChange = () => setHref(buildExportHref(slug, formRef.current, revisionNumber));
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    window.location.assign(buildExportHref(slug, event.currentTarget, revisionNumber));
  };

  const revisions = Array.from({ length: revisionCount }, (_, index) => revisionCount - index).map(
    (number) => ({
      value: String(number),
      label: number === revisionNumber ? `Revision ${number} (being read)` : `Revision ${number}`,
    }),
  );

  return (
    <>
      <button
        type="button"
        className={`${buttonClassName("secondary", true)} ${styles.trigger}`}
        aria-haspopup="dialog"
        onClick={handleOpen}
      >
        Export edition
      </button>
      <dialog
        ref={dialogRef}
        className={styles.dialog}
        aria-labelledby={titleId}
        aria-describedby={introId}
        onClose={() => setIsOpen(false)}
      >
        {isOpen ? (
          <>
            <h2 id={titleId} className={styles.title}>
              Export an annotated edition
            </h2>
            <p id={introId} className={styles.intro}>
              The edition holds the annotations you may read that match these choices.
            </p>
            <form
              ref={formRef}
              className={formStyles.form}
              onChange={handleChange}
              onSubmit={handleSubmit}
            >
              <SelectField
                label="Format"
                name="format"
                defaultValue="html"
                options={EXPORT_FORMATS.map((format) => ({
                  value: format,
                  label: EXPORT_FORMAT_LABELS[format],
                }))}
              />
              <SelectField
                label="Revision"
                name="revision"
                defaultValue={String(revisionNumber)}
                options={revisions}
              />
              <SelectField
                label="Annotations"
                name="only"
                defaultValue="all"
                options={SELECTION_OPTIONS}
              />
              <SelectField
                label="Section"
                name="section"
                defaultValue=""
                options={[
                  { value: "", label: "The whole article" },
                  ...sections.map((section) => ({
                    value: section.anchor,
                    label: `${"– ".repeat(Math.max(0, section.level - 2))}${section.title}`,
                  })),
                ]}
              />
              <ChoiceList legend="Tags" name="tags" choices={tags} none="No tags yet." />
              <ChoiceList
                legend="Annotators"
                name="authors"
                choices={annotators}
                none="No annotations yet."
              />
              <fieldset className={styles.checks}>
                <legend>Options</legend>
                <label className={styles.check}>
                  <input type="checkbox" name="threads" defaultChecked />
                  Include dispute threads
                </label>
                <label className={styles.check}>
                  <input type="checkbox" name="anonymise" />
                  Anonymise annotators (“Annotator 1”, “Annotator 2”, …)
                </label>
              </fieldset>
              <div className={styles.actions}>
                <a className={buttonClassName("primary")} href={href} download>
                  Download
                </a>
                <button
                  type="button"
                  className={buttonClassName("secondary")}
                  onClick={() => dialogRef.current?.close()}
                >
                  Close
                </button>
              </div>
            </form>
          </>
        ) : null}
      </dialog>
    </>
  );
}

/** Props of {@link ChoiceList}. */
interface ChoiceListProps {
  legend: string;
  name: string;
  choices: readonly ExportChoice[];
  /** Said when there is nothing to choose. */
  none: string;
}

/**
 * A filter as a list of checkboxes (each with its count), scrolling when long; none checked means
 * no filter, several mean "any of them".
 */
function ChoiceList({ legend, name, choices, none }: ChoiceListProps) {
  const hintId = useId();
  return (
    <fieldset className={styles.choices} aria-describedby={hintId}>
      <legend>
        {legend} <span className={styles.optional}>(optional)</span>
      </legend>
      <p id={hintId} className={styles.hint}>
        {choices.length > 0 ? "None checked: all. Several: annotations with any of them." : none}
      </p>
      {choices.length > 0 ? (
        <ul className={styles.choiceList}>
          {choices.map((choice) => (
            <li key={choice.value}>
              <label className={styles.check}>
                <input type="checkbox" name={name} value={choice.value} />
                <span>
                  {choice.label} <span className={styles.count}>({choice.count})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
