/**
 * Integration tests of re-anchoring against a real PostgreSQL database of their own: a new
 * import places every annotation on the new revision (edits before, inside and after passages, a
 * deleted passage making an orphan that is kept and listed with its quote), re-attaching by hand,
 * and the next import following the passage from where it was last placed.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { describeTextRange } from "@/lib/anchoring/selectors";
import { findAnnotatableRevision } from "@/seed/annotation-factories";
import { buildUser, toBytes, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { AnnotationView } from "./annotation-view";

let prisma: typeof import("@/lib/db").prisma;
let importArticle: typeof import("@/lib/articles/import-article").importArticle;
let createAnnotation: typeof import("./create-annotation").createAnnotation;
let deleteAnnotation: typeof import("./delete-annotation").deleteAnnotation;
let hideAnnotation: typeof import("./hide-annotation").hideAnnotation;
let reattachAnnotation: typeof import("./reattach-annotation").reattachAnnotation;
let listAnnotationsForArticle: typeof import("./list-annotations-for-article").listAnnotationsForArticle;
let countAnnotationsBySection: typeof import("./count-annotations-by-section").countAnnotationsBySection;

let author: BuiltUser;
let otherAnnotator: BuiltUser;
let moderator: BuiltUser;

const TITLE = `Reanchor test ${randomUUID().slice(0, 8)}`;

const LEAD = "Lead paragraph about the civil war in Afghanistan after the Soviet withdrawal.";
const BEFORE =
  "In 1989, Massoud arrested and executed one of Hekmatyar's local officers, Jamal Agha.";
const INSERTED = "A newly added paragraph explains the background in far more detail than before.";
const EDITED_OLD =
  "Hekmatyar's supporters accused Massoud of having killed these commandants to centralize his authority.";
const EDITED_NEW =
  "Hekmatyar's supporters accused Massoud of having murdered these commandants to centralize his authority.";
const PASHTO = "Pashto: د افغانستان کورنۍ جګړه په ۱۹۸۹ کې پیل شوه.";
const MISTAKE = "The Jalalabad operation was seen as a grave mistake by some mujahideen leaders.";
const DELETED = "Massoud even said it was by BBC radio that he learned about the operation.";
const AFTER =
  "The plan was for Masoud's forces to close the Salang pass paralyzing the supply lines.";

/** The article text from its lines. */
function articleText(lines: {
  inserted?: boolean;
  edited?: boolean;
  withDeleted?: boolean;
}): string {
  return [
    `= ${TITLE} =`,
    "",
    LEAD,
    "",
    "== Background ==",
    BEFORE,
    ...(lines.inserted ? [INSERTED] : []),
    lines.edited ? EDITED_NEW : EDITED_OLD,
    PASHTO,
    MISTAKE,
    "",
    "== Aftermath ==",
    ...(lines.withDeleted ? [DELETED] : []),
    AFTER,
    "",
  ].join("\n");
}

/** Annotation ids by role in the story. */
const ids: Record<string, string> = {};
let articleId: string;
let revision1: { revisionId: string; plainText: string };
let revision2: { revisionId: string; plainText: string };
let secondImport: Awaited<ReturnType<typeof importArticle>>;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ importArticle } = await import("@/lib/articles/import-article"));
  ({ createAnnotation } = await import("./create-annotation"));
  ({ deleteAnnotation } = await import("./delete-annotation"));
  ({ hideAnnotation } = await import("./hide-annotation"));
  ({ reattachAnnotation } = await import("./reattach-annotation"));
  ({ listAnnotationsForArticle } = await import("./list-annotations-for-article"));
  ({ countAnnotationsBySection } = await import("./count-annotations-by-section"));
  author = await buildUser(prisma, { role: "ANNOTATOR" });
  otherAnnotator = await buildUser(prisma, { role: "ANNOTATOR" });
  moderator = await buildUser(prisma, { role: "MODERATOR" });

  const first = await importArticle(toBytes(articleText({ withDeleted: true })));
  assert.deepEqual(first.reanchored, { placed: 0, orphaned: 0 });
  articleId = first.articleId;
  revision1 = await findAnnotatableRevision(prisma, articleId);

  const annotate = async (
    key: string,
    quote: string,
    kind: "COMMENT" | "HIGHLIGHT" = "HIGHLIGHT",
  ) => {
    const start = revision1.plainText.indexOf(quote);
    assert.notEqual(start, -1, quote);
    ids[key] = (
      await createAnnotation(author, {
        articleId,
        revisionId: revision1.revisionId,
        target: describeTextRange(revision1.plainText, start, start + quote.length),
        kind,
        ...(kind === "COMMENT"
          ? {
              body: {
                type: "doc",
                content: [{ type: "paragraph", content: [{ type: "text", text: "Note." }] }],
              },
            }
          : {}),
      })
    ).id;
  };
  await annotate("before", "Massoud arrested and executed one of Hekmatyar's local officers");
  await annotate(
    "inside",
    "Hekmatyar's supporters accused Massoud of having killed these commandants",
  );
  await annotate("pashto", "د افغانستان کورنۍ جګړه");
  await annotate("after", "The plan was for Masoud's forces to close the Salang pass");
  await annotate("orphan", "BBC radio that he learned about the operation", "COMMENT");
  await annotate("reattached", "Massoud even said it was by BBC radio");
  await annotate("deleted", "civil war in Afghanistan");
  await annotate("hidden", "after the Soviet withdrawal");
  await deleteAnnotation(author, { id: ids.deleted! });
  await hideAnnotation(moderator, { id: ids.hidden!, reason: "test" });

  secondImport = await importArticle(
    toBytes(articleText({ inserted: true, edited: true, withDeleted: false })),
  );
  revision2 = await findAnnotatableRevision(prisma, articleId);
});

