import "server-only";

import type { JSONContent } from "@tiptap/core";

import { MENTION_NODE_NAME } from "@/lib/editor/scholar-mention/scholar-mention";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Most distinct scholars one reply may mention. */
export const MAX_MENTIONS = 20;

/** The `mention` nodes of a body, in document order: the user id and the label shown. */
export function collectMentions(doc: JSONContent): { id: string; label: string }[] {
  const found: { id: string; label: string }[] = [];
  const visit = (node: JSONContent): void => {
    if (node.type === MENTION_NODE_NAME) {
      const id = node.attrs?.id;
      const label = node.attrs?.label;
      if (typeof id === "string") {
        found.push({ id, label: typeof label === "string" ? label : id });
      }
    }
    node.content?.forEach(visit);
  };
  visit(doc);
  return found;
}

/**
 * The distinct ids of the scholars a body mentions, after checking that each is an existing,
 * enabled account: a mention of anyone else is refused rather than stored as a dangling id.
 *
 * @throws AppError INVALID_INPUT "body: …" naming the first unknown mention
 */
export async function resolveMentionedUserIds(
  tx: Prisma.TransactionClient,
  doc: JSONContent,
): Promise<string[]> {
  const mentions = collectMentions(doc);
  const ids = [...new Set(mentions.map((mention) => mention.id))];
  if (ids.length === 0) {
    return [];
  }
  if (ids.length > MAX_MENTIONS) {
    throw new AppError(
      "INVALID_INPUT",
      `body: mention at most ${MAX_MENTIONS} scholars in one reply.`,
      { field: "body" },
    );
  }
  const users = await tx.user.findMany({
    where: { id: { in: ids }, disabledAt: null },
    select: { id: true },
  });
  const known = new Set(users.map((user) => user.id));
  const unknown = mentions.find((mention) => !known.has(mention.id));
  if (unknown) {
    throw new AppError(
      "INVALID_INPUT",
      `body: @${unknown.label} is not a member who can be mentioned; pick a name from the list.`,
      { field: "body" },
    );
  }
  return ids;
}
