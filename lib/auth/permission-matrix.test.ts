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
import { createTestDatabase, type TestDatabase } from "@/seed/test-database";

import type { Actor } from "./policy";

let database: TestDatabase;
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
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  delete process.env.REGISTRATION_MODE;
  ({ prisma } = await import("@/lib/db"));
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

after(async () => {
  await prisma?.$disconnect();
  await database?.drop();
});

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
