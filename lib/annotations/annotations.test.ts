/**
 * Integration tests of the annotation use cases against a real PostgreSQL database of their own:
 * creating every kind (Pashto passages, overlaps, refusals that write nothing), editing with
 * history and optimistic concurrency, soft deletion, hiding, visibility through every read, and
 * the reader's list and section counts.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { describeTextRange } from "@/lib/anchoring/selectors";
import { buildAnnotation, findAnnotatableRevision } from "@/seed/annotation-factories";
import { buildArticleText, buildGroup, buildUser, toBytes, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { CreateAnnotationInput } from "./schemas";

let prisma: typeof import("@/lib/db").prisma;
let importArticle: typeof import("@/lib/articles/import-article").importArticle;
let createAnnotation: typeof import("./create-annotation").createAnnotation;
let updateAnnotation: typeof import("./update-annotation").updateAnnotation;
let deleteAnnotation: typeof import("./delete-annotation").deleteAnnotation;
let hideAnnotation: typeof import("./hide-annotation").hideAnnotation;
let unhideAnnotation: typeof import("./unhide-annotation").unhideAnnotation;
let findAnnotation: typeof import("./find-annotation").findAnnotation;
let listAnnotationsForArticle: typeof import("./list-annotations-for-article").listAnnotationsForArticle;
let countAnnotationsBySection: typeof import("./count-annotations-by-section").countAnnotationsBySection;
let listAnnotationsPage: typeof import("./list-annotations-page").listAnnotationsPage;

let author: BuiltUser;
let otherAnnotator: BuiltUser;
let moderator: BuiltUser;
let reader: BuiltUser;
let member: BuiltUser;
let groupId: string;
let article: { id: string; revisionId: string; plainText: string };

/** An article with a lead, nested sections, Pashto and a repeated phrase. */
const ARTICLE_BODY = [
  "The lead names Ahmad Shah Massoud, and then Ahmad Shah Massoud again.",
  "",
  "== Background ==",
  "Pashto: د افغانستان کورنۍ جګړه په ۱۹۸۹ کې پیل شوه.",
  "In 1989, Massoud arrested and executed Jamal Agha.",
  "",
  "=== Local rivalries ===",
  "Hekmatyar's supporters accused Massoud of killing the commandants.",
  "",
  "== Aftermath ==",
  "The plan was for Masoud's forces to close the Salang pass.",
].join("\n");

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ importArticle } = await import("@/lib/articles/import-article"));
  ({ createAnnotation } = await import("./create-annotation"));
  ({ updateAnnotation } = await import("./update-annotation"));
  ({ deleteAnnotation } = await import("./delete-annotation"));
  ({ hideAnnotation } = await import("./hide-annotation"));
  ({ unhideAnnotation } = await import("./unhide-annotation"));
  ({ findAnnotation } = await import("./find-annotation"));
  ({ listAnnotationsForArticle } = await import("./list-annotations-for-article"));
  ({ countAnnotationsBySection } = await import("./count-annotations-by-section"));
  ({ listAnnotationsPage } = await import("./list-annotations-page"));

  author = await buildUser(prisma, { role: "ANNOTATOR", name: "Anwar Author" });
  otherAnnotator = await buildUser(prisma, { role: "ANNOTATOR" });
  moderator = await buildUser(prisma, { role: "MODERATOR" });
  reader = await buildUser(prisma, { role: "READER" });
  member = await buildUser(prisma, { role: "ANNOTATOR" });
  groupId = (await buildGroup(prisma, { moderators: [author], members: [member], name: "Seminar" }))
    .id;
  article = await importTestArticle();
});

after(tearDownTestDatabase);

/** Imports a fresh copy of the test article. */
async function importTestArticle(): Promise<{
  id: string;
  revisionId: string;
  plainText: string;
}> {
  const result = await importArticle(toBytes(buildArticleText({ body: ARTICLE_BODY })));
  const revision = await findAnnotatableRevision(prisma, result.articleId);
  return { id: result.articleId, revisionId: revision.revisionId, plainText: revision.plainText };
}

/** Selectors of the `occurrence`-th (0-based) occurrence of `quote` in the article. */
function selectorsFor(quote: string, occurrence = 0, text = article.plainText) {
  let start = -1;
  for (let index = 0; index <= occurrence; index += 1) {
    start = text.indexOf(quote, start + 1);
  }
  assert.notEqual(start, -1, `"${quote}" is in the test article`);
  return describeTextRange(text, start, start + quote.length);
}

