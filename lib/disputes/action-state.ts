/**
 * What every server action of the disputes domain returns (`lib/disputes/actions.ts`): plain,
 * serialisable data. Kept out of the "use server" file so that client components can import the
 * type.
 */
export interface DisputeActionState {
  status: "success" | "error";
  /** A sentence for the status region: what happened, or what went wrong overall. */
  message?: string;
  /** Messages for single fields (title, body, rationale, stanceAccountId, sourceId, passage, …). */
  fieldErrors?: Record<string, string>;
  /**
   * The error's code: "CONFLICT" means the thing was changed elsewhere or the thread is locked,
   * "NOT_FOUND" that it is gone or not visible, "FORBIDDEN" that the user may not do this,
   * "UNAUTHENTICATED" that they must sign in.
   */
  code?: string;
  /** The id of what was created or changed. */
  id?: string;
}
