/**
 * The permission matrix: every mutation of the app, tried by an anonymous visitor, a reader, an
 * annotator, a moderator and an admin, against a real PostgreSQL database of its own. An allowed
 * mutation must succeed and write something; a denied one must throw UNAUTHENTICATED (anonymous)
 * or FORBIDDEN / NOT_FOUND (signed in) and write nothing at all.
 *
 * EVERY NEW MUTATION ADDS A ROW HERE. (`authenticateApiToken` also writes, a last-used time, but it
 * has no actor: it is how a request gets one.)
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { describeTextRange } from "@/lib/anchoring/selectors";
import {
  buildAnnotation,
  findAnnotatableRevision,
  type AnnotatableRevision,
} from "@/seed/annotation-factories";
import { buildArticleText, buildEmail, buildGroup, buildUser, toBytes } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { Actor } from "./policy";

let prisma: typeof import("@/lib/db").prisma;
let hashPassword: typeof import("./password").hashPassword;
let accounts: {
  registerUser: typeof import("@/lib/accounts/register-user").registerUser;
  createInvite: typeof import("@/lib/accounts/create-invite").createInvite;
  revokeInvite: typeof import("@/lib/accounts/revoke-invite").revokeInvite;
  updateProfile: typeof import("@/lib/accounts/update-profile").updateProfile;
  changePassword: typeof import("@/lib/accounts/change-password").changePassword;
  createApiToken: typeof import("@/lib/accounts/create-api-token").createApiToken;
  revokeApiToken: typeof import("@/lib/accounts/revoke-api-token").revokeApiToken;
};
let admin: {
  setUserRole: typeof import("@/lib/admin/set-user-role").setUserRole;
  disableUser: typeof import("@/lib/admin/disable-user").disableUser;
  enableUser: typeof import("@/lib/admin/enable-user").enableUser;
};
let groups: {
  createGroup: typeof import("@/lib/groups/create-group").createGroup;
  addGroupMember: typeof import("@/lib/groups/add-group-member").addGroupMember;
  removeGroupMember: typeof import("@/lib/groups/remove-group-member").removeGroupMember;
  setGroupMemberRole: typeof import("@/lib/groups/set-group-member-role").setGroupMemberRole;
  leaveGroup: typeof import("@/lib/groups/leave-group").leaveGroup;
};
let importArticleForActor: typeof import("@/lib/articles/import-article-for-actor").importArticleForActor;
let annotations: {
  createAnnotation: typeof import("@/lib/annotations/create-annotation").createAnnotation;
  updateAnnotation: typeof import("@/lib/annotations/update-annotation").updateAnnotation;
  deleteAnnotation: typeof import("@/lib/annotations/delete-annotation").deleteAnnotation;
  hideAnnotation: typeof import("@/lib/annotations/hide-annotation").hideAnnotation;
  unhideAnnotation: typeof import("@/lib/annotations/unhide-annotation").unhideAnnotation;
  reattachAnnotation: typeof import("@/lib/annotations/reattach-annotation").reattachAnnotation;
  createWebAnnotation: typeof import("@/lib/annotations/create-web-annotation").createWebAnnotation;
  updateWebAnnotation: typeof import("@/lib/annotations/update-web-annotation").updateWebAnnotation;
};
/** The article that annotation rows annotate. */
let annotated: AnnotatableRevision & { slug: string };
/** An administrator who arranges what the rows need (invites to revoke and so on). */
let siteAdmin: Actor;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  delete process.env.REGISTRATION_MODE;
  ({ hashPassword } = await import("./password"));
  accounts = {
    ...(await import("@/lib/accounts/register-user")),
    ...(await import("@/lib/accounts/create-invite")),
    ...(await import("@/lib/accounts/revoke-invite")),
    ...(await import("@/lib/accounts/update-profile")),
    ...(await import("@/lib/accounts/change-password")),
    ...(await import("@/lib/accounts/create-api-token")),
    ...(await import("@/lib/accounts/revoke-api-token")),
  };
  admin = {
    ...(await import("@/lib/admin/set-user-role")),
    ...(await import("@/lib/admin/disable-user")),
    ...(await import("@/lib/admin/enable-user")),
  };
  groups = {
    ...(await import("@/lib/groups/create-group")),
    ...(await import("@/lib/groups/add-group-member")),
    ...(await import("@/lib/groups/remove-group-member")),
    ...(await import("@/lib/groups/set-group-member-role")),
    ...(await import("@/lib/groups/leave-group")),
  };
  ({ importArticleForActor } = await import("@/lib/articles/import-article-for-actor"));
  annotations = {
    ...(await import("@/lib/annotations/create-annotation")),
    ...(await import("@/lib/annotations/update-annotation")),
    ...(await import("@/lib/annotations/delete-annotation")),
    ...(await import("@/lib/annotations/hide-annotation")),
    ...(await import("@/lib/annotations/unhide-annotation")),
    ...(await import("@/lib/annotations/reattach-annotation")),
    ...(await import("@/lib/annotations/create-web-annotation")),
    ...(await import("@/lib/annotations/update-web-annotation")),
  };
  // The first account exists, so registrations below are ordinary ones.
  siteAdmin = await buildUser(prisma, { role: "ADMIN" });
  const { importArticle } = await import("@/lib/articles/import-article");
  const imported = await importArticle(toBytes(buildArticleText()));
  annotated = {
    ...(await findAnnotatableRevision(prisma, imported.articleId)),
    slug: imported.slug,
  };
});

