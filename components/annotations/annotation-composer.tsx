"use client";

import type { Editor, JSONContent } from "@tiptap/core";
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
} from "react";

import { buttonClassName, FormStatus } from "@/components/auth/form-controls";
import type { AnnotationActionState } from "@/lib/annotations/actions";
import { readEditorJson } from "@/lib/editor/editor-json";
import type { AnnotationKind, ClaimFlag, Visibility } from "@/lib/generated/prisma/enums";

import { AnnotationBodyEditor } from "./annotation-body-editor";
import {
  ANNOTATION_KINDS,
  CLAIM_FLAGS,
  FLAG_GLYPHS,
  FLAG_LABELS,
  KIND_GLYPHS,
  KIND_LABELS,
  shortenQuote,
} from "./annotation-display";
import type { AnnotationFields } from "./annotation-workspace";
import styles from "./annotations.module.css";

/** The starting values of the form (an edit's current annotation). */
export interface ComposerValues {
  kind: AnnotationKind;
  flag: ClaimFlag | null;
  body: JSONContent;
  tags: string[];
  visibility: Visibility;
  groupId: string | null;
}

/** Props of {@link AnnotationComposer}. */
export interface AnnotationComposerProps {
  /** "create" for a new annotation of a passage, "edit" for an existing one. */
  mode: "create" | "edit";
  /** The passage the annotation is about. */
  quote: string;
  /** Values to start from; a new comment in the public layer by default. */
  initialValues?: ComposerValues;
  /** The viewer's groups: layers the annotation can be put in. */
  groups: { id: string; name: string }[];
  /** Sends the fields; the returned state's errors are shown in the form. */
  onSubmit: (fields: AnnotationFields) => Promise<AnnotationActionState>;
  onCancel: () => void;
  /** Shown above the actions after a conflict: what the reader should do next. */
  conflictNote?: string;
  /** Level of the form's heading: 3 at the top of the sidebar, one below an entry's inside it. */
  headingLevel?: 3 | 4 | 5;
}

/** The layer select's value: "PUBLIC", "PRIVATE" or "group:<id>". */
function layerValue(visibility: Visibility, groupId: string | null): string {
  return visibility === "GROUP" && groupId ? `group:${groupId}` : visibility;
}

/** Tags typed as "a, b, c" → ["a", "b", "c"] (the server normalises them further). */
function parseTags(text: string): string[] {
  return text
    .split(",")
    .map((tag) => tag.trim())
    .filter((tag) => tag !== "");
}

/** The fields that the server may name in `fieldErrors` and that the form shows. */
const FORM_FIELDS = ["kind", "flag", "body", "tags", "visibility", "groupId", "target"] as const;

/**
 * The form to write or edit an annotation: what it is (comment, question, highlight, claim flag
 * with its flag), the note in rich text, tags, and who may read it (public, one of the viewer's
 * groups, only them). On a failed save the reader's text stays in the form with the server's
 * message; Escape cancels, Ctrl+Enter saves. The first choice takes focus when it opens.
 */
