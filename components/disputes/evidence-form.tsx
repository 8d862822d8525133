"use client";

import { useId, useRef, useState, type FormEvent } from "react";

import {
  buttonClassName,
  FormStatus,
  SelectField,
  TextAreaField,
  TextField,
} from "@/components/auth/form-controls";
import { addEvidenceAction } from "@/lib/disputes/actions";
import type { CitedSourceView } from "@/lib/disputes/claim-page-view";
import { EVIDENCE_RELATION_LABELS } from "@/lib/disputes/labels";
import type { EvidenceRelation } from "@/lib/generated/prisma/enums";

import { useClaimPage } from "./claim-page-context";
import { EVIDENCE_RELATIONS, LOCATOR_LABELS } from "./dispute-display";
import styles from "./disputes.module.css";
import { FormActions } from "./form-actions";
import { resolvePassage } from "./resolve-passage";
import { SourcePicker } from "./source-picker";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link EvidenceForm}. */
export interface EvidenceFormProps {
  /** The account the evidence is for; or */
  accountId?: string;
  /** the reply it is for. */
  replyId?: string;
  /** What the evidence is for, in the disclosure button's name ("for “Massoud's account”"). */
  targetName: string;
}

/** Where the evidence comes from. */
type EvidenceKind = "source" | "passage";

/** Reads a text field of the submitted form. */
function readField(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * Adds a piece of evidence to an account or a reply, behind an "Add evidence" disclosure button:
 * its relation, then either a source from the library (searched with {@link SourcePicker}) with a
 * locator and an optional quoted excerpt, or a passage of this article quoted word for word (found
 * in the article's text here, checked again on the server); and an optional note.
 */
export function EvidenceForm({ accountId, replyId, targetName }: EvidenceFormProps) {
  const { plainText, revisionId } = useClaimPage();
  const id = useId();
  const formId = `${id}-form`;
  const [isOpen, setOpen] = useState(false);
  const [kind, setKind] = useState<EvidenceKind>("source");
  const [source, setSource] = useState<CitedSourceView | null>(null);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const { state, isPending, run, reset } = useDisputeAction();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const errors = { ...(state?.fieldErrors ?? {}), ...localErrors };

  function close() {
    setOpen(false);
    setSource(null);
    setLocalErrors({});
    reset();
    window.requestAnimationFrame(() => toggleRef.current?.focus());
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const relation = readField(form, "relation") as EvidenceRelation;
    const note = readField(form, "note").trim();
    const target = accountId ? { accountId } : { replyId };
    if (kind === "source") {
      if (!source) {
        setLocalErrors({ sourceId: "Choose a source from the library." });
        return;
      }
      setLocalErrors({});
      const locator = readField(form, "locator").trim();
      const quote = readField(form, "quote").trim();
      const result = await run(() =>
        addEvidenceAction({
          ...target,
          relation,
          sourceId: source.id,
          locatorLabel: locator ? readField(form, "locatorLabel") : undefined,
          locator: locator || undefined,
          quote: quote || undefined,
          note: note || undefined,
        }),
      );
      if (result.status === "success") {
        formElement.reset();
        setSource(null);
      }
      return;
    }
    const resolution = resolvePassage(plainText, readField(form, "passage"));
    if (!resolution.ok) {
      setLocalErrors({ passage: resolution.reason });
      return;
    }
    setLocalErrors({});
    const result = await run(() =>
      addEvidenceAction({
        ...target,
        relation,
        passage: { revisionId, ...resolution.passage },
        note: note || undefined,
      }),
    );
    if (result.status === "success") {
      formElement.reset();
    }
  }

  return (
    <div className={styles.actions}>
      {!isOpen ? (
        <button
          ref={toggleRef}
          type="button"
          className={buttonClassName("secondary", true)}
          aria-expanded={false}
          aria-controls={formId}
          onClick={() => setOpen(true)}
        >
          Add evidence<span className="visually-hidden"> for {targetName}</span>
        </button>
      ) : (
        <form
          id={formId}
          className={`${styles.panel} ${styles.form}`}
          onSubmit={(event) => void handleSubmit(event)}
          aria-label={`Add evidence for ${targetName}`}
          noValidate
        >
          <SelectField
            label="Relation"
            name="relation"
            defaultValue="SUPPORTS"
            options={EVIDENCE_RELATIONS.map((relation) => ({
              value: relation,
              label: EVIDENCE_RELATION_LABELS[relation],
            }))}
            error={errors.relation}
          />
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Evidence from</legend>
            <label className={styles.choice}>
              <input
                type="radio"
                name="kind"
                value="source"
                checked={kind === "source"}
                onChange={() => setKind("source")}
              />
              A source from the library
            </label>
            <label className={styles.choice}>
              <input
                type="radio"
                name="kind"
                value="passage"
                checked={kind === "passage"}
                onChange={() => setKind("passage")}
              />
              A passage of this article
            </label>
          </fieldset>
          {kind === "source" ? (
            <>
              <SourcePicker
                value={source}
                onChange={(next) => {
                  setSource(next);
                  setLocalErrors({});
                }}
                error={errors.sourceId}
              />
              <SelectField
                label="Locator type"
                name="locatorLabel"
                defaultValue="page"
                options={LOCATOR_LABELS.map(({ value, label }) => ({ value, label }))}
                error={errors.locatorLabel}
              />
              <TextField
                label="Locator"
                name="locator"
                hint="Where in the source: “213”, “213–215”, “4”."
                maxLength={100}
                isOptional
                error={errors.locator}
              />
              <TextAreaField
                label="Quoted excerpt"
                name="quote"
                rows={3}
                maxLength={5000}
                isOptional
                error={errors.quote}
              />
            </>
          ) : (
            <TextAreaField
              label="The passage, word for word"
              name="passage"
              rows={3}
              hint="Copy the words from the article; they must occur there once."
              error={errors.passage}
            />
          )}
          <TextAreaField
            label="Note"
            name="note"
            rows={2}
            maxLength={2000}
            isOptional
            error={errors.note}
          />
          <FormActions
            label="Add evidence"
            pendingLabel="Adding…"
            isPending={isPending}
            onCancel={close}
            cancelLabel="Close"
          />
          {state ? <FormStatus state={state} isInline /> : null}
        </form>
      )}
    </div>
  );
}