after(tearDownTestDatabase);

/** The anchor of `key` on a revision, as stored. */
function anchorOf(key: string, revisionId: string) {
  return prisma.annotationAnchor.findUnique({
    where: { annotationId_revisionId: { annotationId: ids[key]!, revisionId } },
  });
}

describe("re-anchoring on a new import", () => {
  it("reports how many annotations were placed and orphaned", () => {
    assert.equal(secondImport.status, "revised");
    assert.deepEqual(secondImport.reanchored, { placed: 5, orphaned: 2 });
  });

  const placements: [
    description: string,
    key: string,
    strategy: string,
    passage: string,
    section: string | null,
  ][] = [
    [
      "before the edits, by its unchanged position",
      "before",
      "POSITION",
      "Massoud arrested and executed one of Hekmatyar's local officers",
      "background",
    ],
    [
      "with a word changed inside, by a fuzzy quote",
      "inside",
      "FUZZY",
      "Hekmatyar's supporters accused Massoud of having murdered these commandants",
      "background",
    ],
    [
      "in Pashto after an insertion, by its quote",
      "pashto",
      "QUOTE",
      "د افغانستان کورنۍ جګړه",
      "background",
    ],
    [
      "after the edits, by its quote",
      "after",
      "QUOTE",
      "The plan was for Masoud's forces to close the Salang pass",
      "aftermath",
    ],
    [
      "hidden by a moderator, like any other",
      "hidden",
      "POSITION",
      "after the Soviet withdrawal",
      null,
    ],
  ];
  for (const [description, key, strategy, passage, section] of placements) {
    it(`places an annotation ${description}`, async () => {
      const anchor = await anchorOf(key, revision2.revisionId);
      assert.equal(anchor?.strategy, strategy);
      assert.equal(revision2.plainText.slice(anchor?.start ?? 0, anchor?.end ?? 0), passage);
      assert.equal(anchor?.sectionAnchor, section);
    });
  }

  it("marks an annotation whose passage was deleted ORPHANED, with no offsets", async () => {
    const anchor = await anchorOf("orphan", revision2.revisionId);
    assert.equal(anchor?.strategy, "ORPHANED");
    assert.equal(anchor?.start, null);
    assert.equal(anchor?.end, null);
  });

  it("leaves a deleted annotation alone", async () => {
    assert.equal(await anchorOf("deleted", revision2.revisionId), null);
  });

  it("keeps every anchor of the old revision", async () => {
    const old = await prisma.annotationAnchor.count({
      where: { revisionId: revision1.revisionId },
    });
    assert.equal(old, Object.keys(ids).length);
  });

  it("lists the orphan last, with its original quote", async () => {
    const { annotations } = await listAnnotationsForArticle(author, { articleId });
    const last = annotations.slice(-2);
    assert.deepEqual(
      last.map((annotation) => annotation.anchor?.isOrphaned),
      [true, true],
    );
    const orphan = annotations.find((annotation) => annotation.id === ids.orphan);
    assert.equal(orphan?.target.quote.exact, "BBC radio that he learned about the operation");
    assert.equal(orphan?.anchor?.strategy, "ORPHANED");
    const onlyOrphans = await listAnnotationsForArticle(author, { articleId, orphaned: true });
    assert.deepEqual(
      onlyOrphans.annotations.map((annotation) => annotation.id).sort(),
      [ids.orphan, ids.reattached].sort(),
    );
    const counts = await countAnnotationsBySection(author, { articleId });
    assert.equal(counts.orphaned, 2);
  });

  it("still lists the old revision with the original anchors", async () => {
    const { annotations } = await listAnnotationsForArticle(author, {
      articleId,
      revisionId: revision1.revisionId,
    });
    assert.ok(annotations.every((annotation) => annotation.anchor?.strategy === "ORIGINAL"));
    assert.equal(annotations.length, 6);
  });

  it("changes nothing when the same text is imported again", async () => {
    const anchors = await prisma.annotationAnchor.count();
    const again = await importArticle(
      toBytes(articleText({ inserted: true, edited: true, withDeleted: false })),
    );
    assert.equal(again.status, "unchanged");
    assert.deepEqual(again.reanchored, { placed: 0, orphaned: 0 });
    assert.equal(await prisma.annotationAnchor.count(), anchors);
  });
});

