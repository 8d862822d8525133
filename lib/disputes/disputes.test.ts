/**
 * Integration tests of the disputes domain against a real PostgreSQL database of its own: the
 * claim lifecycle and its timeline, who may do what (refusals write nothing), accounts with
 * history, replies with stances, mentions, locks, edits, soft deletion and hiding, evidence
 * validation, and the claim page as a reader and as a moderator see it.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { JSONContent } from "@tiptap/core";

import { buildAnnotation, findAnnotatableRevision } from "@/seed/annotation-factories";
import { buildArticleText, buildUser, toBytes, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let importArticle: typeof import("@/lib/articles/import-article").importArticle;
let createAccount: typeof import("./create-account").createAccount;
let updateAccount: typeof import("./update-account").updateAccount;
let deleteAccount: typeof import("./delete-account").deleteAccount;
let addEvidence: typeof import("./add-evidence").addEvidence;
let removeEvidence: typeof import("./remove-evidence").removeEvidence;
let createReply: typeof import("./create-reply").createReply;
let updateReply: typeof import("./update-reply").updateReply;
let deleteReply: typeof import("./delete-reply").deleteReply;
let hideReply: typeof import("./hide-reply").hideReply;
let unhideReply: typeof import("./unhide-reply").unhideReply;
let setThreadLock: typeof import("./set-thread-lock").setThreadLock;
let changeClaimStatus: typeof import("./change-claim-status").changeClaimStatus;
let updateClaimTitle: typeof import("./update-claim-title").updateClaimTitle;
let updateAnnotation: typeof import("@/lib/annotations/update-annotation").updateAnnotation;
let listReplyVersions: typeof import("./list-reply-versions").listReplyVersions;
let findClaimPage: typeof import("./find-claim-page").findClaimPage;
let searchMentionableUsers: typeof import("./search-mentionable-users").searchMentionableUsers;

let flagger: BuiltUser;
let annotator: BuiltUser;
let stranger: BuiltUser;
let moderator: BuiltUser;
let reader: BuiltUser;
let disabled: BuiltUser;
/** An imported article, annotatable with `buildAnnotation`. */
interface TestArticle {
  id: string;
  articleId: string;
  slug: string;
  revisionId: string;
  plainText: string;
}
let article: TestArticle;
let otherArticle: TestArticle;

const ARTICLE_BODY = [
  "The lead names Ahmad Shah Massoud.",
  "",
  "== Background ==",
  "In 1989, Massoud arrested and executed Jamal Agha.",
  "Hekmatyar's supporters accused Massoud of killing the commandants.",
  "",
  "== Jalalabad ==",
  "Massoud even said it was by BBC radio that he learned about the operation.",
  "The plan was for Masoud's forces to close the Salang pass.",
].join("\n");

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ importArticle } = await import("@/lib/articles/import-article"));
  ({ createAccount } = await import("./create-account"));
  ({ updateAccount } = await import("./update-account"));
  ({ deleteAccount } = await import("./delete-account"));
  ({ addEvidence } = await import("./add-evidence"));
  ({ removeEvidence } = await import("./remove-evidence"));
  ({ createReply } = await import("./create-reply"));
  ({ updateReply } = await import("./update-reply"));
  ({ deleteReply } = await import("./delete-reply"));
  ({ hideReply } = await import("./hide-reply"));
  ({ unhideReply } = await import("./unhide-reply"));
  ({ setThreadLock } = await import("./set-thread-lock"));
  ({ changeClaimStatus } = await import("./change-claim-status"));
  ({ updateClaimTitle } = await import("./update-claim-title"));
  ({ updateAnnotation } = await import("@/lib/annotations/update-annotation"));
  ({ listReplyVersions } = await import("./list-reply-versions"));
  ({ findClaimPage } = await import("./find-claim-page"));
  ({ searchMentionableUsers } = await import("./search-mentionable-users"));

  flagger = await buildUser(prisma, { role: "ANNOTATOR", name: "Anwar Flagger" });
  annotator = await buildUser(prisma, { role: "ANNOTATOR", name: "Bina Annotator" });
  stranger = await buildUser(prisma, { role: "ANNOTATOR", name: "Cyrus Stranger" });
  moderator = await buildUser(prisma, { role: "MODERATOR", name: "Maria Moderator" });
  reader = await buildUser(prisma, { role: "READER", name: "Rita Reader" });
  disabled = await buildUser(prisma, {
    role: "ANNOTATOR",
    name: "Dora Disabled",
    isDisabled: true,
  });
  article = await importTestArticle("Disputes test article", ARTICLE_BODY);
  otherArticle = await importTestArticle(
    "Another article",
    "Another text that says BBC radio too.",
  );
});

after(tearDownTestDatabase);

async function importTestArticle(title: string, body: string): Promise<TestArticle> {
  const result = await importArticle(toBytes(buildArticleText({ title, body })));
  const revision = await findAnnotatableRevision(prisma, result.articleId);
  const row = await prisma.article.findUniqueOrThrow({
    where: { id: result.articleId },
    select: { slug: true },
  });
  return { id: result.articleId, slug: row.slug, ...revision };
}