after(tearDownTestDatabase);

/** The kinds of actor every mutation is tried with. */
const PERSONAS = {
  anonymous: { label: "an anonymous visitor", role: null },
  reader: { label: "a reader", role: "READER" },
  annotator: { label: "an annotator", role: "ANNOTATOR" },
  moderator: { label: "a moderator", role: "MODERATOR" },
  admin: { label: "an admin", role: "ADMIN" },
} as const;

type Persona = keyof typeof PERSONAS;
type Outcome = "allowed" | "denied";
type Expected = Record<Persona, Outcome>;

const ANONYMOUS_ONLY: Expected = {
  anonymous: "allowed",
  reader: "denied",
  annotator: "denied",
  moderator: "denied",
  admin: "denied",
};
const SIGNED_IN: Expected = {
  anonymous: "denied",
  reader: "allowed",
  annotator: "allowed",
  moderator: "allowed",
  admin: "allowed",
};
const ANNOTATOR_AND_ABOVE: Expected = {
  anonymous: "denied",
  reader: "denied",
  annotator: "allowed",
  moderator: "allowed",
  admin: "allowed",
};
const ADMIN_ONLY: Expected = {
  anonymous: "denied",
  reader: "denied",
  annotator: "denied",
  moderator: "denied",
  admin: "allowed",
};
const MODERATOR_AND_ABOVE: Expected = {
  anonymous: "denied",
  reader: "denied",
  annotator: "denied",
  moderator: "allowed",
  admin: "allowed",
};
const NOBODY: Expected = {
  anonymous: "denied",
  reader: "denied",
  annotator: "denied",
  moderator: "denied",
  admin: "denied",
};

/** One mutation of the app. */
interface MutationRow {
  /** What the actor tries, completing "<persona> may …". */
  action: string;
  expected: Expected;
  /**
   * Writes the fresh data the mutation needs for this actor (not counted as the mutation's
   * writes) and returns the mutation, run with valid input.
   */
  prepare: (actor: Actor | null) => Promise<() => Promise<unknown>>;
}

const PASSWORD = "a long enough passphrase";

/** Selectors of `quote` in the annotated article. */
function selectorsOf(quote: string) {
  const start = annotated.plainText.indexOf(quote);
  return describeTextRange(annotated.plainText, start, start + quote.length);
}

