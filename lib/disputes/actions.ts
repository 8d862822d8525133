"use server";

import { revalidatePath } from "next/cache";

import { toDataActionErrorState } from "@/lib/actions/action-state";
import { getCurrentUser } from "@/lib/auth/current-user";

import type { DisputeActionState } from "./action-state";
import { addEvidence } from "./add-evidence";
import { changeClaimStatus } from "./change-claim-status";
import { claimPagePath } from "./claim-page-path";
import type { PersonRef } from "./claim-page-view";
import { createAccount } from "./create-account";
import { createReply } from "./create-reply";
import { deleteAccount } from "./delete-account";
import { deleteReply } from "./delete-reply";
import { hideReply } from "./hide-reply";
import { listReplyVersions, type ReplyVersionView } from "./list-reply-versions";
import { removeEvidence } from "./remove-evidence";
import type {
  AddEvidenceInput,
  ChangeClaimStatusInput,
  CreateAccountInput,
  CreateReplyInput,
  DeleteAccountInput,
  HideReplyInput,
  RemoveEvidenceInput,
  ReplyIdInput,
  SetThreadLockInput,
  UpdateAccountInput,
  UpdateClaimTitleInput,
  UpdateReplyInput,
} from "./schemas";
import { searchMentionableUsers } from "./search-mentionable-users";
import { setThreadLock } from "./set-thread-lock";
import { unhideReply } from "./unhide-reply";
import { updateAccount } from "./update-account";
import { updateClaimTitle } from "./update-claim-title";
import { updateReply } from "./update-reply";

/*
 * Server actions of the claim page. Each reads the current user, calls one use case (which checks
 * permissions and validates the input, writing nothing on failure), revalidates the claim page and
 * the article's reading page, and returns a `DisputeActionState`.
 */

/** Fields of the claim page's forms that show their own errors. */
const FORM_FIELDS = [
  "title",
  "body",
  "proponents",
  "relation",
  "sourceId",
  "locatorLabel",
  "locator",
  "quote",
  "passage",
  "note",
  "stance",
  "stanceAccountId",
  "inReplyToId",
  "evidence",
  "status",
  "rationale",
  "reason",
  "version",
  "accountId",
  "replyId",
];

/** Turns what an action caught into its error state, keeping the error's code for the UI. */
function toDisputeErrorState(error: unknown): DisputeActionState {
  return toDataActionErrorState(error, FORM_FIELDS);
}

/** Revalidates the pages that show a claim: its own page and its article's reading page. */
function revalidateClaim(articleSlug: string, claimId: string): void {
  revalidatePath(claimPagePath(articleSlug, claimId));
  revalidatePath(`/articles/${encodeURIComponent(articleSlug)}`);
}

/** Runs one mutation for the current user and shapes its result. */
async function run(
  message: string,
  mutate: (
    actor: Awaited<ReturnType<typeof getCurrentUser>>,
  ) => Promise<{ id: string; claimId?: string; articleSlug: string }>,
): Promise<DisputeActionState> {
  try {
    const result = await mutate(await getCurrentUser());
    revalidateClaim(result.articleSlug, result.claimId ?? result.id);
    return { status: "success", message, id: result.id };
  } catch (error) {
    return toDisputeErrorState(error);
  }
}

/** Adds an account (a version of what happened, with its proponents) to a claim. */
export async function createAccountAction(input: CreateAccountInput): Promise<DisputeActionState> {
  return run("Account added.", (actor) => createAccount(actor, input));
}

/** Saves an edit of an account made from `version` (CONFLICT when someone saved first). */
export async function updateAccountAction(input: UpdateAccountInput): Promise<DisputeActionState> {
  return run("Account saved.", (actor) => updateAccount(actor, input));
}

/** Withdraws an account (softly; it stays on the timeline). */
export async function deleteAccountAction(input: DeleteAccountInput): Promise<DisputeActionState> {
  return run("Account withdrawn.", (actor) => deleteAccount(actor, input));
}

/** Links a source (with locator and quotation) or a passage of the article to an account or reply. */
export async function addEvidenceAction(input: AddEvidenceInput): Promise<DisputeActionState> {
  return run("Evidence added.", (actor) => addEvidence(actor, input));
}

/** Removes a piece of evidence (softly). */
export async function removeEvidenceAction(
  input: RemoveEvidenceInput,
): Promise<DisputeActionState> {
  return run("Evidence removed.", (actor) => removeEvidence(actor, input));
}

/** Posts a reply to the dispute thread, with its stance, mentions and evidence. */
export async function createReplyAction(input: CreateReplyInput): Promise<DisputeActionState> {
  return run("Reply posted.", (actor) => createReply(actor, input));
}

/** Saves an edit of one's own reply made from `version`; the earlier text is kept. */
export async function updateReplyAction(input: UpdateReplyInput): Promise<DisputeActionState> {
  return run("Reply saved.", (actor) => updateReply(actor, input));
}

/** Deletes one's own reply (softly: the thread shows a stub). */
export async function deleteReplyAction(input: ReplyIdInput): Promise<DisputeActionState> {
  return run("Reply deleted.", (actor) => deleteReply(actor, input));
}

/** Hides a reply from everyone but moderators (moderators only). */
export async function hideReplyAction(input: HideReplyInput): Promise<DisputeActionState> {
  return run("Reply hidden.", (actor) => hideReply(actor, input));
}

/** Shows a hidden reply again (moderators only). */
export async function unhideReplyAction(input: ReplyIdInput): Promise<DisputeActionState> {
  return run("Reply shown again.", (actor) => unhideReply(actor, input));
}

/** Locks or unlocks the dispute thread (moderators only). */
export async function setThreadLockAction(input: SetThreadLockInput): Promise<DisputeActionState> {
  return run(input.locked ? "Thread locked." : "Thread unlocked.", (actor) =>
    setThreadLock(actor, input),
  );
}

/** Changes the claim's status (moderators only); resolutions and reopenings need a rationale. */
export async function changeClaimStatusAction(
  input: ChangeClaimStatusInput,
): Promise<DisputeActionState> {
  return run("Status changed.", (actor) => changeClaimStatus(actor, input));
}

/** Sets the claim's title (the flagger or a moderator). */
export async function updateClaimTitleAction(
  input: UpdateClaimTitleInput,
): Promise<DisputeActionState> {
  return run("Title saved.", (actor) => updateClaimTitle(actor, input));
}

/** The earlier versions of a reply, oldest first, for the "edited" history view. */
export async function listReplyVersionsAction(
  input: ReplyIdInput,
): Promise<
  { status: "success"; versions: ReplyVersionView[] } | (DisputeActionState & { status: "error" })
> {
  try {
    return { status: "success", versions: await listReplyVersions(await getCurrentUser(), input) };
  } catch (error) {
    return { ...toDisputeErrorState(error), status: "error" };
  }
}

/** Up to 8 enabled scholars whose name contains `query`, for "@" mentions; [] when not allowed. */
export async function searchMentionableUsersAction(query: string): Promise<PersonRef[]> {
  try {
    return await searchMentionableUsers(await getCurrentUser(), query);
  } catch {
    return [];
  }
}