/** A fresh claim on `quote`, flagged by the flagger. */
async function buildClaim(
  quote = "In 1989, Massoud arrested and executed Jamal Agha.",
  options: { visibility?: "PUBLIC" | "PRIVATE" } = {},
): Promise<{ id: string; annotationId: string }> {
  const annotation = await buildAnnotation(prisma, article, {
    authorId: flagger.id,
    kind: "CLAIM",
    flag: "DISPUTED",
    quote,
    visibility: options.visibility,
  });
  const claim = await prisma.claim.findUniqueOrThrow({
    where: { annotationId: annotation.id },
    select: { id: true },
  });
  return { id: claim.id, annotationId: annotation.id };
}

/** A body of one paragraph of text and mentions. */
function body(...parts: (string | { id: string; label: string })[]): JSONContent {
  return {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: parts.map((part) =>
          typeof part === "string"
            ? { type: "text", text: part }
            : { type: "mention", attrs: { id: part.id, label: part.label } },
        ),
      },
    ],
  };
}

/** Selectors of `quote` in `target`'s text, as a passage of evidence. */
function passageOf(quote: string, target = article) {
  const start = target.plainText.indexOf(quote);
  assert.notEqual(start, -1, `"${quote}" is in the article`);
  return { revisionId: target.revisionId, exact: quote, start, end: start + quote.length };
}

/** Everything the disputes domain writes, to prove that a refusal wrote nothing. */
async function snapshot(): Promise<string> {
  return JSON.stringify([
    await prisma.claim.findMany({ orderBy: { id: "asc" } }),
    await prisma.claimAccount.findMany({ orderBy: { id: "asc" } }),
    await prisma.claimAccountVersion.count(),
    await prisma.evidence.findMany({ orderBy: { id: "asc" } }),
    await prisma.reply.findMany({ orderBy: { id: "asc" } }),
    await prisma.replyVersion.count(),
    await prisma.auditEvent.count(),
  ]);
}

