/**
 * Integration tests of groups against a real PostgreSQL database of their own: founding, members,
 * group roles, leaving, and who may see a group.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";

import { buildGroup, buildUser, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

let prisma: typeof import("@/lib/db").prisma;
let createGroup: typeof import("./create-group").createGroup;
let findGroup: typeof import("./find-group").findGroup;
let listGroupsForUser: typeof import("./list-groups-for-user").listGroupsForUser;
let addGroupMember: typeof import("./add-group-member").addGroupMember;
let removeGroupMember: typeof import("./remove-group-member").removeGroupMember;
let setGroupMemberRole: typeof import("./set-group-member-role").setGroupMemberRole;
let leaveGroup: typeof import("./leave-group").leaveGroup;
let findMembership: typeof import("./find-membership").findMembership;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ createGroup } = await import("./create-group"));
  ({ findGroup } = await import("./find-group"));
  ({ listGroupsForUser } = await import("./list-groups-for-user"));
  ({ addGroupMember } = await import("./add-group-member"));
  ({ removeGroupMember } = await import("./remove-group-member"));
  ({ setGroupMemberRole } = await import("./set-group-member-role"));
  ({ leaveGroup } = await import("./leave-group"));
  ({ findMembership } = await import("./find-membership"));
});

after(tearDownTestDatabase);

/** Asserts that `promise` rejects with an AppError of `code` whose message matches `message`. */
async function rejectsWithAppError(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: Error & { code?: string }) => {
    assert.equal(error.name, "AppError");
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

/** The group's members as `[userId, role]`, sorted by id. */
async function readMembers(groupId: string) {
  const rows = await prisma.groupMembership.findMany({
    where: { groupId },
    orderBy: { userId: "asc" },
    select: { userId: true, role: true },
  });
  return rows.map((row): [string, string] => [row.userId, row.role]);
}

/** A group moderated by a fresh annotator, with one plain member. */
async function buildTeam() {
  const moderator = await buildUser(prisma, { role: "ANNOTATOR" });
  const member = await buildUser(prisma, { role: "READER" });
  const group = await buildGroup(prisma, { moderators: [moderator], members: [member] });
  return { moderator, member, group };
}

describe("createGroup", () => {
  it("founds a group with the creator as its moderator and records an audit event", async () => {
    const annotator = await buildUser(prisma, { role: "ANNOTATOR" });
    const group = await createGroup(annotator, { name: " Seminar ", description: "Sources." });
    assert.deepEqual(
      { name: group.name, role: group.role, memberCount: group.memberCount },
      { name: "Seminar", role: "MODERATOR", memberCount: 1 },
    );
    assert.deepEqual(await readMembers(group.id), [[annotator.id, "MODERATOR"]]);
    const audit = await prisma.auditEvent.findFirst({ where: { subjectId: group.id } });
    assert.equal(audit?.action, "group.created");
  });

  const invalid: [name: string, input: { name: string; description?: string }][] = [
    ["an empty name", { name: "  " }],
    ["a name over 100 characters", { name: "g".repeat(101) }],
    ["a description over 2000 characters", { name: "ok", description: "d".repeat(2001) }],
  ];
  for (const [name, input] of invalid) {
    it(`refuses ${name}`, async () => {
      const annotator = await buildUser(prisma, { role: "ANNOTATOR" });
      await assert.rejects(createGroup(annotator, input), { name: "ZodError" });
    });
  }

  it("is not for readers", async () => {
    const reader = await buildUser(prisma, { role: "READER" });
    await rejectsWithAppError(createGroup(reader, { name: "Nope" }), "FORBIDDEN", /annotator/);
  });
});

describe("findGroup and listGroupsForUser", () => {
  it("shows a group with its members to a member, e-mails only to moderators", async () => {
    const { moderator, member, group } = await buildTeam();
    const asMember = await findGroup(member, { groupId: group.id });
    assert.equal(asMember.myRole, "MEMBER");
    assert.equal(asMember.canManage, false);
    assert.deepEqual(
      asMember.members.map((entry) => [entry.userId, entry.role, entry.email]),
      [
        [moderator.id, "MODERATOR", null],
        [member.id, "MEMBER", null],
      ],
    );
    const asModerator = await findGroup(moderator, { groupId: group.id });
    assert.equal(asModerator.canManage, true);
    assert.equal(asModerator.members[1]?.email, member.email);
  });

  it("gives a non-member NOT_FOUND, the same as for a group that does not exist", async () => {
    const { group } = await buildTeam();
    const stranger = await buildUser(prisma, { role: "MODERATOR" });
    await rejectsWithAppError(
      findGroup(stranger, { groupId: group.id }),
      "NOT_FOUND",
      /no such group/,
    );
    await rejectsWithAppError(
      findGroup(stranger, { groupId: randomUUID() }),
      "NOT_FOUND",
      /no such group/,
    );
    await rejectsWithAppError(
      findGroup(stranger, { groupId: "nope" }),
      "NOT_FOUND",
      /no such group/,
    );
    await rejectsWithAppError(findGroup(null, { groupId: group.id }), "UNAUTHENTICATED", /Sign in/);
  });

  it("shows any group to a site admin, but not a deleted one", async () => {
    const { group } = await buildTeam();
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const details = await findGroup(admin, { groupId: group.id });
    assert.equal(details.myRole, null);
    assert.equal(details.canManage, true);
    const deleted = await buildGroup(prisma, { isDeleted: true });
    await rejectsWithAppError(findGroup(admin, { groupId: deleted.id }), "NOT_FOUND", /no such/);
  });

  it("lists the actor's live groups with their role and member count", async () => {
    const { member, group } = await buildTeam();
    await buildGroup(prisma, { members: [member], isDeleted: true });
    const groups = await listGroupsForUser(member);
    assert.deepEqual(
      groups.map((entry) => [entry.id, entry.role, entry.memberCount]),
      [[group.id, "MEMBER", 2]],
    );
    await rejectsWithAppError(listGroupsForUser(null), "UNAUTHENTICATED", /Sign in/);
  });

  it("finds the actor's membership, and null for strangers, deleted groups and bad ids", async () => {
    const { member, group } = await buildTeam();
    assert.equal((await findMembership(member, { groupId: group.id }))?.role, "MEMBER");
    const deleted = await buildGroup(prisma, { members: [member], isDeleted: true });
    const stranger = await buildUser(prisma);
    const cases: [name: string, result: Promise<unknown>][] = [
      ["stranger", findMembership(stranger, { groupId: group.id })],
      ["anonymous", findMembership(null, { groupId: group.id })],
      ["deleted group", findMembership(member, { groupId: deleted.id })],
      ["malformed id", findMembership(member, { groupId: "not-a-uuid" })],
    ];
    for (const [name, result] of cases) {
      assert.equal(await result, null, name);
    }
  });
});

describe("addGroupMember", () => {
  it("adds an existing account by e-mail, in any case, and records an audit event", async () => {
    const { moderator, group } = await buildTeam();
    const newcomer = await buildUser(prisma);
    const added = await addGroupMember(moderator, {
      groupId: group.id,
      email: ` ${newcomer.email.toUpperCase()} `,
    });
    assert.deepEqual([added.userId, added.role], [newcomer.id, "MEMBER"]);
    const audit = await prisma.auditEvent.findFirst({
      where: { subjectId: group.id, action: "group.member_added" },
    });
    assert.equal((audit?.data as { userId?: string } | null)?.userId, newcomer.id);
  });

  it("lets a site admin who is not a member add a moderator", async () => {
    const { group } = await buildTeam();
    const admin = await buildUser(prisma, { role: "ADMIN" });
    const newcomer = await buildUser(prisma);
    const added = await addGroupMember(admin, {
      groupId: group.id,
      email: newcomer.email,
      role: "MODERATOR",
    });
    assert.equal(added.role, "MODERATOR");
  });

  it("refuses unknown e-mails, members, disabled accounts, plain members and strangers", async () => {
    const { moderator, member, group } = await buildTeam();
    const disabled = await buildUser(prisma, { isDisabled: true });
    const stranger = await buildUser(prisma, { role: "MODERATOR" });
    const before = await readMembers(group.id);
    await rejectsWithAppError(
      addGroupMember(moderator, { groupId: group.id, email: "nobody@example.test" }),
      "NOT_FOUND",
      /^No account with this e-mail\.$/,
    );
    await rejectsWithAppError(
      addGroupMember(moderator, { groupId: group.id, email: member.email }),
      "CONFLICT",
      /already a member/,
    );
    await rejectsWithAppError(
      addGroupMember(moderator, { groupId: group.id, email: disabled.email }),
      "CONFLICT",
      /disabled/,
    );
    await rejectsWithAppError(
      addGroupMember(member, { groupId: group.id, email: stranger.email }),
      "FORBIDDEN",
      /moderators/,
    );
    await rejectsWithAppError(
      addGroupMember(stranger, { groupId: group.id, email: stranger.email }),
      "FORBIDDEN",
      /moderators/,
    );
    assert.deepEqual(await readMembers(group.id), before);
  });
});

describe("removeGroupMember, setGroupMemberRole and leaveGroup", () => {
  it("removes a member and records who did it", async () => {
    const { moderator, member, group } = await buildTeam();
    await removeGroupMember(moderator, { groupId: group.id, userId: member.id });
    assert.deepEqual(await readMembers(group.id), [[moderator.id, "MODERATOR"]]);
    const audit = await prisma.auditEvent.findFirst({
      where: { subjectId: group.id, action: "group.member_removed" },
    });
    assert.equal(audit?.actorId, moderator.id);
  });

  it("promotes and demotes members while another moderator remains", async () => {
    const { moderator, member, group } = await buildTeam();
    await setGroupMemberRole(moderator, {
      groupId: group.id,
      userId: member.id,
      role: "MODERATOR",
    });
    await setGroupMemberRole(member, { groupId: group.id, userId: moderator.id, role: "MEMBER" });
    const roles = new Map(await readMembers(group.id));
    assert.equal(roles.get(member.id), "MODERATOR");
    assert.equal(roles.get(moderator.id), "MEMBER");
  });

  const lastModeratorRefusals: [
    name: string,
    attempt: (team: Awaited<ReturnType<typeof buildTeam>>, admin: BuiltUser) => Promise<unknown>,
  ][] = [
    [
      "to demote the last moderator",
      ({ moderator, group }) =>
        setGroupMemberRole(moderator, { groupId: group.id, userId: moderator.id, role: "MEMBER" }),
    ],
    [
      "to remove the last moderator",
      ({ moderator, group }, admin) =>
        removeGroupMember(admin, { groupId: group.id, userId: moderator.id }),
    ],
    [
      "to let the last moderator leave",
      ({ moderator, group }) => leaveGroup(moderator, { groupId: group.id }),
    ],
  ];
  for (const [name, attempt] of lastModeratorRefusals) {
    it(`refuses ${name} and changes nothing`, async () => {
      const team = await buildTeam();
      const admin = await buildUser(prisma, { role: "ADMIN" });
      const before = await readMembers(team.group.id);
      await rejectsWithAppError(attempt(team, admin), "CONFLICT", /at least one moderator/);
      assert.deepEqual(await readMembers(team.group.id), before);
    });
  }

  it("lets a plain member leave", async () => {
    const { moderator, member, group } = await buildTeam();
    await leaveGroup(member, { groupId: group.id });
    assert.deepEqual(await readMembers(group.id), [[moderator.id, "MODERATOR"]]);
    const audit = await prisma.auditEvent.findFirst({
      where: { subjectId: group.id, action: "group.member_removed" },
    });
    assert.deepEqual(audit?.data, { userId: member.id, role: "MEMBER", left: true });
  });

  it("lets only one of two moderators leave at once when they are the last two", async () => {
    const first = await buildUser(prisma, { role: "ANNOTATOR" });
    const second = await buildUser(prisma, { role: "ANNOTATOR" });
    const group = await buildGroup(prisma, { moderators: [first, second] });
    const results = await Promise.allSettled([
      leaveGroup(first, { groupId: group.id }),
      leaveGroup(second, { groupId: group.id }),
    ]);
    assert.deepEqual(results.map((result) => result.status).sort(), ["fulfilled", "rejected"]);
    assert.equal((await readMembers(group.id)).length, 1);
  });

  /** Resolves once some session of this database waits for a row lock (polls for up to 5 s). */
  async function waitForLockWaiter() {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const [row] = await prisma.$queryRaw<{ waiting: bigint }[]>`
        SELECT count(*) AS waiting FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if (row && row.waiting > 0n) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("no session waited for the group lock");
  }

  const staleModeratorAttempts: [
    name: string,
    attempt: (moderator: BuiltUser, groupId: string, member: BuiltUser) => Promise<unknown>,
  ][] = [
    [
      "removes a member",
      (moderator, groupId, member) => removeGroupMember(moderator, { groupId, userId: member.id }),
    ],
    [
      "changes a member's role",
      (moderator, groupId, member) =>
        setGroupMemberRole(moderator, { groupId, userId: member.id, role: "MODERATOR" }),
    ],
    [
      "adds a member",
      async (moderator, groupId) => {
        const newcomer = await buildUser(prisma);
        return addGroupMember(moderator, { groupId, email: newcomer.email, role: "MEMBER" });
      },
    ],
  ];
  for (const [name, attempt] of staleModeratorAttempts) {
    it(`refuses a moderator demoted while waiting for the group lock who ${name}`, async () => {
      const { moderator, member, group } = await buildTeam();
      const other = await buildUser(prisma, { role: "ANNOTATOR" });
      await prisma.groupMembership.create({
        data: { groupId: group.id, userId: other.id, role: "MODERATOR" },
      });
      // Another moderator's change holds the group lock and demotes `moderator`, uncommitted: the
      // attempt passes its first check on the committed state, then waits for the lock.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let signalLocked = () => {};
      const locked = new Promise<void>((resolve) => (signalLocked = resolve));
      const demotion = prisma.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${group.id}::uuid FOR UPDATE`;
          await tx.groupMembership.update({
            where: { groupId_userId: { groupId: group.id, userId: moderator.id } },
            data: { role: "MEMBER" },
          });
          signalLocked();
          await held;
        },
        { timeout: 10_000 },
      );
      await locked;
      const outcome = attempt(moderator, group.id, member).then(
        () => null,
        (error: unknown) => error,
      );
      await waitForLockWaiter();
      release();
      await demotion;
      const error = (await outcome) as (Error & { code?: string }) | null;
      assert.equal(error?.name, "AppError");
      assert.equal(error?.code, "FORBIDDEN");
      assert.deepEqual(
        new Map(await readMembers(group.id)),
        new Map([
          [moderator.id, "MEMBER"],
          [member.id, "MEMBER"],
          [other.id, "MODERATOR"],
        ]),
      );
    });
  }

  it("refuses non-members: leaving is FORBIDDEN, removing someone who is not there NOT_FOUND", async () => {
    const { moderator, group } = await buildTeam();
    const stranger: BuiltUser = await buildUser(prisma);
    await rejectsWithAppError(
      leaveGroup(stranger, { groupId: group.id }),
      "FORBIDDEN",
      /not a member/,
    );
    await rejectsWithAppError(
      removeGroupMember(moderator, { groupId: group.id, userId: stranger.id }),
      "NOT_FOUND",
      /not a member/,
    );
  });
});