export function AnnotationComposer({
  mode,
  quote,
  initialValues,
  groups,
  onSubmit,
  onCancel,
  conflictNote,
  headingLevel = 3,
}: AnnotationComposerProps) {
  const Heading = `h${headingLevel}` as const;
  const id = useId();
  const initial = initialValues ?? {
    kind: "COMMENT" as AnnotationKind,
    flag: null,
    body: { type: "doc", content: [{ type: "paragraph" }] },
    tags: [],
    visibility: "PUBLIC" as Visibility,
    groupId: null,
  };
  const isClaimLocked = mode === "edit" && initial.kind === "CLAIM";
  const kindChoices =
    mode === "edit" ? ANNOTATION_KINDS.filter((kind) => kind !== "CLAIM") : ANNOTATION_KINDS;

  const [kind, setKind] = useState<AnnotationKind>(initial.kind);
  const [flag, setFlag] = useState<ClaimFlag>(initial.flag ?? "DISPUTED");
  const [tags, setTags] = useState(initial.tags.join(", "));
  const [layer, setLayer] = useState(layerValue(initial.visibility, initial.groupId));
  const [state, setState] = useState<AnnotationActionState | null>(null);
  const [isPending, setIsPending] = useState(false);
  const bodyEditorRef = useRef<Editor | null>(null);
  const firstControlRef = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);

  const setFirstControl = useCallback((element: HTMLInputElement | HTMLSelectElement | null) => {
    if (element) {
      firstControlRef.current = element;
    }
  }, []);

  const handleBodyEditorChange = useCallback((editor: Editor | null) => {
    bodyEditorRef.current = editor;
  }, []);

  useEffect(() => {
    firstControlRef.current?.focus();
  }, []);

  const fieldErrors = state?.status === "error" ? (state.fieldErrors ?? {}) : {};
  const targetError = fieldErrors.target;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (isPending) {
      return;
    }
    const [visibility, groupId] = layer.startsWith("group:")
      ? (["GROUP", layer.slice("group:".length)] as const)
      : ([layer as Visibility, null] as const);
    const effectiveKind = isClaimLocked ? "CLAIM" : kind;
    setIsPending(true);
    try {
      const result = await onSubmit({
        kind: effectiveKind,
        flag: effectiveKind === "CLAIM" ? flag : null,
        body: bodyEditorRef.current ? readEditorJson(bodyEditorRef.current) : initial.body,
        tags: parseTags(tags),
        visibility,
        groupId,
      });
      setState(result);
    } catch {
      setState({
        status: "error",
        message: "The annotation could not be sent. Check your connection and try again.",
      });
    } finally {
      setIsPending(false);
    }
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  }

  const isClaim = isClaimLocked || kind === "CLAIM";
  const headingId = `${id}-heading`;
  const unknownErrors = Object.entries(fieldErrors)
    .filter(([field]) => !(FORM_FIELDS as readonly string[]).includes(field))
    .map(([, message]) => message);

  return (
    <form
      ref={formRef}
      className={styles.composer}
      aria-labelledby={headingId}
      onSubmit={handleSubmit}
      onKeyDown={handleKeyDown}
      noValidate
    >
      <Heading id={headingId} className={styles.composerTitle}>
        {mode === "create" ? "New annotation" : "Edit annotation"}
      </Heading>
      <blockquote className={styles.composerQuote}>
        <span className="visually-hidden">Passage: </span>“{shortenQuote(quote, 240)}”
      </blockquote>
      {targetError ? <p className={styles.error}>{targetError}</p> : null}

      {isClaimLocked ? null : (
        <fieldset className={styles.fieldset}>
          <legend className={styles.label}>Type</legend>
          <div className={styles.kindChoices}>
            {kindChoices.map((choice, index) => (
              <label key={choice} className={styles.kindChoice}>
                <input
                  ref={
                    choice === kind || (index === 0 && !kindChoices.includes(kind))
                      ? setFirstControl
                      : undefined
                  }
                  type="radio"
                  name={`${id}-kind`}
                  value={choice}
                  checked={kind === choice}
                  onChange={() => setKind(choice)}
                />
                <span aria-hidden="true" className={styles.kindGlyph}>
                  {choice === "CLAIM" ? FLAG_GLYPHS.DISPUTED : KIND_GLYPHS[choice]}
                </span>
                {KIND_LABELS[choice]}
              </label>
            ))}
          </div>
          {fieldErrors.kind ? <p className={styles.error}>{fieldErrors.kind}</p> : null}
        </fieldset>
      )}

      {isClaim ? (
        <div className={styles.field}>
          <label className={styles.label} htmlFor={`${id}-flag`}>
            Flag
          </label>
          <select
            id={`${id}-flag`}
            ref={isClaimLocked ? setFirstControl : undefined}
            className={styles.select}
            value={flag}
            onChange={(event) => setFlag(event.target.value as ClaimFlag)}
            aria-invalid={fieldErrors.flag ? true : undefined}
            aria-describedby={fieldErrors.flag ? `${id}-flag-error` : undefined}
          >
            {CLAIM_FLAGS.map((choice) => (
              <option key={choice} value={choice}>
                {FLAG_LABELS[choice]}
              </option>
            ))}
          </select>
          {fieldErrors.flag ? (
            <p id={`${id}-flag-error`} className={styles.error}>
              {fieldErrors.flag}
            </p>
          ) : null}
        </div>
      ) : null}

      <AnnotationBodyEditor
        label="Note"
        hint={
          kind === "COMMENT" || kind === "QUESTION"
            ? "Required for comments and questions. Ctrl+Enter saves."
            : "Optional. Ctrl+Enter saves."
        }
        initialContent={initial.body}
        onEditorChange={handleBodyEditorChange}
        error={fieldErrors.body}
        onSubmitShortcut={() => formRef.current?.requestSubmit()}
      />

      <div className={styles.field}>
        <label className={styles.label} htmlFor={`${id}-tags`}>
          Tags <span className={styles.optional}>(optional)</span>
        </label>
        <p id={`${id}-tags-hint`} className={styles.hint}>
          Separate tags with commas, e.g. “chronology, casualty figures”.
        </p>
        <input
          id={`${id}-tags`}
          className={styles.input}
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          autoComplete="off"
          aria-invalid={fieldErrors.tags ? true : undefined}
          aria-describedby={[fieldErrors.tags ? `${id}-tags-error` : "", `${id}-tags-hint`]
            .filter(Boolean)
            .join(" ")}
        />
        {fieldErrors.tags ? (
          <p id={`${id}-tags-error`} className={styles.error}>
            {fieldErrors.tags}
          </p>
        ) : null}
      </div>

      <div className={styles.field}>
        <label className={styles.label} htmlFor={`${id}-layer`}>
          Visible to
        </label>
        <select
          id={`${id}-layer`}
          className={styles.select}
          value={layer}
          onChange={(event) => setLayer(event.target.value)}
          aria-invalid={fieldErrors.visibility || fieldErrors.groupId ? true : undefined}
          aria-describedby={
            fieldErrors.visibility || fieldErrors.groupId ? `${id}-layer-error` : undefined
          }
        >
          <option value="PUBLIC">Everyone (public)</option>
          {groups.map((group) => (
            <option key={group.id} value={`group:${group.id}`}>
              Group: {group.name}
            </option>
          ))}
          <option value="PRIVATE">Only me (private)</option>
        </select>
        {fieldErrors.visibility || fieldErrors.groupId ? (
          <p id={`${id}-layer-error`} className={styles.error}>
            {fieldErrors.visibility ?? fieldErrors.groupId}
          </p>
        ) : null}
      </div>

      {state?.status === "error" ? (
        <FormStatus
          state={{
            status: "error",
            message: [state.message, ...unknownErrors].filter(Boolean).join(" "),
          }}
        />
      ) : null}
      {conflictNote && state?.code === "CONFLICT" ? (
        <p className={styles.hint}>{conflictNote}</p>
      ) : null}

      <div className={styles.formActions}>
        <button type="submit" className={buttonClassName("primary", true)} disabled={isPending}>
          {isPending ? "Saving…" : mode === "create" ? "Save annotation" : "Save changes"}
        </button>
        <button type="button" className={buttonClassName("secondary", true)} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