describe("reattachAnnotation", () => {
  /** Selectors of `quote` in the second revision. */
  function targetOnRevision2(quote: string) {
    const start = revision2.plainText.indexOf(quote);
    assert.notEqual(start, -1, quote);
    return describeTextRange(revision2.plainText, start, start + quote.length);
  }

  it("refuses an annotator who is not the author with FORBIDDEN", async () => {
    await assert.rejects(
      reattachAnnotation(otherAnnotator, {
        id: ids.reattached!,
        revisionId: revision2.revisionId,
        target: targetOnRevision2("grave mistake"),
      }),
      { code: "FORBIDDEN" },
    );
  });

  it("refuses selectors of an older revision with CONFLICT", async () => {
    const start = revision1.plainText.indexOf("grave mistake");
    await assert.rejects(
      reattachAnnotation(author, {
        id: ids.reattached!,
        revisionId: revision1.revisionId,
        target: describeTextRange(revision1.plainText, start, start + "grave mistake".length),
      }),
      { code: "CONFLICT" },
    );
  });

  it("lets the author place an orphan by hand: MANUAL, in its section, audited", async () => {
    const reattached: AnnotationView = await reattachAnnotation(author, {
      id: ids.reattached!,
      revisionId: revision2.revisionId,
      target: targetOnRevision2("a grave mistake by some mujahideen leaders"),
    });
    assert.equal(reattached.anchor?.strategy, "MANUAL");
    assert.equal(reattached.anchor?.isOrphaned, false);
    assert.equal(reattached.anchor?.sectionAnchor, "background");
    assert.equal(reattached.target.quote.exact, "Massoud even said it was by BBC radio");
    // Its passage now reads as the text it was placed on, in the result and in the reader's list.
    assert.equal(reattached.anchor?.exact, "a grave mistake by some mujahideen leaders");
    const listed = await listAnnotationsForArticle(author, { articleId });
    assert.equal(
      listed.annotations.find((annotation) => annotation.id === ids.reattached)?.anchor?.exact,
      "a grave mistake by some mujahideen leaders",
    );
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "annotation.reattach", subjectId: ids.reattached! },
    });
    assert.deepEqual((event.data as { previous: unknown }).previous, {
      start: null,
      end: null,
      strategy: "ORPHANED",
    });
  });

  it("lets a moderator re-attach someone else's annotation", async () => {
    const moved = await reattachAnnotation(moderator, {
      id: ids.after!,
      revisionId: revision2.revisionId,
      target: targetOnRevision2("The plan was for Masoud's forces"),
    });
    assert.equal(moved.anchor?.strategy, "MANUAL");
  });

  it("follows a passage from where it was last placed on the next import, and places a returning passage again", async () => {
    const third = await importArticle(
      toBytes(articleText({ inserted: true, edited: true, withDeleted: true })),
    );
    assert.equal(third.revisionNumber, 3);
    const revision3 = await findAnnotatableRevision(prisma, articleId);
    const reattached = await anchorOf("reattached", revision3.revisionId);
    assert.equal(
      revision3.plainText.slice(reattached?.start ?? 0, reattached?.end ?? 0),
      "a grave mistake by some mujahideen leaders",
    );
    const orphan = await anchorOf("orphan", revision3.revisionId);
    assert.notEqual(orphan?.strategy, "ORPHANED");
    assert.equal(
      revision3.plainText.slice(orphan?.start ?? 0, orphan?.end ?? 0),
      "BBC radio that he learned about the operation",
    );
    assert.deepEqual(third.reanchored, { placed: 7, orphaned: 0 });
  });
});