/** Valid input for a public comment on the annotated article. */
function annotationInput(overrides: { visibility?: "GROUP"; groupId?: string } = {}) {
  return {
    articleId: annotated.articleId,
    revisionId: annotated.revisionId,
    target: selectorsOf("lead paragraph"),
    kind: "COMMENT" as const,
    body: {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "A note." }] }],
    },
    ...overrides,
  };
}

/** An annotation by `owner` (a fresh annotator when null), written straight to the database. */
async function buildOwnedAnnotation(owner: Actor | null, options: { isHidden?: boolean } = {}) {
  const authorId = owner?.id ?? (await buildUser(prisma, { role: "ANNOTATOR" })).id;
  return buildAnnotation(prisma, annotated, { authorId, quote: "lead paragraph", ...options });
}

/** A W3C Web Annotation of the annotated article, as an API client sends it. */
function webAnnotationInput(text: string) {
  const { quote, position } = selectorsOf("lead paragraph");
  return {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    type: "Annotation",
    motivation: "commenting",
    bodyValue: text,
    target: { source: `http://localhost/articles/${annotated.slug}`, selector: [quote, position] },
  };
}

/** A group moderated by `moderator` (a fresh annotator when null) with one plain member. */
async function buildTeam(moderator: Actor | null) {
  const member = await buildUser(prisma);
  const group = await buildGroup(prisma, {
    moderators: moderator ? [moderator] : undefined,
    members: [member],
  });
  return { groupId: group.id, memberId: member.id };
}

