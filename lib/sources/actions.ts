"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import {
  readOptionalText,
  readText,
  toErrorState,
  type ActionState,
} from "@/lib/actions/action-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { CitedSourceView } from "@/lib/disputes/claim-page-view";
import { AppError } from "@/lib/errors";

import { assessSource } from "./assess-source";
import { createSource } from "./create-source";
import { deleteSource } from "./delete-source";
import { importSources, type ImportReport } from "./import-sources";
import { mergeSources } from "./merge-sources";
import {
  createSourceSchema,
  importSourcesSchema,
  parseSourceInput,
  updateSourceSchema,
} from "./schemas";
import { searchSources } from "./search-sources";
import { buildCslFromForm, SIMPLE_CSL_FIELDS } from "./source-form";
import { updateSource } from "./update-source";
import { withdrawAssessment } from "./withdraw-assessment";

/*
 * Server actions of the source library's pages, one per form, plus the search of the claim
 * page's source picker. Each reads the current user, calls one use case (which checks the
 * permission and validates the input with the domain's schemas) and returns an `ActionState`.
 */

/** The library's list page. */
const LIBRARY_PATH = "/sources";

/** The page of one source. */
function sourcePath(id: string): string {
  return `/sources/${encodeURIComponent(id)}`;
}

/** The form fields of a source that show their own errors. */
const SOURCE_FORM_FIELDS = [
  "type",
  "title",
  "author",
  "editor",
  "issued",
  ...SIMPLE_CSL_FIELDS.map(([field]) => field),
  "key",
  "category",
  "proximity",
  "authorPosition",
  "critique",
];

/** CSL variables named in messages, mapped onto the form's field names. */
const CSL_TO_FORM_FIELD: Record<string, string> = Object.fromEntries(
  SIMPLE_CSL_FIELDS.map(([field, variable]) => [variable, field]),
);

/** The stored item's other variables, sent back by the edit form as JSON (validated later). */
function readExtraCsl(formData: FormData): Record<string, unknown> {
  const text = readText(formData, "cslExtra");
  if (!text) {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    throw new AppError("INVALID_INPUT", "The form's hidden data is damaged; reload the page.");
  }
}

/** The source form's input for `createSource` / `updateSource`. */
function readSourceForm(formData: FormData): Record<string, unknown> {
  const values: Record<string, string> = {};
  for (const field of SOURCE_FORM_FIELDS) {
    values[field] = readText(formData, field);
  }
  return {
    csl: buildCslFromForm(values, readExtraCsl(formData)),
    key: readOptionalText(formData, "key"),
    category: readOptionalText(formData, "category") ?? null,
    proximity: readOptionalText(formData, "proximity"),
    authorPosition: readText(formData, "authorPosition"),
    critique: readText(formData, "critique"),
  };
}

/** The error state of the source form, with CSL variable names mapped onto its fields. */
function toSourceFormError(error: unknown, formData: FormData): ActionState {
  if (error instanceof AppError) {
    const match = /^([\w-]+): (.*)$/s.exec(error.message);
    const field = match?.[1] ? CSL_TO_FORM_FIELD[match[1]] : undefined;
    if (field && match?.[2]) {
      return toErrorState(
        new AppError(error.code, `${field}: ${match[2]}`, error.details),
        formData,
        SOURCE_FORM_FIELDS,
      );
    }
  }
  return toErrorState(error, formData, SOURCE_FORM_FIELDS);
}

/** Adds a source from the form, then opens its page. */
export async function createSourceAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  let id: string;
  try {
    const input = parseSourceInput(createSourceSchema, readSourceForm(formData));
    const saved = await createSource(await getCurrentUser(), input);
    id = saved.id;
    revalidatePath(LIBRARY_PATH);
  } catch (error) {
    return toSourceFormError(error, formData);
  }
  redirect(sourcePath(id));
}

/** Saves an edit of a source (hidden `id`, `expectedVersion`, `cslExtra`), then opens its page. */
export async function updateSourceAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  let id: string;
  try {
    const input = parseSourceInput(updateSourceSchema, {
      ...readSourceForm(formData),
      id: readText(formData, "id"),
      expectedVersion: readText(formData, "expectedVersion"),
    });
    const saved = await updateSource(await getCurrentUser(), input);
    id = saved.id;
    revalidatePath(LIBRARY_PATH);
    revalidatePath(sourcePath(id));
  } catch (error) {
    return toSourceFormError(error, formData);
  }
  redirect(sourcePath(id));
}