/** Asserts that `action` fails with `code` (and a message matching `message`) and writes nothing. */
async function assertRefused(
  action: () => Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<void> {
  const before = await snapshot();
  await assert.rejects(action, (error: Error & { code?: string }) => {
    assert.equal(error.name, "AppError", error.stack);
    assert.equal(error.code, code, error.message);
    if (message) {
      assert.match(error.message, message);
    }
    return true;
  });
  assert.equal(await snapshot(), before, "a refused mutation wrote nothing");
}

/** The claim's current version. */
async function versionOf(claimId: string): Promise<number> {
  return (await prisma.claim.findUniqueOrThrow({ where: { id: claimId } })).version;
}

describe("the claim lifecycle", () => {
  it("goes open → under review → contested → reopened → accepted, with a timeline of who, from, to and why", async () => {
    const claim = await buildClaim();
    const steps: {
      status: "UNDER_REVIEW" | "CONTESTED" | "OPEN" | "ACCEPTED";
      rationale: string;
    }[] = [
      { status: "UNDER_REVIEW", rationale: "" },
      { status: "CONTESTED", rationale: "No consensus between the two accounts." },
      { status: "OPEN", rationale: "A new source was found; reopening." },
      { status: "ACCEPTED", rationale: "The new source corroborates Massoud's account." },
    ];
    for (const step of steps) {
      const result = await changeClaimStatus(moderator, {
        claimId: claim.id,
        version: await versionOf(claim.id),
        ...step,
      });
      assert.equal(result.status, step.status);
    }
    const row = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    assert.equal(row.status, "ACCEPTED");
    assert.equal(row.statusRationale, "The new source corroborates Massoud's account.");
    assert.equal(row.statusChangedById, moderator.id);
    assert.equal(row.version, 5);

    const page = await findClaimPage(reader, { slug: article.slug, claimId: claim.id });
    const statusEntries = page.timeline.filter((entry) => entry.action === "claim.status");
    assert.deepEqual(
      statusEntries.map((entry) => [entry.fromStatus, entry.toStatus, entry.rationale]),
      [
        ["OPEN", "UNDER_REVIEW", null],
        ["UNDER_REVIEW", "CONTESTED", "No consensus between the two accounts."],
        ["CONTESTED", "OPEN", "A new source was found; reopening."],
        ["OPEN", "ACCEPTED", "The new source corroborates Massoud's account."],
      ],
    );
    assert.deepEqual(
      statusEntries.map((entry) => entry.summary),
      [
        "Maria Moderator put the claim under review",
        "Maria Moderator resolved the claim as Contested",
        "Maria Moderator reopened the claim (it was Contested)",
        "Maria Moderator resolved the claim as Accepted",
      ],
    );
    assert.ok(statusEntries.every((entry) => entry.actor?.id === moderator.id));
    assert.equal(page.claim.statusChangedBy?.name, "Maria Moderator");
  });

  it("refuses an illegal transition naming the allowed ones, and writes nothing", async () => {
    const claim = await buildClaim();
    await changeClaimStatus(moderator, {
      claimId: claim.id,
      version: 1,
      status: "REJECTED",
      rationale: "Refuted by the Yousaf passage.",
    });
    await assertRefused(
      () =>
        changeClaimStatus(moderator, {
          claimId: claim.id,
          version: 2,
          status: "UNDER_REVIEW",
          rationale: "Review again please.",
        }),
      "INVALID_INPUT",
      /^status: a claim that is Rejected cannot become Under review; it can go to Open\.$/,
    );
    await assertRefused(
      () =>
        changeClaimStatus(moderator, {
          claimId: claim.id,
          version: 2,
          status: "REJECTED",
          rationale: "Rejected once more, firmly.",
        }),
      "INVALID_INPUT",
      /already Rejected/,
    );
  });

  it("refuses a resolution or a reopening without a rationale", async () => {
    const claim = await buildClaim();
    await assertRefused(
      () =>
        changeClaimStatus(moderator, {
          claimId: claim.id,
          version: 1,
          status: "CONTESTED",
          rationale: "",
        }),
      "INVALID_INPUT",
      /^rationale: explain the resolution in at least 10 characters/,
    );
    await assertRefused(
      () =>
        changeClaimStatus(moderator, {
          claimId: claim.id,
          version: 1,
          status: "ACCEPTED",
          rationale: "ok",
        }),
      "INVALID_INPUT",
      /^rationale:/,
    );
    await changeClaimStatus(moderator, {
      claimId: claim.id,
      version: 1,
      status: "ACCEPTED",
      rationale: "Corroborated by two sources.",
    });
    await assertRefused(
      () => changeClaimStatus(moderator, { claimId: claim.id, version: 2, status: "OPEN" }),
      "INVALID_INPUT",
      /^rationale: explain why the claim is reopened/,
    );
  });

  it("refuses a status change from a stale version with CONFLICT", async () => {
    const claim = await buildClaim();
    await changeClaimStatus(moderator, { claimId: claim.id, version: 1, status: "UNDER_REVIEW" });
    await assertRefused(
      () =>
        changeClaimStatus(moderator, {
          claimId: claim.id,
          version: 1,
          status: "CONTESTED",
          rationale: "No consensus was reached.",
        }),
      "CONFLICT",
      /now version 2/,
    );
  });

  it("lets only moderators change the status: annotators get FORBIDDEN, visitors UNAUTHENTICATED", async () => {
    const claim = await buildClaim();
    const input = {
      claimId: claim.id,
      version: 1,
      status: "ACCEPTED" as const,
      rationale: "I am sure it is right.",
    };
    await assertRefused(() => changeClaimStatus(flagger, input), "FORBIDDEN");
    await assertRefused(() => changeClaimStatus(reader, input), "FORBIDDEN");
    await assertRefused(() => changeClaimStatus(null, input), "UNAUTHENTICATED");
  });

  it("lets the flagger or a moderator retitle the claim, not others", async () => {
    const claim = await buildClaim();
    await updateClaimTitle(flagger, { claimId: claim.id, version: 1, title: "Why Jamal died" });
    await assertRefused(
      () => updateClaimTitle(stranger, { claimId: claim.id, version: 2, title: "Mine now" }),
      "FORBIDDEN",
    );
    await updateClaimTitle(moderator, {
      claimId: claim.id,
      version: 2,
      title: "Why Jamal Agha died",
    });
    const page = await findClaimPage(null, { slug: article.slug, claimId: claim.id });
    assert.equal(page.claim.title, "Why Jamal Agha died");
    assert.match(
      page.timeline.at(-1)?.summary ?? "",
      /^Maria Moderator retitled the claim “Why Jamal Agha died”$/,
    );
  });

  it("keeps a claim's audience once others have contributed: no widening or narrowing", async () => {
    const claim = await buildClaim();
    const edit = (expectedVersion: number, visibility: "PUBLIC" | "PRIVATE", text = "Flagged.") =>
      updateAnnotation(flagger, {
        id: claim.annotationId,
        expectedVersion,
        kind: "CLAIM",
        flag: "DISPUTED",
        body: body(text),
        tags: [],
        visibility,
      });
    // Alone on it, the flagger may still change who sees it.
    await edit(1, "PRIVATE");
    await edit(2, "PUBLIC");
    await createReply(annotator, { claimId: claim.id, body: body("Written for everyone.") });
    await assertRefused(
      () => edit(3, "PRIVATE"),
      "CONFLICT",
      /^visibility: other scholars have contributed to this claim's dispute/,
    );
    const stored = await prisma.annotation.findUniqueOrThrow({ where: { id: claim.annotationId } });
    assert.equal(stored.visibility, "PUBLIC");
    assert.equal(stored.version, 3);
    // Everything else stays editable.
    const edited = await edit(3, "PUBLIC", "Flagged, with a better note.");
    assert.equal(edited.version, 4);
  });

  it("refuses a reply to a claim made private while the reply was being written", async () => {
    const claim = await buildClaim();
    let replying: Promise<unknown> | undefined;
    // The flagger's edit holds the claim's row, as changing its audience does, while the reply
    // starts: it passes the early check, then waits for the row inside its transaction.
    await prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Claim" WHERE id = ${claim.id}::uuid FOR UPDATE`;
      replying = createReply(annotator, { claimId: claim.id, body: body("Just in time?") });
      replying.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await tx.annotation.update({
        where: { id: claim.annotationId },
        data: { visibility: "PRIVATE" },
      });
    });
    await assertRefused(() => replying ?? Promise.resolve(), "NOT_FOUND");
    assert.equal(await prisma.reply.count({ where: { claimId: claim.id } }), 0);
  });

  it("answers concurrent retitles with one success and conflicts, never a deadlock", async () => {
    const claim = await buildClaim();
    const results = await Promise.allSettled(
      ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"].map((title) =>
        updateClaimTitle(flagger, { claimId: claim.id, version: 1, title }),
      ),
    );
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    assert.equal(fulfilled.length, 1);
    for (const result of results) {
      if (result.status === "rejected") {
        assert.equal((result.reason as { code?: string }).code, "CONFLICT", String(result.reason));
      }
    }
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    assert.equal(stored.version, 2);
  });

  it("lets only moderators retitle a claim whose thread is locked", async () => {
    const claim = await buildClaim();
    await setThreadLock(moderator, { claimId: claim.id, locked: true });
    await assertRefused(
      () => updateClaimTitle(flagger, { claimId: claim.id, version: 2, title: "Quietly renamed" }),
      "CONFLICT",
      /^This thread is locked/,
    );
    await updateClaimTitle(moderator, {
      claimId: claim.id,
      version: 2,
      title: "Renamed in review",
    });
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    assert.equal(stored.title, "Renamed in review");
    assert.equal(stored.version, 3);
  });
});