const MUTATIONS: MutationRow[] = [
  ...sourceMutations(),
  ...disputeMutations(),
  {
    action: "register an account",
    expected: ANONYMOUS_ONLY,
    prepare: async (actor) => () =>
      accounts.registerUser(actor, { email: buildEmail(), name: "New", password: PASSWORD }),
  },
  {
    action: "create an invite",
    expected: ADMIN_ONLY,
    prepare: async (actor) => () => accounts.createInvite(actor, { role: "READER" }),
  },
  {
    action: "revoke an invite",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const { invite } = await accounts.createInvite(siteAdmin, {});
      return () => accounts.revokeInvite(actor, { id: invite.id });
    },
  },
  {
    action: "update their profile",
    expected: SIGNED_IN,
    prepare: async (actor) => () =>
      accounts.updateProfile(actor, { name: "Renamed", orcid: "0000-0002-1825-0097" }),
  },
  {
    action: "change their password",
    expected: SIGNED_IN,
    prepare: async (actor) => {
      if (actor) {
        const passwordHash = await hashPassword(PASSWORD);
        await prisma.user.update({ where: { id: actor.id }, data: { passwordHash } });
      }
      return () =>
        accounts.changePassword(actor, {
          currentPassword: PASSWORD,
          newPassword: "another long passphrase",
        });
    },
  },
  {
    action: "create an API token",
    expected: SIGNED_IN,
    prepare: async (actor) => () => accounts.createApiToken(actor, { name: "script" }),
  },
  {
    action: "revoke their API token",
    expected: SIGNED_IN,
    prepare: async (actor) => {
      const owner = actor ?? (await buildUser(prisma));
      const { token } = await accounts.createApiToken(owner, { name: "to revoke" });
      return () => accounts.revokeApiToken(actor, { id: token.id });
    },
  },
  {
    action: "change another user's role",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const target = await buildUser(prisma);
      return () => admin.setUserRole(actor, { userId: target.id, role: "ANNOTATOR" });
    },
  },
  {
    action: "disable another user",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const target = await buildUser(prisma);
      return () => admin.disableUser(actor, { userId: target.id });
    },
  },
  {
    action: "enable another user",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const target = await buildUser(prisma, { isDisabled: true });
      return () => admin.enableUser(actor, { userId: target.id });
    },
  },
  {
    action: "create a group",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => () => groups.createGroup(actor, { name: "Seminar" }),
  },
  {
    action: "add a member to a group they are not in",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const { groupId } = await buildTeam(null);
      const newcomer = await buildUser(prisma);
      return () => groups.addGroupMember(actor, { groupId, email: newcomer.email });
    },
  },
  {
    action: "add a member to a group they are a plain member of",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const group = await buildGroup(prisma, { members: actor ? [actor] : [] });
      const newcomer = await buildUser(prisma);
      return () => groups.addGroupMember(actor, { groupId: group.id, email: newcomer.email });
    },
  },
  {
    action: "add a member to a group they moderate",
    expected: SIGNED_IN,
    prepare: async (actor) => {
      const { groupId } = await buildTeam(actor);
      const newcomer = await buildUser(prisma);
      return () => groups.addGroupMember(actor, { groupId, email: newcomer.email });
    },
  },
  {
    action: "remove a member from a group they are not in",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const { groupId, memberId } = await buildTeam(null);
      return () => groups.removeGroupMember(actor, { groupId, userId: memberId });
    },
  },
  {
    action: "remove a member from a group they moderate",
    expected: SIGNED_IN,
    prepare: async (actor) => {
      const { groupId, memberId } = await buildTeam(actor);
      return () => groups.removeGroupMember(actor, { groupId, userId: memberId });
    },
  },
  {
    action: "change a member's role in a group they are not in",
    expected: ADMIN_ONLY,
    prepare: async (actor) => {
      const { groupId, memberId } = await buildTeam(null);
      return () =>
        groups.setGroupMemberRole(actor, { groupId, userId: memberId, role: "MODERATOR" });
    },
  },
  {
    action: "change a member's role in a group they moderate",
    expected: SIGNED_IN,
    prepare: async (actor) => {
      const { groupId, memberId } = await buildTeam(actor);
      return () =>
        groups.setGroupMemberRole(actor, { groupId, userId: memberId, role: "MODERATOR" });
    },
  },
  {
    action: "leave a group they are not in",
    expected: NOBODY,
    prepare: async (actor) => {
      const { groupId } = await buildTeam(null);
      return () => groups.leaveGroup(actor, { groupId });
    },
  },
  {
    action: "leave a group they belong to",
    expected: SIGNED_IN,
    prepare: async (actor) => {
      const group = await buildGroup(prisma, { members: actor ? [actor] : [] });
      return () => groups.leaveGroup(actor, { groupId: group.id });
    },
  },
  {
    action: "import an article",
    expected: ADMIN_ONLY,
    prepare: async (actor) => () => importArticleForActor(actor, toBytes(buildArticleText())),
  },
  {
    action: "create an annotation",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => () => annotations.createAnnotation(actor, annotationInput()),
  },
  {
    action: "create an annotation from a W3C Web Annotation",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => () =>
      annotations.createWebAnnotation(actor, webAnnotationInput("Through the API.")),
  },
  {
    action: "import W3C Web Annotations onto an article",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { importWebAnnotations } = await import("@/lib/annotations/import-web-annotations");
      const item = {
        ...webAnnotationInput("Imported."),
        id: `https://hypothes.is/a/${crypto.randomUUID()}`,
      };
      return () =>
        importWebAnnotations(actor, { slug: annotated.slug, json: JSON.stringify([item]) });
    },
  },
  {
    action: "create an annotation for a group they are not in",
    expected: NOBODY,
    prepare: async (actor) => {
      const { groupId } = await buildTeam(null);
      return () =>
        annotations.createAnnotation(actor, annotationInput({ visibility: "GROUP", groupId }));
    },
  },
  {
    action: "create an annotation for a group they belong to",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => {
      const group = await buildGroup(prisma, { members: actor ? [actor] : [] });
      return () =>
        annotations.createAnnotation(
          actor,
          annotationInput({ visibility: "GROUP", groupId: group.id }),
        );
    },
  },
  {
    action: "edit their own annotation",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(actor);
      return () =>
        annotations.updateAnnotation(actor, {
          id,
          expectedVersion: 1,
          kind: "COMMENT",
          body: annotationInput().body,
          tags: ["edited"],
        });
    },
  },
  {
    action: "replace their own annotation from a W3C Web Annotation",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(actor);
      return () =>
        annotations.updateWebAnnotation(actor, {
          id,
          expectedVersion: 1,
          annotation: webAnnotationInput("Replaced."),
        });
    },
  },
  {
    action: "edit someone else's annotation",
    expected: NOBODY,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(null);
      return () =>
        annotations.updateAnnotation(actor, {
          id,
          expectedVersion: 1,
          kind: "COMMENT",
          body: annotationInput().body,
          tags: ["edited"],
        });
    },
  },
  {
    action: "delete their own annotation",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(actor);
      return () => annotations.deleteAnnotation(actor, { id });
    },
  },
  {
    action: "delete someone else's annotation",
    expected: NOBODY,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(null);
      return () => annotations.deleteAnnotation(actor, { id });
    },
  },
  {
    action: "hide someone else's annotation",
    expected: MODERATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(null);
      return () => annotations.hideAnnotation(actor, { id, reason: "Off topic" });
    },
  },
  {
    action: "show a hidden annotation again",
    expected: MODERATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(null, { isHidden: true });
      return () => annotations.unhideAnnotation(actor, { id });
    },
  },
  {
    action: "re-attach their own annotation",
    expected: ANNOTATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(actor);
      return () =>
        annotations.reattachAnnotation(actor, {
          id,
          revisionId: annotated.revisionId,
          target: selectorsOf("Background"),
        });
    },
  },
  {
    action: "re-attach someone else's annotation",
    expected: MODERATOR_AND_ABOVE,
    prepare: async (actor) => {
      const { id } = await buildOwnedAnnotation(null);
      return () =>
        annotations.reattachAnnotation(actor, {
          id,
          revisionId: annotated.revisionId,
          target: selectorsOf("Background"),
        });
    },
  },
];

