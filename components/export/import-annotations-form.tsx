"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";

import { buttonClassName } from "@/components/auth/form-controls";
import styles from "@/components/auth/forms.module.css";
import type { ImportReport } from "@/lib/annotations/import-web-annotations";

/** Props of {@link ImportAnnotationsForm}. */
export interface ImportAnnotationsFormProps {
  /** The article the annotations are imported onto. */
  slug: string;
  /** Largest file accepted, in bytes (the server refuses bigger ones anyway). */
  maxBytes: number;
}

/** What the form is showing. */
type FormState =
  | { step: "choose" }
  | { step: "busy"; label: string }
  | { step: "error"; message: string; report: ImportReport | null }
  | { step: "preview"; report: ImportReport }
  | { step: "done"; report: ImportReport };

/** The API's answer: a report, or an error with (for unconfirmed rejections) a report. */
interface ImportResponse {
  report?: ImportReport;
  error?: { message: string };
}

/** The endpoint of the import. */
function importUrl(slug: string, flag: "preview" | "confirm"): string {
  return `/api/articles/${encodeURIComponent(slug)}/annotations/import?${flag}=true`;
}

/**
 * Imports a W3C Web Annotation file (for example a Hypothesis export) onto an article in two
 * steps: the chosen file is checked first (nothing written) and its report shown, placed,
 * orphaned, rejected and already present items each with a reason; then a button imports the
 * usable items. Talks to `POST /api/articles/:slug/annotations/import`, which checks everything
 * again.
 */
export function ImportAnnotationsForm({ slug, maxBytes }: ImportAnnotationsFormProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<FormState>({ step: "choose" });

  async function send(flag: "preview" | "confirm") {
    if (!file) {
      setState({ step: "error", message: "Choose a file to import.", report: null });
      return;
    }
    if (file.size > maxBytes) {
      setState({
        step: "error",
        message: `The file is larger than the ${Math.round(maxBytes / (1024 * 1024))} MB limit; split it.`,
        report: null,
      });
      return;
    }
    setState({ step: "busy", label: flag === "preview" ? "Checking the file…" : "Importing…" });
    try {
      const response = await fetch(importUrl(slug, flag), {
        method: "POST",
        headers: { "Content-Type": "application/ld+json" },
        body: await file.text(),
      });
      const body = (await response.json()) as ImportResponse;
      if (!response.ok || !body.report) {
        setState({
          step: "error",
          message: body.error?.message ?? "The import failed.",
          report: body.report ?? null,
        });
        return;
      }
      setState(
        flag === "preview"
          ? { step: "preview", report: body.report }
          : { step: "done", report: body.report },
      );
    } catch {
      setState({
        step: "error",
        message: "The server could not be reached; try again.",
        report: null,
      });
    }
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send("preview");
  }

  const report = state.step === "busy" || state.step === "choose" ? null : state.report;
  const usable = report ? report.placed.length + report.orphaned.length : 0;

  return (
    <div>
      <form className={styles.form} onSubmit={handleSubmit} aria-describedby={hintId}>
        <div className={styles.field}>
          <label className={styles.label} htmlFor={inputId}>
            Web Annotation file (JSON-LD)
          </label>
          <p id={hintId} className={styles.hint}>
            One annotation, a list, an AnnotationPage or an AnnotationCollection, as exported by
            Apparatus or Hypothesis; at most {Math.round(maxBytes / (1024 * 1024))} MB.
          </p>
          <input
            id={inputId}
            name="file"
            type="file"
            accept=".json,.jsonld,application/json,application/ld+json"
            aria-describedby={hintId}
            className={styles.input}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setState({ step: "choose" });
            }}
          />
        </div>
        <div className={styles.actions}>
          <button
            type="submit"
            className={buttonClassName("secondary")}
            disabled={state.step === "busy"}
          >
            Check the file
          </button>
        </div>
      </form>

      <div role="status" aria-live="polite">
        {state.step === "busy" ? <p>{state.label}</p> : null}
        {state.step === "done" ? (
          <p className={`${styles.status} ${styles.statusSuccess}`}>
            {state.report.status === "imported"
              ? `Imported ${usable} annotation${usable === 1 ? "" : "s"}.`
              : "Nothing new to import: every usable item is already here."}{" "}
            <Link href={`/articles/${encodeURIComponent(slug)}`}>Back to the article</Link>
          </p>
        ) : null}
      </div>
      {state.step === "error" ? (
        <p role="alert" className={`${styles.status} ${styles.statusError}`}>
          {state.message}
        </p>
      ) : null}

      {report ? <ImportReportView report={report} /> : null}

      {state.step === "preview" && usable > 0 ? (
        <div className={styles.actions}>
          <button type="button" className={buttonClassName()} onClick={() => void send("confirm")}>
            {report && report.rejected.length > 0
              ? `Import the ${usable} usable item${usable === 1 ? "" : "s"}, leave out ${report.rejected.length}`
              : `Import ${usable} annotation${usable === 1 ? "" : "s"}`}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Why an already present item is not imported again; ids are not shown. */
function describePresent(item: ImportReport["alreadyPresent"][number]): string {
  if (item.replyId !== null) {
    return "a reply in one of this site’s dispute threads; not imported again";
  }
  if (item.annotationId === null) {
    // Only the importer's own annotations count when they cannot be read.
    return "already here as yours, though you can no longer open it (deleted, hidden, or in a group you left); not imported again";
  }
  return "imported before or exported from here; not imported again";
}

/** The report of a check or an import: counts, then one table row per item. */
function ImportReportView({ report }: { report: ImportReport }) {
  const rows = [
    ...report.placed.map((item) => ({
      index: item.index,
      iri: item.sourceIri,
      outcome: "Placed",
      detail: `by ${item.strategy.toLowerCase()}`,
    })),
    ...report.orphaned.map((item) => ({
      index: item.index,
      iri: item.sourceIri,
      outcome: "Orphaned",
      detail: `passage not found; kept and listed: “${item.quote.slice(0, 80)}”`,
    })),
    ...report.rejected.map((item) => ({
      index: item.index,
      iri: item.sourceIri ?? "(no id)",
      outcome: "Rejected",
      detail: item.reason,
    })),
    ...report.alreadyPresent.map((item) => ({
      index: item.index,
      iri: item.sourceIri,
      outcome: "Already present",
      detail: describePresent(item),
    })),
  ].sort((a, b) => a.index - b.index);
  return (
    <section aria-labelledby="import-report-title">
      <h2 id="import-report-title" className={styles.panelTitle}>
        Report
      </h2>
      <p>
        {report.total} item{report.total === 1 ? "" : "s"} for revision {report.revisionNumber}:{" "}
        {report.placed.length} placed, {report.orphaned.length} orphaned, {report.rejected.length}{" "}
        rejected, {report.alreadyPresent.length} already present.
      </p>
      {rows.length > 0 ? (
        // Focusable and named, so that keyboard users can scroll a wide table.
        <div
          className={styles.tableScroll}
          role="region"
          aria-labelledby="import-items-caption"
          tabIndex={0}
        >
          <table className={styles.table}>
            <caption id="import-items-caption">Each item of the file, in file order</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Annotation</th>
                <th scope="col">Outcome</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.index}>
                  <td>{row.index + 1}</td>
                  <td className={styles.muted}>{row.iri}</td>
                  <td>{row.outcome}</td>
                  <td>{row.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