describe("accounts", () => {
  it("creates accounts in order, keeps each edit's previous state, and refuses stale edits", async () => {
    const claim = await buildClaim();
    const first = await createAccount(flagger, {
      claimId: claim.id,
      title: "Massoud's account",
      proponents: "Massoud",
      body: body("Jamal murdered the commanders."),
    });
    const second = await createAccount(annotator, {
      claimId: claim.id,
      title: "Hezb-e Islami account",
      proponents: "Halim",
    });
    await updateAccount(flagger, {
      id: first.id,
      version: 1,
      title: "Massoud's account: Jamal murdered four commanders",
      proponents: "Massoud; not challenged by Yousaf",
      body: body("Jamal murdered four Jamiat commanders."),
    });
    await assertRefused(
      () => updateAccount(flagger, { id: first.id, version: 1, title: "Stale", proponents: "" }),
      "CONFLICT",
    );
    await assertRefused(
      () =>
        updateAccount(stranger, { id: first.id, version: 2, title: "Not mine", proponents: "" }),
      "FORBIDDEN",
    );
    const versions = await prisma.claimAccountVersion.findMany({ where: { accountId: first.id } });
    assert.deepEqual(
      versions.map((row) => [row.version, row.title, row.proponents, row.bodyText]),
      [[1, "Massoud's account", "Massoud", "Jamal murdered the commanders."]],
    );
    await deleteAccount(annotator, { id: second.id });
    const row = await prisma.claimAccount.findUniqueOrThrow({ where: { id: second.id } });
    assert.ok(row.deletedAt, "the account is kept, marked deleted");
    const page = await findClaimPage(reader, { slug: article.slug, claimId: claim.id });
    assert.deepEqual(
      page.accounts.map((account) => [account.position, account.title, account.version]),
      [[0, "Massoud's account: Jamal murdered four commanders", 2]],
    );
  });

  it("numbers accounts added at the same moment one after another", async () => {
    const claim = await buildClaim();
    await Promise.all(
      ["A", "B", "C", "D", "E", "F"].map((title) =>
        createAccount(annotator, { claimId: claim.id, title: `Account ${title}` }),
      ),
    );
    const positions = await prisma.claimAccount.findMany({
      where: { claimId: claim.id },
      select: { position: true },
      orderBy: { position: "asc" },
    });
    assert.deepEqual(
      positions.map((row) => row.position),
      [0, 1, 2, 3, 4, 5],
    );
  });

  it("refuses an account without a title or with an over-long title, and from a reader", async () => {
    const claim = await buildClaim();
    await assertRefused(
      () => createAccount(flagger, { claimId: claim.id, title: "  " }),
      "INVALID_INPUT",
      /^title: write a title/,
    );
    await assertRefused(
      () => createAccount(flagger, { claimId: claim.id, title: "x".repeat(301) }),
      "INVALID_INPUT",
      /^title: use at most 300/,
    );
    await assertRefused(
      () => createAccount(reader, { claimId: claim.id, title: "A reader's account" }),
      "FORBIDDEN",
    );
  });

  it("hides a private claim: others get NOT_FOUND", async () => {
    const claim = await buildClaim("Hekmatyar's supporters accused Massoud", {
      visibility: "PRIVATE",
    });
    await assertRefused(
      () => createAccount(stranger, { claimId: claim.id, title: "Sneaky" }),
      "NOT_FOUND",
    );
    await assert.rejects(
      findClaimPage(stranger, { slug: article.slug, claimId: claim.id }),
      (error: Error & { code?: string }) => error.code === "NOT_FOUND",
    );
    await findClaimPage(flagger, { slug: article.slug, claimId: claim.id });
  });
});