/** A source written straight to the database, created by `owner` (a fresh annotator when null). */
async function buildOwnedSource(owner: Actor | null) {
  const createdById = owner?.id ?? (await buildUser(prisma, { role: "ANNOTATOR" })).id;
  const key = `src-${crypto.randomUUID()}`;
  const title = `Source ${key}`;
  return prisma.source.create({
    data: {
      key,
      type: "book",
      title,
      csl: { id: key, type: "book", title },
      titleKey: title.toLowerCase(),
      createdById,
    },
  });
}

/** The source library's mutations (lib/sources). */
function sourceMutations(): MutationRow[] {
  const sourceInput = () => ({
    csl: { type: "book", title: `A new book ${crypto.randomUUID()}` },
    category: "SECONDARY" as const,
  });
  const editOf = (id: string) => ({ ...sourceInput(), id, expectedVersion: 1 });
  return [
    {
      action: "create a source",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { createSource } = await import("@/lib/sources/create-source");
        return () => createSource(actor, sourceInput());
      },
    },
    {
      action: "edit their own source",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { updateSource } = await import("@/lib/sources/update-source");
        const { id } = await buildOwnedSource(actor);
        return () => updateSource(actor, editOf(id));
      },
    },
    {
      action: "edit someone else's source",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { updateSource } = await import("@/lib/sources/update-source");
        const { id } = await buildOwnedSource(null);
        return () => updateSource(actor, editOf(id));
      },
    },
    {
      action: "delete their own source",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { deleteSource } = await import("@/lib/sources/delete-source");
        const { id } = await buildOwnedSource(actor);
        return () => deleteSource(actor, { id });
      },
    },
    {
      action: "delete someone else's source",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { deleteSource } = await import("@/lib/sources/delete-source");
        const { id } = await buildOwnedSource(null);
        return () => deleteSource(actor, { id });
      },
    },
    {
      action: "assess a source's reliability",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { assessSource } = await import("@/lib/sources/assess-source");
        const { id } = await buildOwnedSource(null);
        return () => assessSource(actor, { sourceId: id, rating: 4, rationale: "Corroborated." });
      },
    },
    {
      action: "withdraw their own assessment",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { withdrawAssessment } = await import("@/lib/sources/withdraw-assessment");
        const { id } = await buildOwnedSource(null);
        const authorId = actor?.id ?? (await buildUser(prisma, { role: "ANNOTATOR" })).id;
        const assessment = await prisma.sourceAssessment.create({
          data: { sourceId: id, authorId, rating: 3, rationale: "Mixed." },
        });
        return () => withdrawAssessment(actor, { assessmentId: assessment.id });
      },
    },
    {
      action: "withdraw someone else's assessment",
      expected: NOBODY,
      prepare: async (actor) => {
        const { withdrawAssessment } = await import("@/lib/sources/withdraw-assessment");
        const { id } = await buildOwnedSource(null);
        const other = await buildUser(prisma, { role: "ANNOTATOR" });
        const assessment = await prisma.sourceAssessment.create({
          data: { sourceId: id, authorId: other.id, rating: 3, rationale: "Mixed." },
        });
        return () => withdrawAssessment(actor, { assessmentId: assessment.id });
      },
    },
    {
      action: "import sources from BibTeX",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { importSources } = await import("@/lib/sources/import-sources");
        const text = `@book{imported, title = {Imported ${crypto.randomUUID()}}, year = {1990}}`;
        return () => importSources(actor, { format: "bibtex", text });
      },
    },
    {
      action: "merge duplicate sources",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { mergeSources } = await import("@/lib/sources/merge-sources");
        const survivor = await buildOwnedSource(null);
        const duplicate = await buildOwnedSource(null);
        return () => mergeSources(actor, { survivorId: survivor.id, duplicateId: duplicate.id });
      },
    },
  ];
}