/** Deletes a source softly (hidden `id`), then returns to the library. */
export async function deleteSourceAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    await deleteSource(await getCurrentUser(), { id: readText(formData, "id") });
    revalidatePath(LIBRARY_PATH);
  } catch (error) {
    return toErrorState(error, formData, []);
  }
  redirect(LIBRARY_PATH);
}

/** Records the user's assessment of a source (hidden `sourceId`, `rating`, `rationale`). */
export async function assessSourceAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const sourceId = readText(formData, "sourceId");
    const result = await assessSource(await getCurrentUser(), {
      sourceId,
      rating: readText(formData, "rating"),
      rationale: readText(formData, "rationale"),
    });
    revalidatePath(sourcePath(sourceId));
    revalidatePath(LIBRARY_PATH);
    const { mean, label, count } = result.reliability;
    return {
      status: "success",
      message: `Assessment saved. The source now stands at ${mean ?? "–"} · ${label} (${count} ${count === 1 ? "assessment" : "assessments"}).`,
    };
  } catch (error) {
    return toErrorState(error, formData, ["rating", "rationale"]);
  }
}

/** Withdraws the user's current assessment (hidden `assessmentId`, `sourceId`). */
export async function withdrawAssessmentAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  try {
    const result = await withdrawAssessment(await getCurrentUser(), {
      assessmentId: readText(formData, "assessmentId"),
    });
    revalidatePath(sourcePath(result.sourceId));
    revalidatePath(LIBRARY_PATH);
    return { status: "success", message: "Assessment withdrawn." };
  } catch (error) {
    return toErrorState(error, formData, []);
  }
}

/**
 * Merges a duplicate into this source (hidden `survivorId`, chosen `duplicateId`), then reopens
 * the survivor's page with a notice of how many links moved (the merge form itself is gone then,
 * as there is no duplicate left).
 */
export async function mergeSourcesAction(
  _previous: ActionState,
  formData: FormData,
): Promise<ActionState> {
  let target: string;
  try {
    const result = await mergeSources(await getCurrentUser(), {
      survivorId: readText(formData, "survivorId"),
      duplicateId: readText(formData, "duplicateId"),
    });
    revalidatePath(sourcePath(result.survivorId));
    revalidatePath(sourcePath(result.duplicateId));
    revalidatePath(LIBRARY_PATH);
    const moved =
      result.evidenceIds.length + result.assessmentIds.length + result.bibliographyEntryIds.length;
    target = `${sourcePath(result.survivorId)}?merged=${moved}`;
  } catch (error) {
    return toErrorState(error, formData, ["duplicateId"]);
  }
  redirect(target);
}

/** What the import form's action returns: the form state and the report to show. */
export interface ImportActionState extends ActionState {
  report?: ImportReport;
}

/**
 * Runs an import (`format`, `text`, `confirm`; the form reads an uploaded file into `text`).
 * Without `confirm` and with errors, the report is a preview (nothing written).
 */
export async function importSourcesAction(
  _previous: ImportActionState,
  formData: FormData,
): Promise<ImportActionState> {
  try {
    const text = readText(formData, "text");
    const input = parseSourceInput(importSourcesSchema, {
      format: readText(formData, "format"),
      text,
      confirm: readText(formData, "confirm") === "true",
    });
    const report = await importSources(await getCurrentUser(), input);
    if (report.isWritten) {
      revalidatePath(LIBRARY_PATH);
    }
    const skipped = report.skippedCount > 0 ? `, ${report.skippedCount} skipped as duplicates` : "";
    const message = report.isWritten
      ? `Imported ${report.createdCount} ${report.createdCount === 1 ? "source" : "sources"}${skipped}.`
      : report.needsConfirmation
        ? `${report.errors.length} ${report.errors.length === 1 ? "entry has" : "entries have"} errors; nothing was imported. Fix them, or import the ${report.entries.length - report.skippedCount} valid ${report.entries.length - report.skippedCount === 1 ? "entry" : "entries"} only.`
        : `Nothing to import${skipped}.`;
    return {
      status: report.needsConfirmation ? "error" : "success",
      message,
      report,
      values: { format: readText(formData, "format"), text },
    };
  } catch (error) {
    return toErrorState(error, formData, ["format", "text"]);
  }
}

/**
 * Finds library sources for the claim page's evidence picker (live sources only, with their
 * reliability summary). Anyone may read the library.
 */
export async function searchSourcesAction(query: string): Promise<CitedSourceView[]> {
  if (typeof query !== "string") {
    return [];
  }
  return searchSources(query.slice(0, 200));
}