describe("evidence", () => {
  let claimId: string;
  let accountId: string;
  let sourceId: string;

  before(async () => {
    const claim = await buildClaim();
    claimId = claim.id;
    accountId = (await createAccount(flagger, { claimId, title: "An account" })).id;
    sourceId = (
      await prisma.source.create({
        data: {
          key: "yousaf1992bear-test",
          type: "book",
          title: "The Bear Trap",
          csl: { id: "yousaf1992bear-test", type: "book", title: "The Bear Trap" },
          authorsText: "Yousaf, Mohammad",
          year: 1992,
          titleKey: "the bear trap",
        },
      })
    ).id;
  });

  it("links a source with a locator and a quote, and a passage of the same article", async () => {
    const bySource = await addEvidence(annotator, {
      accountId,
      relation: "SUPPORTS",
      sourceId,
      locatorLabel: "page",
      locator: "213",
      quote: "We did not challenge it.",
    });
    const byPassage = await addEvidence(annotator, {
      accountId,
      relation: "CONTRADICTS",
      passage: passageOf(
        "Massoud even said it was by BBC radio that he learned about the operation.",
      ),
      note: "Another passage of the article.",
    });
    const page = await findClaimPage(reader, { slug: article.slug, claimId });
    const evidence = page.accounts[0]?.evidence ?? [];
    assert.deepEqual(
      evidence.map((item) => item.id),
      [bySource.id, byPassage.id],
    );
    assert.equal(evidence[0]?.source?.title, "The Bear Trap");
    assert.equal(evidence[0]?.locator, "213");
    assert.equal(evidence[0]?.source?.reliability.label, "Not assessed");
    assert.equal(evidence[1]?.passage?.sectionAnchor, "jalalabad");
    assert.deepEqual(
      page.timeline.slice(-3).map((entry) => entry.summary),
      [
        "Anwar Flagger added the account “An account”",
        "Bina Annotator cited Yousaf, The Bear Trap (1992) as supporting “An account”",
        "Bina Annotator cited the passage “Massoud even said it was by BBC radio that he learned about…” as contradicting “An account”",
      ],
    );
    const stored = await prisma.evidence.findUniqueOrThrow({ where: { id: byPassage.id } });
    assert.ok(stored.passagePrefix?.endsWith("\n"), "the prefix is taken from the text");
  });

  it("cites a merged source as the record it was merged into", async () => {
    const merged = await prisma.source.create({
      data: {
        key: "bear-trap-duplicate",
        type: "book",
        title: "Bear Trap",
        csl: { id: "bear-trap-duplicate", type: "book", title: "Bear Trap" },
        titleKey: "bear trap",
        mergedIntoId: sourceId,
      },
    });
    const { id } = await addEvidence(annotator, {
      accountId,
      relation: "MENTIONS",
      sourceId: merged.id,
    });
    const stored = await prisma.evidence.findUniqueOrThrow({ where: { id } });
    assert.equal(stored.sourceId, sourceId);
  });

  it("refuses a deleted source, a source that does not exist, and a passage of another article", async () => {
    const deleted = await prisma.source.create({
      data: {
        key: "deleted-source",
        type: "book",
        title: "Withdrawn Book",
        csl: { id: "deleted-source", type: "book", title: "Withdrawn Book" },
        titleKey: "withdrawn book",
        deletedAt: new Date(),
      },
    });
    await assertRefused(
      () => addEvidence(annotator, { accountId, relation: "SUPPORTS", sourceId: deleted.id }),
      "INVALID_INPUT",
      /^sourceId: the source “Withdrawn Book” was deleted/,
    );
    await assertRefused(
      () =>
        addEvidence(annotator, {
          accountId,
          relation: "SUPPORTS",
          sourceId: "0190f5d2-7b7e-7cc0-8a1e-3f1e2d3c4b5a",
        }),
      "NOT_FOUND",
      /^sourceId: no such source/,
    );
    await assertRefused(
      () =>
        addEvidence(annotator, {
          accountId,
          relation: "SUPPORTS",
          passage: passageOf("BBC radio", otherArticle),
        }),
      "INVALID_INPUT",
      /^passage\.revisionId: the passage is from another article/,
    );
    const wrongText = { ...passageOf("The lead names"), exact: "The lead NAMES" };
    await assertRefused(
      () => addEvidence(annotator, { accountId, relation: "SUPPORTS", passage: wrongText }),
      "INVALID_INPUT",
      /^passage\.exact: the quoted text is not the article's text/,
    );
  });

  it("refuses evidence that names both or neither target or source", async () => {
    await assertRefused(
      () => addEvidence(annotator, { relation: "SUPPORTS", sourceId }),
      "INVALID_INPUT",
      /^accountId: attach the evidence to exactly one thing/,
    );
    await assertRefused(
      () =>
        addEvidence(annotator, {
          accountId,
          relation: "SUPPORTS",
          sourceId,
          passage: passageOf("The lead names"),
        }),
      "INVALID_INPUT",
      /^sourceId: cite exactly one thing/,
    );
    await assertRefused(
      () =>
        addEvidence(annotator, {
          accountId,
          relation: "SUPPORTS",
          sourceId,
          locatorLabel: "shelf",
          locator: "3",
        }),
      "INVALID_INPUT",
      /^locatorLabel: choose one of CSL's locator labels/,
    );
  });

  it("refuses evidence on a deleted account and lets only the reply's author or a moderator add to a reply", async () => {
    const gone = await createAccount(flagger, { claimId, title: "Withdrawn" });
    await deleteAccount(flagger, { id: gone.id });
    await assertRefused(
      () => addEvidence(annotator, { accountId: gone.id, relation: "SUPPORTS", sourceId }),
      "NOT_FOUND",
      /^accountId: no such account/,
    );
    const reply = await createReply(annotator, { claimId, body: body("A reply with evidence.") });
    await assertRefused(
      () => addEvidence(stranger, { replyId: reply.id, relation: "SUPPORTS", sourceId }),
      "FORBIDDEN",
    );
    await addEvidence(moderator, { replyId: reply.id, relation: "SUPPORTS", sourceId });
    await addEvidence(annotator, { replyId: reply.id, relation: "MENTIONS", sourceId });
    assert.equal(await prisma.evidence.count({ where: { replyId: reply.id } }), 2);
  });

  it("removes evidence softly, by its creator or a moderator only", async () => {
    const { id } = await addEvidence(annotator, { accountId, relation: "MENTIONS", sourceId });
    await assertRefused(() => removeEvidence(stranger, { id }), "FORBIDDEN");
    await removeEvidence(annotator, { id });
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id } });
    assert.ok(row.deletedAt);
    assert.equal(row.deletedById, annotator.id);
    await assertRefused(() => removeEvidence(annotator, { id }), "NOT_FOUND");
  });

  it("refuses to remove evidence of a hidden or deleted reply or a withdrawn account, which its creator no longer sees", async () => {
    const hidden = await createReply(annotator, { claimId, body: body("Soon hidden.") });
    const onHidden = await addEvidence(annotator, {
      replyId: hidden.id,
      relation: "MENTIONS",
      sourceId,
    });
    await hideReply(moderator, { id: hidden.id, reason: "Off topic" });
    await assertRefused(() => removeEvidence(annotator, { id: onHidden.id }), "NOT_FOUND");

    const deleted = await createReply(annotator, { claimId, body: body("Soon deleted.") });
    const onDeleted = await addEvidence(annotator, {
      replyId: deleted.id,
      relation: "MENTIONS",
      sourceId,
    });
    await deleteReply(annotator, { id: deleted.id });
    await assertRefused(() => removeEvidence(annotator, { id: onDeleted.id }), "NOT_FOUND");

    const withdrawn = await createAccount(annotator, { claimId, title: "Soon withdrawn" });
    const onWithdrawn = await addEvidence(annotator, {
      accountId: withdrawn.id,
      relation: "MENTIONS",
      sourceId,
    });
    await deleteAccount(annotator, { id: withdrawn.id });
    await assertRefused(() => removeEvidence(annotator, { id: onWithdrawn.id }), "NOT_FOUND");
    await assertRefused(() => removeEvidence(moderator, { id: onWithdrawn.id }), "NOT_FOUND");

    const untouched = await prisma.evidence.count({
      where: { id: { in: [onHidden.id, onDeleted.id, onWithdrawn.id] }, deletedAt: null },
    });
    assert.equal(untouched, 3);
    // Moderators see hidden and deleted replies with their evidence, so they may still remove it.
    await removeEvidence(moderator, { id: onHidden.id });
    await removeEvidence(moderator, { id: onDeleted.id });
  });
});