/** A claim flagged by `flagger` (a fresh annotator when null), written straight to the database. */
async function buildDisputedClaim(flagger: Actor | null): Promise<string> {
  const authorId = flagger?.id ?? (await buildUser(prisma, { role: "ANNOTATOR" })).id;
  const { id } = await buildAnnotation(prisma, annotated, {
    authorId,
    quote: "lead paragraph",
    kind: "CLAIM",
    flag: "DISPUTED",
  });
  return (await prisma.claim.findUniqueOrThrow({ where: { annotationId: id } })).id;
}

/** An account of a fresh claim, by `owner` (a fresh annotator when null). */
async function buildOwnedAccount(owner: Actor | null) {
  const createdById = owner?.id ?? (await buildUser(prisma, { role: "ANNOTATOR" })).id;
  const claimId = await buildDisputedClaim(null);
  const emptyBody = { type: "doc", content: [{ type: "paragraph" }] };
  return prisma.claimAccount.create({
    data: { claimId, position: 0, title: "An account", body: emptyBody, createdById },
  });
}

/** A reply on a fresh claim, by `owner` (a fresh annotator when null). */
async function buildOwnedReply(owner: Actor | null, options: { isHidden?: boolean } = {}) {
  const authorId = owner?.id ?? (await buildUser(prisma, { role: "ANNOTATOR" })).id;
  const claimId = await buildDisputedClaim(null);
  return prisma.reply.create({
    data: {
      claimId,
      authorId,
      body: {
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "Hm." }] }],
      },
      bodyText: "Hm.",
      hiddenAt: options.isHidden ? new Date() : null,
    },
  });
}

