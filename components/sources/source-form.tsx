"use client";

import { useActionState } from "react";

import {
  FormStatus,
  IDLE_STATE,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
} from "@/components/auth/form-controls";
import formStyles from "@/components/auth/forms.module.css";
import type { ActionState } from "@/lib/actions/action-state";
import { createSourceAction, updateSourceAction } from "@/lib/sources/actions";

import { CATEGORY_OPTIONS, PROXIMITY_OPTIONS, TYPE_OPTIONS } from "./source-labels";
import styles from "./sources.module.css";

/** A stored source, for the edit form. */
export interface SourceFormInitial {
  id: string;
  version: number;
  key: string;
  /** The form's CSL fields as text (see `toSourceFormValues`). */
  values: Record<string, string>;
  /** The stored item's other CSL variables, sent back unchanged. */
  extra: Record<string, unknown>;
  category: string;
  proximity: string;
  authorPosition: string;
  critique: string;
}

/** Props of {@link SourceForm}. */
export interface SourceFormProps {
  /** The source to edit; a new source when absent. */
  initial?: SourceFormInitial;
}

/**
 * The form of a source: its citation (CSL type, title, authors and editors one per line, date,
 * publisher, container, locators, identifiers) and its critique (category, the author's position,
 * proximity to the events, notes). Creates a source, or edits one from its version.
 */
export function SourceForm({ initial }: SourceFormProps) {
  const [state, formAction] = useActionState<ActionState, FormData>(
    initial ? updateSourceAction : createSourceAction,
    IDLE_STATE,
  );
  const errors = state.fieldErrors ?? {};
  const echoed = state.status === "error" ? state.values : undefined;
  const stored: Record<string, string> = initial
    ? {
        key: initial.key,
        category: initial.category,
        proximity: initial.proximity,
        authorPosition: initial.authorPosition,
        critique: initial.critique,
        ...initial.values,
      }
    : {};
  const value = (name: string): string | undefined => echoed?.[name] ?? stored[name];

  return (
    <form action={formAction} className={formStyles.form} noValidate>
      <FormStatus state={state} />
      {initial ? (
        <>
          <input type="hidden" name="id" value={initial.id} />
          <input type="hidden" name="expectedVersion" value={initial.version} />
          <input type="hidden" name="cslExtra" value={JSON.stringify(initial.extra)} />
        </>
      ) : null}
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Citation</legend>
        <SelectField
          label="Type"
          name="type"
          options={TYPE_OPTIONS}
          defaultValue={value("type") ?? "book"}
          hint="The CSL item type."
          error={errors.type}
        />
        <TextField
          label="Title"
          name="title"
          required
          maxLength={1000}
          defaultValue={value("title")}
          error={errors.title}
        />
        <div className={styles.formGrid}>
          <TextAreaField
            label="Authors"
            name="author"
            isOptional
            rows={3}
            hint="One per line, as Family, Given. A name without a comma (an organisation) is kept as written."
            defaultValue={value("author")}
            error={errors.author}
          />
          <TextAreaField
            label="Editors"
            name="editor"
            isOptional
            rows={3}
            hint="One per line, as Family, Given."
            defaultValue={value("editor")}
            error={errors.editor}
          />
        </div>
        <div className={styles.formGrid}>
          <TextField
            label="Date issued"
            name="issued"
            isOptional
            hint="A year (2004), year and month (2004-03), or a full date."
            defaultValue={value("issued")}
            error={errors.issued}
          />
          <TextField
            label="Publisher"
            name="publisher"
            isOptional
            defaultValue={value("publisher")}
            error={errors.publisher}
          />
          <TextField
            label="Place of publication"
            name="publisherPlace"
            isOptional
            defaultValue={value("publisherPlace")}
            error={errors.publisherPlace}
          />
          <TextField
            label="Journal, book or site"
            name="containerTitle"
            isOptional
            hint="What it is part of (container title)."
            defaultValue={value("containerTitle")}
            error={errors.containerTitle}
          />
          <TextField
            label="Volume"
            name="volume"
            isOptional
            defaultValue={value("volume")}
            error={errors.volume}
          />
          <TextField
            label="Issue"
            name="issue"
            isOptional
            defaultValue={value("issue")}
            error={errors.issue}
          />
          <TextField
            label="Pages"
            name="page"
            isOptional
            defaultValue={value("page")}
            error={errors.page}
          />
          <TextField
            label="URL"
            name="URL"
            type="url"
            isOptional
            defaultValue={value("URL")}
            error={errors.URL}
          />
          <TextField
            label="DOI"
            name="DOI"
            isOptional
            hint="10.1000/xyz"
            defaultValue={value("DOI")}
            error={errors.DOI}
          />
          <TextField
            label="ISBN"
            name="ISBN"
            isOptional
            defaultValue={value("ISBN")}
            error={errors.ISBN}
          />
          <TextField
            label="Language"
            name="language"
            isOptional
            defaultValue={value("language")}
            error={errors.language}
          />
          <TextField
            label="Citation key"
            name="key"
            isOptional
            hint="Generated from author, year and title when empty (coll2004ghost)."
            defaultValue={value("key")}
            error={errors.key}
          />
        </div>
        <TextAreaField
          label="Note"
          name="note"
          isOptional
          rows={2}
          defaultValue={value("note")}
          error={errors.note}
        />
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>Source critique</legend>
        <div className={styles.formGrid}>
          <SelectField
            label="Category"
            name="category"
            options={CATEGORY_OPTIONS}
            defaultValue={value("category") ?? ""}
            hint="Primary: a participant's or witness's account, or a document of the time."
            error={errors.category}
          />
          <SelectField
            label="Proximity to the events"
            name="proximity"
            options={PROXIMITY_OPTIONS}
            defaultValue={value("proximity") ?? "UNKNOWN"}
            error={errors.proximity}
          />
        </div>
        <TextField
          label="Author's position or affiliation"
          name="authorPosition"
          isOptional
          maxLength={500}
          hint="As it bears on the account: “Head of the ISI's Afghan bureau”."
          defaultValue={value("authorPosition")}
          error={errors.authorPosition}
        />
        <TextAreaField
          label="Critique"
          name="critique"
          isOptional
          rows={5}
          maxLength={10000}
          hint="Bias, access to the events, corroboration."
          defaultValue={value("critique")}
          error={errors.critique}
        />
      </fieldset>
      <div className={formStyles.actions}>
        <SubmitButton pendingLabel="Saving…">
          {initial ? "Save changes" : "Add source"}
        </SubmitButton>
      </div>
    </form>
  );
}