describe("replies", () => {
  let claimId: string;
  let accountId: string;
  let foreignAccountId: string;

  before(async () => {
    claimId = (await buildClaim()).id;
    accountId = (await createAccount(flagger, { claimId, title: "Massoud's account" })).id;
    const otherClaim = await buildClaim(
      "The plan was for Masoud's forces to close the Salang pass.",
    );
    foreignAccountId = (await createAccount(flagger, { claimId: otherClaim.id, title: "Other" }))
      .id;
  });

  it("stores a reply with its stance, mentions and evidence in one go", async () => {
    const { id } = await createReply(annotator, {
      claimId,
      body: body("I agree with ", { id: moderator.id, label: "Maria Moderator" }, "."),
      stance: "SUPPORTS",
      stanceAccountId: accountId,
      evidence: [
        { relation: "SUPPORTS", passage: passageOf("The lead names Ahmad Shah Massoud.") },
      ],
    });
    const row = await prisma.reply.findUniqueOrThrow({
      where: { id },
      include: { evidence: true },
    });
    assert.deepEqual(row.mentionedUserIds, [moderator.id]);
    assert.equal(row.bodyText, "I agree with @Maria Moderator.");
    assert.equal(row.evidence.length, 1);
    const page = await findClaimPage(reader, { slug: article.slug, claimId });
    const reply = page.replies.find((item) => item.id === id);
    assert.deepEqual(reply?.mentions, [{ id: moderator.id, name: "Maria Moderator" }]);
    assert.deepEqual(page.accounts[0]?.stanceCounts, { supports: 1, opposes: 0 });
    assert.match(
      page.timeline.at(-2)?.summary ?? "",
      /^Bina Annotator replied in support of “Massoud's account”$/,
    );
  });

  it("validates stances: an account is required for supports/opposes and must be of this claim", async () => {
    await assertRefused(
      () => createReply(annotator, { claimId, body: body("Yes."), stance: "OPPOSES" }),
      "INVALID_INPUT",
      /^stanceAccountId: choose the account/,
    );
    await assertRefused(
      () =>
        createReply(annotator, {
          claimId,
          body: body("Yes."),
          stance: "SUPPORTS",
          stanceAccountId: foreignAccountId,
        }),
      "INVALID_INPUT",
      /^stanceAccountId: choose one of this claim's accounts/,
    );
    await assertRefused(
      () =>
        createReply(annotator, {
          claimId,
          body: body("Why?"),
          stance: "QUESTION",
          stanceAccountId: accountId,
        }),
      "INVALID_INPUT",
      /^stanceAccountId: only a reply that supports or opposes/,
    );
    await assertRefused(() => createReply(annotator, { claimId, body: body("") }), "INVALID_INPUT");
  });

  it("writes nothing of a reply whose evidence is refused", async () => {
    await assertRefused(
      () =>
        createReply(annotator, {
          claimId,
          body: body("See the other article."),
          evidence: [
            { relation: "SUPPORTS", passage: passageOf("The lead names Ahmad Shah Massoud.") },
            { relation: "SUPPORTS", passage: passageOf("BBC radio", otherArticle) },
          ],
        }),
      "INVALID_INPUT",
      /^evidence\.1\.passage\.revisionId: the passage is from another article/,
    );
  });

  it("refuses mentions of disabled or unknown accounts, and a reply to another thread", async () => {
    await assertRefused(
      () =>
        createReply(annotator, { claimId, body: body("Ask ", { id: disabled.id, label: "Dora" }) }),
      "INVALID_INPUT",
      /^body: @Dora is not a member who can be mentioned/,
    );
    const otherClaim = await prisma.claim.findFirstOrThrow({
      where: { id: { not: claimId }, accounts: { some: { id: foreignAccountId } } },
    });
    const elsewhere = await createReply(annotator, {
      claimId: otherClaim.id,
      body: body("Elsewhere."),
    });
    await assertRefused(
      () => createReply(annotator, { claimId, body: body("Answer."), inReplyToId: elsewhere.id }),
      "INVALID_INPUT",
      /^inReplyToId: the reply you answer is not in this thread/,
    );
  });

  it("refuses answers to a hidden reply (but not from moderators) and to a withdrawn one", async () => {
    const hidden = await createReply(stranger, { claimId, body: body("Ad hominem.") });
    await hideReply(moderator, { id: hidden.id, reason: "Personal attack" });
    const answersBefore = await prisma.reply.count({ where: { inReplyToId: hidden.id } });
    await assertRefused(
      () => createReply(annotator, { claimId, body: body("Agreed!"), inReplyToId: hidden.id }),
      "INVALID_INPUT",
      /^inReplyToId: the reply you answer is not in this thread/,
    );
    await createReply(moderator, {
      claimId,
      body: body("Please keep to the sources."),
      inReplyToId: hidden.id,
    });
    assert.equal(
      await prisma.reply.count({ where: { inReplyToId: hidden.id } }),
      answersBefore + 1,
    );

    const withdrawn = await createReply(stranger, { claimId, body: body("Second thoughts.") });
    await deleteReply(stranger, { id: withdrawn.id });
    await assertRefused(
      () => createReply(annotator, { claimId, body: body("Why?"), inReplyToId: withdrawn.id }),
      "INVALID_INPUT",
      /^inReplyToId: the reply you answer was withdrawn by its author/,
    );
    assert.equal(await prisma.reply.count({ where: { inReplyToId: withdrawn.id } }), 0);
  });

  it("refuses replies, edits and accounts in a locked thread, and takes them again once unlocked", async () => {
    const mine = await createReply(annotator, { claimId, body: body("Before the lock.") });
    await assertRefused(() => setThreadLock(annotator, { claimId, locked: true }), "FORBIDDEN");
    await setThreadLock(moderator, { claimId, locked: true, reason: "Cooling off." });
    await assertRefused(
      () => createReply(annotator, { claimId, body: body("After the lock.") }),
      "CONFLICT",
      /^This thread is locked/,
    );
    await assertRefused(
      () => updateReply(annotator, { id: mine.id, version: 1, body: body("Edited.") }),
      "CONFLICT",
      /^This thread is locked/,
    );
    await assertRefused(
      () => createAccount(annotator, { claimId, title: "Late account" }),
      "CONFLICT",
    );
    const page = await findClaimPage(annotator, { slug: article.slug, claimId });
    assert.equal(page.claim.isLocked, true);
    assert.equal(page.permissions.canReply, false);
    await setThreadLock(moderator, { claimId, locked: false });
    await createReply(annotator, { claimId, body: body("After the unlock.") });
    const timeline = (await findClaimPage(reader, { slug: article.slug, claimId })).timeline;
    assert.ok(
      timeline.some(
        (entry) => entry.summary === "Maria Moderator locked the thread (Cooling off.)",
      ),
    );
    assert.ok(timeline.some((entry) => entry.summary === "Maria Moderator unlocked the thread"));
  });

  it("keeps every earlier version of an edited reply, and lets only its author edit", async () => {
    const { id } = await createReply(annotator, {
      claimId,
      body: body("First thoughts."),
      stance: "NEUTRAL",
    });
    await updateReply(annotator, {
      id,
      version: 1,
      body: body("Second thoughts."),
      stance: "OPPOSES",
      stanceAccountId: accountId,
    });
    await assertRefused(
      () => updateReply(annotator, { id, version: 1, body: body("Stale thoughts.") }),
      "CONFLICT",
      /now version 2/,
    );
    await assertRefused(
      () => updateReply(stranger, { id, version: 2, body: body("Not mine.") }),
      "FORBIDDEN",
    );
    await updateReply(annotator, { id, version: 2, body: body("Third thoughts.") });
    const versions = await listReplyVersions(reader, { id });
    assert.deepEqual(
      versions.map((version) => [version.version, version.bodyText, version.stance]),
      [
        [1, "First thoughts.", "NEUTRAL"],
        [2, "Second thoughts.", "OPPOSES"],
      ],
    );
    const page = await findClaimPage(reader, { slug: article.slug, claimId });
    const reply = page.replies.find((item) => item.id === id);
    assert.equal(reply?.bodyText, "Third thoughts.");
    assert.equal(reply?.previousVersionCount, 2);
    assert.ok(reply?.editedAt);
  });

  it("hides a reply from everyone but moderators, keeping the row, and shows it again", async () => {
    const { id } = await createReply(stranger, {
      claimId,
      body: body("Something rude."),
      stance: "QUESTION",
    });
    await assertRefused(() => hideReply(annotator, { id, reason: "Rude" }), "FORBIDDEN");
    const cited = await addEvidence(stranger, {
      replyId: id,
      relation: "MENTIONS",
      passage: passageOf("BBC radio"),
    });
    await removeEvidence(stranger, { id: cited.id });
    await hideReply(moderator, { id, reason: "Personal attack" });
    const row = await prisma.reply.findUniqueOrThrow({ where: { id } });
    assert.equal(row.bodyText, "Something rude.");
    assert.equal(row.hiddenReason, "Personal attack");

    const asReader = await findClaimPage(reader, { slug: article.slug, claimId });
    assert.equal(
      asReader.replies.some((reply) => reply.id === id),
      false,
    );
    const asAuthor = await findClaimPage(stranger, { slug: article.slug, claimId });
    assert.equal(
      asAuthor.replies.some((reply) => reply.id === id),
      false,
    );
    const asModerator = await findClaimPage(moderator, { slug: article.slug, claimId });
    const hidden = asModerator.replies.find((reply) => reply.id === id);
    assert.equal(hidden?.isHidden, true);
    assert.equal(hidden?.hiddenReason, "Personal attack");
    assert.equal(hidden?.bodyText, "Something rude.");
    assert.equal(asModerator.permissions.canHide, true);
    assert.equal(asReader.permissions.canHide, false);
    assert.ok(
      asModerator.timeline.some(
        (entry) => entry.summary === "Maria Moderator hid a reply (Personal attack)",
      ),
    );
    assert.ok(asReader.timeline.some((entry) => entry.summary === "Maria Moderator hid a reply"));
    // What the hidden reply said (here: that it asked a question) is not in others' timelines.
    const asked = (page: typeof asReader) =>
      page.timeline.filter((entry) => entry.summary === "Cyrus Stranger asked a question").length;
    assert.equal(asked(asModerator), asked(asReader) + 1);
    assert.equal(asked(asAuthor), asked(asReader));
    const uncited = (page: typeof asReader) =>
      page.timeline.filter((entry) =>
        entry.summary.startsWith("Cyrus Stranger removed the citation of the passage “BBC radio”"),
      ).length;
    assert.equal(uncited(asModerator), uncited(asReader) + 1);

    await assertRefused(
      () => updateReply(stranger, { id, version: 1, body: body("Edit.") }),
      "NOT_FOUND",
    );
    await unhideReply(moderator, { id });
    const again = await findClaimPage(reader, { slug: article.slug, claimId });
    assert.equal(again.replies.find((reply) => reply.id === id)?.isHidden, false);
  });

  it("deletes one's own reply softly: a stub for readers, the text for moderators", async () => {
    const { id } = await createReply(annotator, { claimId, body: body("I take it back.") });
    await assertRefused(() => deleteReply(stranger, { id }), "FORBIDDEN");
    await assertRefused(() => deleteReply(moderator, { id }), "FORBIDDEN", /hide it instead/);
    await deleteReply(annotator, { id });
    const row = await prisma.reply.findUniqueOrThrow({ where: { id } });
    assert.ok(row.deletedAt);
    assert.equal(row.bodyText, "I take it back.");
    const stub = (await findClaimPage(reader, { slug: article.slug, claimId })).replies.find(
      (reply) => reply.id === id,
    );
    assert.equal(stub?.isDeleted, true);
    assert.equal(stub?.bodyText, "");
    const full = (await findClaimPage(moderator, { slug: article.slug, claimId })).replies.find(
      (reply) => reply.id === id,
    );
    assert.equal(full?.bodyText, "I take it back.");
  });
});

