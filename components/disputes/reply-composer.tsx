"use client";

import type { Editor } from "@tiptap/core";
import { useRef, useState, type FormEvent } from "react";

import { FormStatus, SelectField, TextAreaField, TextField } from "@/components/auth/form-controls";
import { createReplyAction } from "@/lib/disputes/actions";
import type { CitedSourceView } from "@/lib/disputes/claim-page-view";
import { EVIDENCE_RELATION_LABELS } from "@/lib/disputes/labels";
import { readEditorJson } from "@/lib/editor/editor-json";
import type { EvidenceRelation } from "@/lib/generated/prisma/enums";

import { useClaimPage } from "./claim-page-context";
import { EVIDENCE_RELATIONS, LOCATOR_LABELS } from "./dispute-display";
import styles from "./disputes.module.css";
import { FormActions } from "./form-actions";
import { ReplyBodyEditor } from "./reply-body-editor";
import { SourcePicker } from "./source-picker";
import { StanceFields, type StanceValue } from "./stance-fields";
import { useDisputeAction } from "./use-dispute-action";

/** Props of {@link ReplyComposer}. */
export interface ReplyComposerProps {
  /** The reply this one answers, if any. */
  inReplyTo?: { id: string; authorName: string };
  /** Called after the reply was posted or the composer cancelled (for answers). */
  onDone?: () => void;
}

/** No stance chosen. */
const NO_STANCE: StanceValue = { stance: "", stanceAccountId: "" };

/**
 * Writes a reply to the dispute thread: rich text with @mentions of other scholars, and an
 * optional stance (supports or opposes one of the accounts, a question, neutral), and optionally
 * a source from the library cited with it (more evidence can be added to the reply afterwards).
 */
export function ReplyComposer({ inReplyTo, onDone }: ReplyComposerProps) {
  const { claimId, accounts } = useClaimPage();
  const [editor, setEditor] = useState<Editor | null>(null);
  const [stance, setStance] = useState<StanceValue>(NO_STANCE);
  const [isCiting, setCiting] = useState(false);
  const [source, setSource] = useState<CitedSourceView | null>(null);
  const [sourceError, setSourceError] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const { state, isPending, run } = useDisputeAction();
  const errors = state?.fieldErrors ?? {};

  /** The source cited with the reply, read from the form, or none. */
  function readEvidence(form: FormData) {
    if (!isCiting || !source) {
      return [];
    }
    const read = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    const locator = read("evidenceLocator");
    const quote = read("evidenceQuote");
    return [
      {
        relation: (read("evidenceRelation") || "SUPPORTS") as EvidenceRelation,
        sourceId: source.id,
        locatorLabel: locator ? read("evidenceLocatorLabel") || "page" : undefined,
        locator: locator || undefined,
        quote: quote || undefined,
      },
    ];
  }

  async function handleSubmit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    const formElement = formRef.current;
    if (!editor || !formElement) {
      return;
    }
    if (isCiting && !source) {
      setSourceError("Choose a source from the library, or untick “Cite a source”.");
      return;
    }
    setSourceError(undefined);
    const evidence = readEvidence(new FormData(formElement));
    const result = await run(() =>
      createReplyAction({
        claimId,
        body: readEditorJson(editor),
        stance: stance.stance || undefined,
        stanceAccountId: stance.stanceAccountId || undefined,
        inReplyToId: inReplyTo?.id,
        evidence,
      }),
    );
    if (result.status === "success") {
      editor.commands.clearContent();
      setStance(NO_STANCE);
      setSource(null);
      setCiting(false);
      formElement.reset();
      onDone?.();
    }
  }

  const title = inReplyTo ? `Answer ${inReplyTo.authorName}` : "Reply";
  return (
    <form
      ref={formRef}
      className={`${styles.panel} ${styles.form}`}
      onSubmit={(event) => void handleSubmit(event)}
      aria-label={title}
      noValidate
    >
      {!inReplyTo ? <h3 className={styles.panelTitle}>Reply to the dispute</h3> : null}
      <ReplyBodyEditor
        label={inReplyTo ? `Your answer to ${inReplyTo.authorName}` : "Your reply"}
        onEditorChange={setEditor}
        hint="Type @ and a name to mention another scholar. Ctrl+Enter posts."
        error={errors.body}
        onSubmitShortcut={() => void handleSubmit()}
      />
      <StanceFields value={stance} onChange={setStance} accounts={accounts} errors={errors} />
      <label className={styles.choice}>
        <input
          type="checkbox"
          checked={isCiting}
          onChange={(event) => setCiting(event.target.checked)}
        />
        Cite a source with this reply
      </label>
      {isCiting ? (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Source cited</legend>
          <SelectField
            label="Relation"
            name="evidenceRelation"
            defaultValue="SUPPORTS"
            options={EVIDENCE_RELATIONS.map((relation) => ({
              value: relation,
              label: EVIDENCE_RELATION_LABELS[relation],
            }))}
          />
          <SourcePicker
            value={source}
            onChange={(next) => {
              setSource(next);
              setSourceError(undefined);
            }}
            error={sourceError ?? errors.evidence}
          />
          <SelectField
            label="Locator type"
            name="evidenceLocatorLabel"
            defaultValue="page"
            options={LOCATOR_LABELS.map(({ value, label }) => ({ value, label }))}
          />
          <TextField label="Locator" name="evidenceLocator" maxLength={100} isOptional />
          <TextAreaField
            label="Quoted excerpt"
            name="evidenceQuote"
            rows={2}
            maxLength={5000}
            isOptional
          />
        </fieldset>
      ) : null}
      <FormActions
        label="Post reply"
        pendingLabel="Posting…"
        isPending={isPending}
        onCancel={inReplyTo ? () => onDone?.() : undefined}
      />
      {state ? <FormStatus state={state} isInline /> : null}
    </form>
  );
}