/** The dispute domain's mutations (lib/disputes). */
function disputeMutations(): MutationRow[] {
  const replyBody = {
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "I disagree." }] }],
  };
  const evidenceBy = async (owner: Actor | null) => {
    const createdById = owner?.id ?? (await buildUser(prisma, { role: "ANNOTATOR" })).id;
    const account = await buildOwnedAccount(null);
    const source = await buildOwnedSource(null);
    return prisma.evidence.create({
      data: { accountId: account.id, relation: "SUPPORTS", sourceId: source.id, createdById },
    });
  };
  const accountEdit = (id: string) => ({ id, version: 1, title: "Edited", proponents: "Them" });
  return [
    {
      action: "add an account to a claim",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { createAccount } = await import("@/lib/disputes/create-account");
        const claimId = await buildDisputedClaim(null);
        return () => createAccount(actor, { claimId, title: "Another account" });
      },
    },
    {
      action: "edit their own account of a claim",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { updateAccount } = await import("@/lib/disputes/update-account");
        const { id } = await buildOwnedAccount(actor);
        return () => updateAccount(actor, accountEdit(id));
      },
    },
    {
      action: "edit someone else's account of a claim",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { updateAccount } = await import("@/lib/disputes/update-account");
        const { id } = await buildOwnedAccount(null);
        return () => updateAccount(actor, accountEdit(id));
      },
    },
    {
      action: "withdraw their own account of a claim",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { deleteAccount } = await import("@/lib/disputes/delete-account");
        const { id } = await buildOwnedAccount(actor);
        return () => deleteAccount(actor, { id });
      },
    },
    {
      action: "withdraw someone else's account of a claim",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { deleteAccount } = await import("@/lib/disputes/delete-account");
        const { id } = await buildOwnedAccount(null);
        return () => deleteAccount(actor, { id });
      },
    },
    {
      action: "add evidence to an account",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { addEvidence } = await import("@/lib/disputes/add-evidence");
        const account = await buildOwnedAccount(null);
        const source = await buildOwnedSource(null);
        return () =>
          addEvidence(actor, { accountId: account.id, relation: "SUPPORTS", sourceId: source.id });
      },
    },
    {
      action: "add evidence to someone else's reply",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { addEvidence } = await import("@/lib/disputes/add-evidence");
        const reply = await buildOwnedReply(null);
        const source = await buildOwnedSource(null);
        return () =>
          addEvidence(actor, { replyId: reply.id, relation: "MENTIONS", sourceId: source.id });
      },
    },
    {
      action: "remove evidence they added",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { removeEvidence } = await import("@/lib/disputes/remove-evidence");
        const { id } = await evidenceBy(actor);
        return () => removeEvidence(actor, { id });
      },
    },
    {
      action: "remove evidence someone else added",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { removeEvidence } = await import("@/lib/disputes/remove-evidence");
        const { id } = await evidenceBy(null);
        return () => removeEvidence(actor, { id });
      },
    },
    {
      action: "reply in a dispute thread",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { createReply } = await import("@/lib/disputes/create-reply");
        const claimId = await buildDisputedClaim(null);
        return () => createReply(actor, { claimId, body: replyBody, stance: "QUESTION" });
      },
    },
    {
      action: "edit their own reply",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { updateReply } = await import("@/lib/disputes/update-reply");
        const { id } = await buildOwnedReply(actor);
        return () => updateReply(actor, { id, version: 1, body: replyBody });
      },
    },
    {
      action: "edit someone else's reply",
      expected: NOBODY,
      prepare: async (actor) => {
        const { updateReply } = await import("@/lib/disputes/update-reply");
        const { id } = await buildOwnedReply(null);
        return () => updateReply(actor, { id, version: 1, body: replyBody });
      },
    },
    {
      action: "delete their own reply",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { deleteReply } = await import("@/lib/disputes/delete-reply");
        const { id } = await buildOwnedReply(actor);
        return () => deleteReply(actor, { id });
      },
    },
    {
      action: "delete someone else's reply",
      expected: NOBODY,
      prepare: async (actor) => {
        const { deleteReply } = await import("@/lib/disputes/delete-reply");
        const { id } = await buildOwnedReply(null);
        return () => deleteReply(actor, { id });
      },
    },
    {
      action: "hide someone else's reply",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { hideReply } = await import("@/lib/disputes/hide-reply");
        const { id } = await buildOwnedReply(null);
        return () => hideReply(actor, { id, reason: "Off topic" });
      },
    },
    {
      action: "show a hidden reply again",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { unhideReply } = await import("@/lib/disputes/unhide-reply");
        const { id } = await buildOwnedReply(null, { isHidden: true });
        return () => unhideReply(actor, { id });
      },
    },
    {
      action: "lock a dispute thread",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { setThreadLock } = await import("@/lib/disputes/set-thread-lock");
        const claimId = await buildDisputedClaim(null);
        return () => setThreadLock(actor, { claimId, locked: true, reason: "Cooling off" });
      },
    },
    {
      action: "change a claim's status",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { changeClaimStatus } = await import("@/lib/disputes/change-claim-status");
        const claimId = await buildDisputedClaim(null);
        return () =>
          changeClaimStatus(actor, {
            claimId,
            version: 1,
            status: "CONTESTED",
            rationale: "No consensus between the accounts.",
          });
      },
    },
    {
      action: "retitle a claim they flagged",
      expected: ANNOTATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { updateClaimTitle } = await import("@/lib/disputes/update-claim-title");
        const claimId = await buildDisputedClaim(actor);
        return () => updateClaimTitle(actor, { claimId, version: 1, title: "What is contested" });
      },
    },
    {
      action: "retitle a claim someone else flagged",
      expected: MODERATOR_AND_ABOVE,
      prepare: async (actor) => {
        const { updateClaimTitle } = await import("@/lib/disputes/update-claim-title");
        const claimId = await buildDisputedClaim(null);
        return () => updateClaimTitle(actor, { claimId, version: 1, title: "What is contested" });
      },
    },
  ];
}