describe("reading", () => {
  it("shows the claim page with the passage in its paragraph and the reader's permissions", async () => {
    const claim = await buildClaim("Massoud even said it was by BBC radio");
    const page = await findClaimPage(reader, { slug: article.slug, claimId: claim.id });
    assert.equal(page.passage.exact, "Massoud even said it was by BBC radio");
    assert.equal(page.passage.before, "");
    assert.equal(page.passage.after, " that he learned about the operation.");
    assert.equal(page.passage.sectionAnchor, "jalalabad");
    assert.equal(page.passage.sectionTitle, "Jalalabad");
    assert.equal(page.passage.isOrphaned, false);
    assert.deepEqual(page.permissions, {
      canReply: false,
      canAddAccount: false,
      canAddEvidence: false,
      canChangeStatus: false,
      canLock: false,
      canHide: false,
    });
    const asModerator = await findClaimPage(moderator, { slug: article.slug, claimId: claim.id });
    assert.equal(asModerator.permissions.canChangeStatus, true);
    await assert.rejects(
      findClaimPage(reader, { slug: otherArticle.slug, claimId: claim.id }),
      (error: Error & { code?: string }) => error.code === "NOT_FOUND",
    );
    await assert.rejects(
      findClaimPage(reader, { slug: article.slug, claimId: "not-a-uuid" }),
      (error: Error & { code?: string }) => error.code === "NOT_FOUND",
    );
  });

  it("suggests enabled scholars to mention, by part of their name", async () => {
    const found = await searchMentionableUsers(annotator, "mod");
    assert.deepEqual(found, [{ id: moderator.id, name: "Maria Moderator" }]);
    assert.deepEqual(await searchMentionableUsers(annotator, "dora"), []);
    await assert.rejects(searchMentionableUsers(reader, "mod"));
  });
});