/** A body document holding one paragraph of `text`. */
function bodyOf(text: string) {
  return { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

/** Valid input for a public comment on `quote`, with overrides. */
function commentInput(
  quote = "Jamal Agha",
  overrides: Partial<CreateAnnotationInput> = {},
): CreateAnnotationInput {
  return {
    articleId: article.id,
    revisionId: article.revisionId,
    target: selectorsFor(quote),
    kind: "COMMENT",
    body: bodyOf("Which source says so?"),
    ...overrides,
  };
}

/** Asserts that `promise` rejects with an AppError of `code` whose message matches `message`. */
async function rejectsWithAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.name, "AppError", error.message);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    return true;
  });
}

/** Row counts of every table an annotation write touches. */
async function countWrites(): Promise<Record<string, number>> {
  return {
    annotations: await prisma.annotation.count(),
    anchors: await prisma.annotationAnchor.count(),
    versions: await prisma.annotationVersion.count(),
    claims: await prisma.claim.count(),
    auditEvents: await prisma.auditEvent.count(),
  };
}

describe("createAnnotation", () => {
  const kinds: Pick<CreateAnnotationInput, "kind" | "flag" | "body" | "tags">[] = [
    { kind: "COMMENT", body: bodyOf("A comment.") },
    { kind: "QUESTION", body: bodyOf("Who says so?") },
    { kind: "HIGHLIGHT", tags: ["salang pass"] },
    { kind: "CLAIM", flag: "DISPUTED", body: bodyOf("The other side tells it otherwise.") },
  ];
  for (const fields of kinds) {
    it(`creates a ${fields.kind.toLowerCase()} with its ORIGINAL anchor and an audit event`, async () => {
      const target = selectorsFor("Salang pass");
      const created = await createAnnotation(author, {
        articleId: article.id,
        revisionId: article.revisionId,
        target,
        ...fields,
      });
      assert.equal(created.kind, fields.kind);
      assert.equal(created.version, 1);
      assert.equal(created.author.name, "Anwar Author");
      assert.equal(created.sectionAnchor, "aftermath");
      assert.deepEqual(created.target, target);
      assert.deepEqual(created.anchor, {
        revisionId: article.revisionId,
        start: target.position.start,
        end: target.position.end,
        sectionAnchor: "aftermath",
        strategy: "ORIGINAL",
        isOrphaned: false,
      });
      const claim = await prisma.claim.findUnique({ where: { annotationId: created.id } });
      if (fields.kind === "CLAIM") {
        assert.equal(claim?.status, "OPEN");
        assert.equal(created.flag, "DISPUTED");
        assert.deepEqual(created.claim, { id: claim?.id, status: "OPEN" });
      } else {
        assert.equal(claim, null);
        assert.equal(created.flag, null);
      }
      const events = await prisma.auditEvent.count({
        where: { action: "annotation.create", subjectId: created.id, actorId: author.id },
      });
      assert.equal(events, 1);
    });
  }

  it("anchors a Pashto passage by its UTF-16 offsets, in its section", async () => {
    const target = selectorsFor("د افغانستان کورنۍ جګړه");
    const created = await createAnnotation(author, commentInput("د افغانستان کورنۍ جګړه"));
    assert.equal(created.target.quote.exact, "د افغانستان کورنۍ جګړه");
    assert.equal(
      article.plainText.slice(created.target.position.start, created.target.position.end),
      "د افغانستان کورنۍ جګړه",
    );
    assert.deepEqual(created.target.position, target.position);
    assert.equal(created.sectionAnchor, "background");
  });

  it("places a passage of a subsection in the subsection, and one of the lead in no section", async () => {
    const nested = await createAnnotation(author, commentInput("killing the commandants"));
    assert.equal(nested.sectionAnchor, "local-rivalries");
    const lead = await createAnnotation(author, commentInput("The lead names"));
    assert.equal(lead.sectionAnchor, null);
  });

  it("tells two occurrences of one phrase apart by their selectors", async () => {
    const second = await createAnnotation(author, {
      ...commentInput(),
      target: selectorsFor("Ahmad Shah Massoud", 1),
    });
    assert.equal(second.target.position.start, article.plainText.lastIndexOf("Ahmad Shah Massoud"));
  });

  it("accepts overlapping and nested annotations on one passage", async () => {
    const outer = await createAnnotation(author, commentInput("Massoud arrested and executed"));
    const inner = await createAnnotation(otherAnnotator, commentInput("arrested"));
    const overlapping = await createAnnotation(moderator, commentInput("executed Jamal"));
    for (const annotation of [outer, inner, overlapping]) {
      assert.equal(annotation.anchor?.strategy, "ORIGINAL");
    }
    assert.ok(inner.target.position.start > outer.target.position.start);
    assert.ok(overlapping.target.position.start < outer.target.position.end);
  });

  it("normalises tags: trimmed, lower-cased, whitespace collapsed, duplicates merged", async () => {
    const created = await createAnnotation(
      author,
      commentInput("Jamal Agha", {
        tags: ["  Source   Critique ", "source critique", "HEZB-E ISLAMI"],
      }),
    );
    assert.deepEqual(created.tags, ["source critique", "hezb-e islami"]);
  });

  it("stores the body rebuilt from the schema and its plain text", async () => {
    const created = await createAnnotation(
      author,
      commentInput("Jamal Agha", {
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "See " },
                {
                  type: "text",
                  text: "Coll",
                  marks: [{ type: "link", attrs: { href: "https://example.org", rel: "opener" } }],
                },
              ],
            },
          ],
        },
      }),
    );
    assert.equal(created.bodyText, "See Coll");
    const mark = created.body.content?.[0]?.content?.[1]?.marks?.[0];
    assert.equal(mark?.attrs?.rel, "noopener noreferrer nofollow ugc");
  });

  const script = "<script>alert(1)</script>";
  const refusals: [name: string, input: () => CreateAnnotationInput, message: RegExp][] = [
    [
      "a quote that is not the text at its position",
      () => {
        const target = selectorsFor("Jamal Agha");
        return commentInput("Jamal Agha", {
          target: { ...target, quote: { ...target.quote, exact: "Jamal Aghb" } },
        });
      },
      /^target\.quote\.exact: the quote is not the text at/,
    ],
    [
      "a position outside the text",
      () =>
        commentInput("Jamal Agha", {
          target: {
            quote: { type: "TextQuoteSelector", exact: "x", prefix: "", suffix: "" },
            position: { type: "TextPositionSelector", start: 99_999, end: 100_000 },
          },
        }),
      /^target\.position: the range 99999–100000 is outside the text/,
    ],
    [
      "a prefix that is not the text before the quote",
      () => {
        const target = selectorsFor("Jamal Agha");
        return commentInput("Jamal Agha", {
          target: { ...target, quote: { ...target.quote, prefix: "something else " } },
        });
      },
      /^target\.quote\.prefix: /,
    ],
    [
      "a suffix that is not the text after the quote",
      () => {
        const target = selectorsFor("Jamal Agha");
        return commentInput("Jamal Agha", {
          target: { ...target, quote: { ...target.quote, suffix: "!!" } },
        });
      },
      /^target\.quote\.suffix: /,
    ],
    [
      "a position that does not span the quote",
      () => {
        const target = selectorsFor("Jamal Agha");
        return commentInput("Jamal Agha", {
          target: { ...target, position: { ...target.position, end: target.position.end + 1 } },
        });
      },
      /^target\.position: the position must span exactly the quote's length/,
    ],
    [
      "an empty quote",
      () =>
        commentInput("Jamal Agha", {
          target: {
            quote: { type: "TextQuoteSelector", exact: "", prefix: "", suffix: "" },
            position: { type: "TextPositionSelector", start: 3, end: 3 },
          },
        }),
      /target\.quote\.exact: the quote is empty/,
    ],
    [
      "a claim without a flag",
      () => commentInput("Jamal Agha", { kind: "CLAIM" }),
      /^flag: choose a flag for the claim/,
    ],
    [
      "a flag on a comment",
      () => commentInput("Jamal Agha", { flag: "DUBIOUS" }),
      /^flag: only claims carry a flag/,
    ],
    [
      "group visibility without a group",
      () => commentInput("Jamal Agha", { visibility: "GROUP" }),
      /^groupId: choose the group/,
    ],
    [
      "a group on a public annotation",
      () => commentInput("Jamal Agha", { groupId }),
      /^groupId: only annotations visible to a group name a group/,
    ],
    [
      "an HTML body",
      () => commentInput("Jamal Agha", { body: `<p>${script}</p>` }),
      /^body: must be a document \(ProseMirror JSON\); HTML/,
    ],
    [
      "a body with a script-like node",
      () =>
        commentInput("Jamal Agha", {
          body: { type: "doc", content: [{ type: "script", text: "alert(1)" }] },
        }),
      /^body: "script" is not allowed in a body/,
    ],
    [
      "a body with a javascript: link",
      () =>
        commentInput("Jamal Agha", {
          body: {
            type: "doc",
            content: [
              {
                type: "paragraph",
                content: [
                  {
                    type: "text",
                    text: "click",
                    marks: [{ type: "link", attrs: { href: "javascript:alert(document.cookie)" } }],
                  },
                ],
              },
            ],
          },
        }),
      /^body: the link "javascript:alert\(document\.cookie\)" is not an http, https or mailto address/,
    ],
    [
      "a body over 20,000 characters",
      () => commentInput("Jamal Agha", { body: bodyOf("w".repeat(20_001)) }),
      /^body: the text is longer than 20,000 characters/,
    ],
    [
      "an empty comment",
      () => commentInput("Jamal Agha", { body: undefined }),
      /^body: write something/,
    ],
    [
      "21 tags",
      () =>
        commentInput("Jamal Agha", { tags: Array.from({ length: 21 }, (_, index) => `t${index}`) }),
      /^tags: use at most 20 tags/,
    ],
    [
      "a tag over 50 characters",
      () => commentInput("Jamal Agha", { tags: ["x".repeat(51)] }),
      /^tags: ".*" is longer than 50 characters/,
    ],
    ["an empty tag", () => commentInput("Jamal Agha", { tags: ["   "] }), /^tags: a tag is empty/],
    [
      "an unknown kind",
      () => commentInput("Jamal Agha", { kind: "RANT" as "COMMENT" }),
      /^kind: choose comment, question, highlight or claim/,
    ],
  ];
  for (const [name, input, message] of refusals) {
    it(`refuses ${name} with INVALID_INPUT naming the field, and writes nothing`, async () => {
      const before = await countWrites();
      await rejectsWithAppError(createAnnotation(author, input()), "INVALID_INPUT", message);
      assert.deepEqual(await countWrites(), before);
    });
  }

  it("refuses a group annotation from a non-member with FORBIDDEN, and writes nothing", async () => {
    const before = await countWrites();
    await rejectsWithAppError(
      createAnnotation(
        otherAnnotator,
        commentInput("Jamal Agha", { visibility: "GROUP", groupId }),
      ),
      "FORBIDDEN",
      /^groupId: you are not a member of this group/,
    );
    assert.deepEqual(await countWrites(), before);
  });

  it("refuses a member removed from the group while the annotation was being written", async () => {
    const leaver = await buildUser(prisma, { role: "ANNOTATOR" });
    const group = await buildGroup(prisma, { moderators: [author], members: [leaver] });
    let creating: Promise<unknown> | undefined;
    // The removal holds the group's row, as removing a member does, while the annotation starts:
    // it passes the early membership check, then waits for the row inside its transaction.
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${group.id}::uuid FOR UPDATE`;
      creating = createAnnotation(
        leaver,
        commentInput("Jamal Agha", { visibility: "GROUP", groupId: group.id }),
      );
      creating.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tx.groupMembership.deleteMany({ where: { groupId: group.id, userId: leaver.id } });
    });
    await rejectsWithAppError(
      creating ?? Promise.resolve(),
      "FORBIDDEN",
      /^groupId: you are not a member of this group/,
    );
    assert.equal(await prisma.annotation.count({ where: { groupId: group.id } }), 0);
  });

  it("lets a member annotate for the group", async () => {
    const created = await createAnnotation(
      member,
      commentInput("Jamal Agha", { visibility: "GROUP", groupId }),
    );
    assert.equal(created.groupName, "Seminar");
  });

  it("refuses selectors taken from an older revision with CONFLICT, and writes nothing", async () => {
    const first = await importArticle(
      toBytes(buildArticleText({ title: "Revised soon", body: ARTICLE_BODY })),
    );
    const old = await findAnnotatableRevision(prisma, first.articleId);
    await importArticle(
      toBytes(buildArticleText({ title: "Revised soon", body: `${ARTICLE_BODY}\nA new line.` })),
    );
    const before = await countWrites();
    await rejectsWithAppError(
      createAnnotation(author, {
        articleId: old.articleId,
        revisionId: old.revisionId,
        target: selectorsFor("Jamal Agha", 0, old.plainText),
        kind: "HIGHLIGHT",
      }),
      "CONFLICT",
      /^revisionId: the article has been revised since revision 1; reload it/,
    );
    assert.deepEqual(await countWrites(), before);
  });

  it("answers NOT_FOUND for a revision of another article", async () => {
    const other = await importTestArticle();
    await rejectsWithAppError(
      createAnnotation(author, commentInput("Jamal Agha", { revisionId: other.revisionId })),
      "NOT_FOUND",
      /^revisionId: no such revision of this article/,
    );
  });

  it("refuses a reader with FORBIDDEN and an anonymous visitor with UNAUTHENTICATED", async () => {
    await rejectsWithAppError(createAnnotation(reader, commentInput()), "FORBIDDEN", /annotator/);
    await rejectsWithAppError(createAnnotation(null, commentInput()), "UNAUTHENTICATED", /Sign in/);
  });
});

/** Valid update input: the annotation's fields as a comment with `text`. */
function updateInput(id: string, expectedVersion: number, text: string) {
  return { id, expectedVersion, kind: "COMMENT" as const, body: bodyOf(text), tags: ["edited"] };
}

describe("updateAnnotation", () => {
  it("keeps every earlier state as a version, increments the version and audits the edit", async () => {
    const created = await createAnnotation(author, commentInput());
    const second = await updateAnnotation(author, updateInput(created.id, 1, "Second thoughts."));
    assert.equal(second.version, 2);
    assert.equal(second.bodyText, "Second thoughts.");
    assert.deepEqual(second.tags, ["edited"]);
    const third = await updateAnnotation(author, {
      ...updateInput(created.id, 2, "Third thoughts."),
      visibility: "PRIVATE",
    });
    assert.equal(third.version, 3);
    assert.equal(third.visibility, "PRIVATE");

    const versions = await prisma.annotationVersion.findMany({
      where: { annotationId: created.id },
      orderBy: { version: "asc" },
    });
    assert.deepEqual(
      versions.map((version) => [version.version, version.bodyText, version.editedById]),
      [
        [1, "Which source says so?", author.id],
        [2, "Second thoughts.", author.id],
      ],
    );
    const events = await prisma.auditEvent.findMany({
      where: { action: "annotation.update", subjectId: created.id },
      orderBy: { createdAt: "asc" },
    });
    assert.deepEqual(
      events.map((event) => event.data),
      [
        { fromVersion: 1, toVersion: 2, changed: ["body", "tags"] },
        { fromVersion: 2, toVersion: 3, changed: ["visibility", "body"] },
      ],
    );
  });

  it("refuses an edit from a stale version with CONFLICT naming the current one, keeping the newer edit", async () => {
    const created = await createAnnotation(author, commentInput());
    await updateAnnotation(author, updateInput(created.id, 1, "The edit that landed."));
    const before = await countWrites();
    await rejectsWithAppError(
      updateAnnotation(author, updateInput(created.id, 1, "An edit from an old tab.")),
      "CONFLICT",
      /^This annotation was changed by someone else \(now version 2\); reload and reapply your edit\.$/,
    );
    assert.deepEqual(await countWrites(), before);
    const stored = await findAnnotation(author, { id: created.id });
    assert.equal(stored.bodyText, "The edit that landed.");
  });

  it("lets exactly one of two concurrent edits from one version land, and loses no write", async () => {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const created = await createAnnotation(author, commentInput());
      const results = await Promise.allSettled([
        updateAnnotation(author, updateInput(created.id, 1, "Edit A")),
        updateAnnotation(author, updateInput(created.id, 1, "Edit B")),
      ]);
      const landed = results.filter((result) => result.status === "fulfilled");
      const refused = results.filter((result) => result.status === "rejected");
      assert.equal(landed.length, 1);
      assert.equal(refused.length, 1);
      assert.equal((refused[0] as PromiseRejectedResult).reason.code, "CONFLICT");
      const stored = await prisma.annotation.findUniqueOrThrow({ where: { id: created.id } });
      const winner = (landed[0] as PromiseFulfilledResult<{ bodyText: string }>).value;
      assert.equal(stored.version, 2);
      assert.equal(stored.bodyText, winner.bodyText);
      const versions = await prisma.annotationVersion.findMany({
        where: { annotationId: created.id },
      });
      assert.deepEqual(
        versions.map((version) => [version.version, version.bodyText]),
        [[1, "Which source says so?"]],
      );
    }
  });

  it("writes nothing for an edit that changes nothing", async () => {
    const created = await createAnnotation(author, commentInput("Jamal Agha", { tags: ["a"] }));
    const before = await countWrites();
    const same = await updateAnnotation(author, {
      id: created.id,
      expectedVersion: 1,
      kind: "COMMENT",
      body: created.body,
      tags: ["A"],
    });
    assert.equal(same.version, 1);
    assert.deepEqual(await countWrites(), before);
  });

  it("refuses another annotator and a moderator with FORBIDDEN", async () => {
    const created = await createAnnotation(author, commentInput());
    for (const other of [otherAnnotator, moderator]) {
      await rejectsWithAppError(
        updateAnnotation(other, updateInput(created.id, 1, "Not mine.")),
        "FORBIDDEN",
        /^Only the author can edit this annotation/,
      );
    }
  });

  it("answers NOT_FOUND for an annotation the editor cannot see", async () => {
    const hidden = await createAnnotation(
      author,
      commentInput("Jamal Agha", { visibility: "PRIVATE" }),
    );
    await rejectsWithAppError(
      updateAnnotation(otherAnnotator, updateInput(hidden.id, 1, "Peek.")),
      "NOT_FOUND",
      /^id: no such annotation/,
    );
  });

  it("refuses to turn a comment into a claim or a claim into a comment", async () => {
    const comment = await createAnnotation(author, commentInput());
    await rejectsWithAppError(
      updateAnnotation(author, {
        ...updateInput(comment.id, 1, "Now a claim"),
        kind: "CLAIM",
        flag: "DUBIOUS",
      }),
      "INVALID_INPUT",
      /^kind: only a new annotation can be a claim/,
    );
    const claim = await createAnnotation(
      author,
      commentInput("Jamal Agha", { kind: "CLAIM", flag: "DISPUTED" }),
    );
    await rejectsWithAppError(
      updateAnnotation(author, updateInput(claim.id, 1, "Now a comment")),
      "INVALID_INPUT",
      /^kind: a claim stays a claim/,
    );
  });

  it("changes a claim's flag and keeps its Claim", async () => {
    const claim = await createAnnotation(
      author,
      commentInput("Jamal Agha", { kind: "CLAIM", flag: "DISPUTED" }),
    );
    const updated = await updateAnnotation(author, {
      ...updateInput(claim.id, 1, "Now I doubt it more."),
      kind: "CLAIM",
      flag: "DUBIOUS",
    });
    assert.equal(updated.flag, "DUBIOUS");
    assert.equal(updated.claim?.id, claim.claim?.id);
  });

  it("refuses a script-bearing body and keeps the old one", async () => {
    const created = await createAnnotation(author, commentInput());
    await rejectsWithAppError(
      updateAnnotation(author, {
        ...updateInput(created.id, 1, "x"),
        body: "<img src=x onerror=alert(1)>",
      }),
      "INVALID_INPUT",
      /^body: /,
    );
    assert.equal((await findAnnotation(author, { id: created.id })).version, 1);
  });
});

describe("deleteAnnotation", () => {
  it("soft-deletes: the row is kept with who and when, and it leaves every read", async () => {
    const created = await createAnnotation(author, commentInput("Jamal Agha"));
    await deleteAnnotation(author, { id: created.id });
    const stored = await prisma.annotation.findUniqueOrThrow({ where: { id: created.id } });
    assert.ok(stored.deletedAt);
    assert.equal(stored.deletedById, author.id);
    assert.equal(await prisma.annotationAnchor.count({ where: { annotationId: created.id } }), 1);
    await rejectsWithAppError(findAnnotation(author, { id: created.id }), "NOT_FOUND", /^id: /);
    const list = await listAnnotationsForArticle(moderator, { articleId: article.id });
    assert.ok(!list.annotations.some((annotation) => annotation.id === created.id));
    await rejectsWithAppError(deleteAnnotation(author, { id: created.id }), "NOT_FOUND", /^id: /);
    const events = await prisma.auditEvent.count({
      where: { action: "annotation.delete", subjectId: created.id },
    });
    assert.equal(events, 1);
  });

  it("refuses a moderator who is not the author: moderators hide instead", async () => {
    const created = await createAnnotation(author, commentInput());
    await rejectsWithAppError(
      deleteAnnotation(moderator, { id: created.id }),
      "FORBIDDEN",
      /moderators can hide it/,
    );
  });

  it("refuses a stale expected version with CONFLICT and deletes nothing", async () => {
    const created = await createAnnotation(author, commentInput());
    await updateAnnotation(author, updateInput(created.id, 1, "Edited"));
    await rejectsWithAppError(
      deleteAnnotation(author, { id: created.id, expectedVersion: 1 }),
      "CONFLICT",
      /now version 2/,
    );
    const stored = await prisma.annotation.findUniqueOrThrow({ where: { id: created.id } });
    assert.equal(stored.deletedAt, null);
  });
});

describe("hideAnnotation and unhideAnnotation", () => {
  it("hides an annotation from everyone but moderators, who see it flagged with the reason", async () => {
    const created = await createAnnotation(author, commentInput("Jamal Agha"));
    const hidden = await hideAnnotation(moderator, { id: created.id, reason: "  Off topic  " });
    assert.equal(hidden.isHidden, true);
    assert.equal(hidden.hiddenReason, "Off topic");

    const seenByModerator = await findAnnotation(moderator, { id: created.id });
    assert.equal(seenByModerator.isHidden, true);
    const moderatorList = await listAnnotationsForArticle(moderator, { articleId: article.id });
    assert.ok(moderatorList.annotations.some((annotation) => annotation.id === created.id));

    for (const actor of [author, otherAnnotator, reader, null]) {
      await rejectsWithAppError(findAnnotation(actor, { id: created.id }), "NOT_FOUND", /^id: /);
      const list = await listAnnotationsForArticle(actor, { articleId: article.id });
      assert.ok(!list.annotations.some((annotation) => annotation.id === created.id));
    }
    const stored = await prisma.annotation.findUniqueOrThrow({ where: { id: created.id } });
    assert.equal(stored.hiddenById, moderator.id);

    const shown = await unhideAnnotation(moderator, { id: created.id });
    assert.equal(shown.isHidden, false);
    assert.equal((await findAnnotation(reader, { id: created.id })).id, created.id);
    const actions = await prisma.auditEvent.findMany({
      where: { subjectId: created.id, action: { in: ["annotation.hide", "annotation.unhide"] } },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    assert.deepEqual(
      actions.map((event) => event.action),
      ["annotation.hide", "annotation.unhide"],
    );
  });

  it("writes nothing when hiding what is already hidden", async () => {
    const created = await createAnnotation(author, commentInput());
    await hideAnnotation(moderator, { id: created.id });
    const before = await countWrites();
    await hideAnnotation(moderator, { id: created.id });
    assert.deepEqual(await countWrites(), before);
  });

  it("refuses an annotator with FORBIDDEN", async () => {
    const created = await createAnnotation(author, commentInput());
    await rejectsWithAppError(hideAnnotation(author, { id: created.id }), "FORBIDDEN", /moderator/);
  });

  it("answers NOT_FOUND to a moderator for a private annotation of someone else", async () => {
    const created = await createAnnotation(
      author,
      commentInput("Jamal Agha", { visibility: "PRIVATE" }),
    );
    await rejectsWithAppError(hideAnnotation(moderator, { id: created.id }), "NOT_FOUND", /^id: /);
  });
});

describe("visibility", () => {
  let groupNote: { id: string };
  let privateNote: { id: string };
  let publicNote: { id: string };
  let visibilityArticle: { id: string; revisionId: string; plainText: string };

  before(async () => {
    visibilityArticle = await importTestArticle();
    const base = {
      articleId: visibilityArticle.id,
      revisionId: visibilityArticle.revisionId,
      kind: "COMMENT" as const,
      body: bodyOf("A note."),
    };
    groupNote = await createAnnotation(author, {
      ...base,
      target: selectorsFor("Jamal Agha", 0, visibilityArticle.plainText),
      visibility: "GROUP",
      groupId,
    });
    privateNote = await createAnnotation(author, {
      ...base,
      target: selectorsFor("Salang pass", 0, visibilityArticle.plainText),
      visibility: "PRIVATE",
    });
    publicNote = await createAnnotation(author, {
      ...base,
      target: selectorsFor("The lead names", 0, visibilityArticle.plainText),
    });
  });

  /** The ids each read returns to `actor`, with the section counts. */
  async function readAll(actor: BuiltUser | null) {
    const ids = [groupNote.id, privateNote.id, publicNote.id];
    const found: string[] = [];
    for (const id of ids) {
      try {
        found.push((await findAnnotation(actor, { id })).id);
      } catch (error) {
        assert.equal((error as { code?: string }).code, "NOT_FOUND");
      }
    }
    const listed = (
      await listAnnotationsForArticle(actor, { articleId: visibilityArticle.id })
    ).annotations.map((annotation) => annotation.id);
    const paged = (
      await listAnnotationsPage(actor, { articleSlug: await slugOf(visibilityArticle.id) })
    ).items.map((annotation) => annotation.id);
    const counts = await countAnnotationsBySection(actor, { articleId: visibilityArticle.id });
    return { found, listed, paged, counts };
  }

  async function slugOf(articleId: string): Promise<string> {
    return (await prisma.article.findUniqueOrThrow({ where: { id: articleId } })).slug;
  }

  const cases: [name: string, actor: () => BuiltUser | null, sees: string[]][] = [
    ["an anonymous visitor sees only the public note", () => null, ["public"]],
    ["a reader sees only the public note", () => reader, ["public"]],
    ["an annotator outside the group sees only the public note", () => otherAnnotator, ["public"]],
    ["a moderator outside the group sees only the public note", () => moderator, ["public"]],
    ["a group member sees the group's note too", () => member, ["group", "public"]],
    ["the author sees all three", () => author, ["group", "private", "public"]],
  ];
  for (const [name, actor, sees] of cases) {
    it(`${name} through find, list, the container page and the section counts`, async () => {
      const byName: Record<string, string> = {
        group: groupNote.id,
        private: privateNote.id,
        public: publicNote.id,
      };
      const expected = sees.map((key) => byName[key]).sort();
      const { found, listed, paged, counts } = await readAll(actor());
      assert.deepEqual([...found].sort(), expected);
      assert.deepEqual([...listed].sort(), expected);
      assert.deepEqual([...paged].sort(), expected);
      assert.equal(counts.total, expected.length);
      assert.equal(counts.inLead, 1);
      assert.equal(counts.bySection.background ?? 0, sees.includes("group") ? 1 : 0);
      assert.equal(counts.bySection.aftermath ?? 0, sees.includes("private") ? 1 : 0);
    });
  }

  it("hides a group's notes from a former member", async () => {
    const leaving = await buildUser(prisma, { role: "ANNOTATOR" });
    await prisma.groupMembership.create({ data: { groupId, userId: leaving.id } });
    assert.ok((await readAll(leaving)).found.includes(groupNote.id));
    await prisma.groupMembership.delete({
      where: { groupId_userId: { groupId, userId: leaving.id } },
    });
    assert.ok(!(await readAll(leaving)).found.includes(groupNote.id));
  });
});

describe("listAnnotationsForArticle", () => {
  let listArticle: { id: string; revisionId: string; plainText: string };
  const ids: Record<string, string> = {};

  before(async () => {
    listArticle = await importTestArticle();
    const base = { articleId: listArticle.id, revisionId: listArticle.revisionId };
    const on = (quote: string) => selectorsFor(quote, 0, listArticle.plainText);
    ids.salang = (
      await createAnnotation(author, {
        ...base,
        target: on("Salang pass"),
        kind: "HIGHLIGHT",
        tags: ["salang"],
      })
    ).id;
    ids.outer = (
      await createAnnotation(otherAnnotator, {
        ...base,
        target: on("Massoud arrested and executed"),
        kind: "CLAIM",
        flag: "DISPUTED",
      })
    ).id;
    ids.inner = (
      await createAnnotation(author, {
        ...base,
        target: on("Massoud arrested"),
        kind: "QUESTION",
        body: bodyOf("?"),
      })
    ).id;
    ids.lead = (
      await createAnnotation(author, {
        ...base,
        target: on("The lead"),
        kind: "COMMENT",
        body: bodyOf("Lead."),
      })
    ).id;
    ids.group = (
      await createAnnotation(member, {
        ...base,
        target: on("Jamal Agha"),
        kind: "COMMENT",
        body: bodyOf("For the seminar."),
        visibility: "GROUP",
        groupId,
      })
    ).id;
  });

  it("lists in document order, longer passages first at one start, with names, claim status and tags", async () => {
    const { annotations, revisionId } = await listAnnotationsForArticle(author, {
      articleId: listArticle.id,
    });
    assert.equal(revisionId, listArticle.revisionId);
    assert.deepEqual(
      annotations.map((annotation) => annotation.id),
      [ids.lead, ids.outer, ids.inner, ids.group, ids.salang],
    );
    const outer = annotations[1];
    assert.equal(outer?.claim?.status, "OPEN");
    assert.equal(outer?.flag, "DISPUTED");
    assert.equal(annotations[3]?.groupName, "Seminar");
    assert.deepEqual(annotations[4]?.tags, ["salang"]);
    assert.equal(annotations[0]?.author.name, "Anwar Author");
  });

  const filters: [name: string, filter: Record<string, unknown>, expected: string[]][] = [
    ["kind", { kind: "QUESTION" }, ["inner"]],
    ["flag", { flag: "DISPUTED" }, ["outer"]],
    ["tag (normalised)", { tag: " SALANG " }, ["salang"]],
    ["section", { sectionAnchor: "background" }, ["outer", "inner", "group"]],
    ["placed only", { orphaned: false }, ["lead", "outer", "inner", "group", "salang"]],
    ["orphans only", { orphaned: true }, []],
  ];
  for (const [name, filter, expected] of filters) {
    it(`filters by ${name}`, async () => {
      const { annotations } = await listAnnotationsForArticle(author, {
        articleId: listArticle.id,
        ...filter,
      });
      assert.deepEqual(
        annotations.map((annotation) => annotation.id),
        expected.map((key) => ids[key]),
      );
    });
  }

  it("filters by author", async () => {
    const { annotations } = await listAnnotationsForArticle(author, {
      articleId: listArticle.id,
      authorId: otherAnnotator.id,
    });
    assert.deepEqual(
      annotations.map((annotation) => annotation.id),
      [ids.outer],
    );
  });

  it("answers NOT_FOUND for an unknown article", async () => {
    await rejectsWithAppError(
      listAnnotationsForArticle(author, { articleId: "0197a0c4-0000-7000-8000-000000000000" }),
      "NOT_FOUND",
      /^articleId: no such article/,
    );
  });

  it("counts per section, leaving subsections to their own count", async () => {
    const counts = await countAnnotationsBySection(member, { articleId: listArticle.id });
    assert.deepEqual(counts.bySection, { background: 3, aftermath: 1 });
    assert.equal(counts.inLead, 1);
    assert.equal(counts.orphaned, 0);
    assert.equal(counts.total, 5);
  });
});

describe("buildAnnotation (test factory)", () => {
  it("writes an annotation that the use cases read like any other", async () => {
    const revision = await findAnnotatableRevision(prisma, article.id);
    const built = await buildAnnotation(prisma, revision, {
      authorId: author.id,
      quote: "Jamal Agha",
      kind: "CLAIM",
    });
    const found = await findAnnotation(reader, { id: built.id });
    assert.equal(found.claim?.status, "OPEN");
    assert.equal(found.anchor?.strategy, "ORIGINAL");
  });
});
