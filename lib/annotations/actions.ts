"use server";

import { revalidatePath } from "next/cache";

import { toDataActionErrorState } from "@/lib/actions/action-state";
import { getCurrentUser } from "@/lib/auth/current-user";
import { isAppError } from "@/lib/errors";

import type { AnnotationView } from "./annotation-view";
import { createAnnotation } from "./create-annotation";
import { deleteAnnotation } from "./delete-annotation";
import { hideAnnotation } from "./hide-annotation";
import { reattachAnnotation } from "./reattach-annotation";
import type {
  CreateAnnotationInput,
  DeleteAnnotationInput,
  HideAnnotationInput,
  ReattachAnnotationInput,
  UnhideAnnotationInput,
  UpdateAnnotationInput,
} from "./schemas";
import { unhideAnnotation } from "./unhide-annotation";
import { updateAnnotation } from "./update-annotation";

/*
 * Server actions of the reader: the annotation editor and sidebar call them with plain objects
 * (selectors are structured, so these are not form posts). Each reads the current user, calls one
 * use case (which checks permissions and validates the input) and returns an
 * `AnnotationActionState`. Next checks that server actions come from our own origin.
 */

/** What every annotation action returns: plain, serialisable data. */
export interface AnnotationActionState {
  status: "success" | "error";
  /** A sentence for the status region: what happened, or what went wrong overall. */
  message?: string;
  /** Messages for single fields (body, tags, flag, groupId, target, …). */
  fieldErrors?: Record<string, string>;
  /**
   * The error's code: "CONFLICT" means the annotation was edited elsewhere (reload and reapply),
   * "NOT_FOUND" that it is gone or no longer visible, "UNAUTHENTICATED" that the user must sign in.
   */
  code?: string;
  /** For a CONFLICT: the version now stored. */
  currentVersion?: number;
  /** The annotation as it is after the change (not for deletions). */
  annotation?: AnnotationView;
}

/** Fields the reader's annotation editor shows errors next to. */
const EDITOR_FIELDS = [
  "kind",
  "flag",
  "body",
  "tags",
  "visibility",
  "groupId",
  "target",
  "reason",
  "revisionId",
];

/** The reading page of an article, whose annotations changed. */
function articlePath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

/** Turns what an action caught into its error state, keeping the error's code for the UI. */
function toAnnotationErrorState(error: unknown): AnnotationActionState {
  const result: AnnotationActionState = toDataActionErrorState(error, EDITOR_FIELDS);
  if (isAppError(error) && typeof error.details?.currentVersion === "number") {
    result.currentVersion = error.details.currentVersion;
  }
  return result;
}

/** Annotates a passage of the current revision (comment, question, highlight or claim flag). */
export async function createAnnotationAction(
  input: CreateAnnotationInput,
): Promise<AnnotationActionState> {
  try {
    const annotation = await createAnnotation(await getCurrentUser(), input);
    revalidatePath(articlePath(annotation.articleSlug));
    return { status: "success", message: "Annotation saved.", annotation };
  } catch (error) {
    return toAnnotationErrorState(error);
  }
}

/**
 * Saves an edit made from `expectedVersion`. When someone else saved first, the state has code
 * "CONFLICT", the version now stored and the message "This annotation was changed by someone else
 * (now version N); reload and reapply your edit."
 */
export async function updateAnnotationAction(
  input: UpdateAnnotationInput,
): Promise<AnnotationActionState> {
  try {
    const annotation = await updateAnnotation(await getCurrentUser(), input);
    revalidatePath(articlePath(annotation.articleSlug));
    return { status: "success", message: "Changes saved.", annotation };
  } catch (error) {
    return toAnnotationErrorState(error);
  }
}

/** Deletes one's own annotation (softly: it is kept, but shown to no one). */
export async function deleteAnnotationAction(
  input: DeleteAnnotationInput,
): Promise<AnnotationActionState> {
  try {
    const { articleSlug } = await deleteAnnotation(await getCurrentUser(), input);
    revalidatePath(articlePath(articleSlug));
    return { status: "success", message: "Annotation deleted." };
  } catch (error) {
    return toAnnotationErrorState(error);
  }
}

/** Hides an annotation from everyone but moderators (moderators only). */
export async function hideAnnotationAction(
  input: HideAnnotationInput,
): Promise<AnnotationActionState> {
  try {
    const annotation = await hideAnnotation(await getCurrentUser(), input);
    revalidatePath(articlePath(annotation.articleSlug));
    return { status: "success", message: "Annotation hidden.", annotation };
  } catch (error) {
    return toAnnotationErrorState(error);
  }
}

/** Shows a hidden annotation again (moderators only). */
export async function unhideAnnotationAction(
  input: UnhideAnnotationInput,
): Promise<AnnotationActionState> {
  try {
    const annotation = await unhideAnnotation(await getCurrentUser(), input);
    revalidatePath(articlePath(annotation.articleSlug));
    return { status: "success", message: "Annotation shown again.", annotation };
  } catch (error) {
    return toAnnotationErrorState(error);
  }
}

/** Places an annotation (usually an orphan) on a newly selected passage of the current revision. */
export async function reattachAnnotationAction(
  input: ReattachAnnotationInput,
): Promise<AnnotationActionState> {
  try {
    const annotation = await reattachAnnotation(await getCurrentUser(), input);
    revalidatePath(articlePath(annotation.articleSlug));
    return { status: "success", message: "Annotation re-attached.", annotation };
  } catch (error) {
    return toAnnotationErrorState(error);
  }
}