/** Every row of every table a mutation may write, so that "wrote nothing" can be checked whole. */
async function snapshotDatabase(): Promise<string> {
  const byId = { orderBy: { id: "asc" } } as const;
  return JSON.stringify([
    await prisma.user.findMany(byId),
    await prisma.group.findMany(byId),
    await prisma.groupMembership.findMany({ orderBy: [{ groupId: "asc" }, { userId: "asc" }] }),
    await prisma.invite.findMany(byId),
    await prisma.apiToken.findMany(byId),
    await prisma.auditEvent.findMany(byId),
    await prisma.article.findMany(byId),
    await prisma.articleRevision.findMany({ ...byId, select: { id: true } }),
    await prisma.annotation.findMany(byId),
    await prisma.annotationAnchor.findMany({
      orderBy: [{ annotationId: "asc" }, { revisionId: "asc" }],
    }),
    await prisma.annotationVersion.findMany(byId),
    await prisma.claim.findMany(byId),
    await prisma.source.findMany(byId),
    await prisma.sourceAssessment.findMany(byId),
    await prisma.claimAccount.findMany(byId),
    await prisma.claimAccountVersion.findMany(byId),
    await prisma.evidence.findMany(byId),
    await prisma.reply.findMany(byId),
    await prisma.replyVersion.findMany(byId),
  ]);
}

/** A fresh actor of the persona's role (null for anonymous), so no run affects another. */
async function buildActor(persona: Persona): Promise<Actor | null> {
  const { role } = PERSONAS[persona];
  return role ? buildUser(prisma, { role }) : null;
}

describe("permission matrix", () => {
  for (const row of MUTATIONS) {
    for (const persona of Object.keys(PERSONAS) as Persona[]) {
      const outcome = row.expected[persona];
      const may = outcome === "allowed" ? "may" : "may not";
      it(`${PERSONAS[persona].label} ${may} ${row.action}`, async () => {
        const actor = await buildActor(persona);
        const mutate = await row.prepare(actor);
        const before = await snapshotDatabase();
        if (outcome === "allowed") {
          await mutate();
          assert.notEqual(await snapshotDatabase(), before, "an allowed mutation writes something");
          return;
        }
        await assert.rejects(mutate(), (error: Error & { code?: string }) => {
          assert.equal(error.name, "AppError", `expected an AppError, got ${error.message}`);
          if (actor) {
            assert.ok(["FORBIDDEN", "NOT_FOUND"].includes(error.code ?? ""), error.code);
          } else {
            assert.equal(error.code, "UNAUTHENTICATED");
          }
          return true;
        });
        assert.equal(await snapshotDatabase(), before, "a denied mutation writes nothing");
      });
    }
  }
});
