/**
 * Tests of visibility: the scope of each kind of reader (from a real PostgreSQL database of their
 * own), and table-driven checks that `visibleWhere` and `isVisibleTo` agree on every case.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { buildGroup, buildUser, type BuiltUser } from "@/seed/factories";
import { setUpTestDatabase, tearDownTestDatabase } from "@/seed/test-database";

import type { VisibilityScope, VisibilityWhere, VisibleItem } from "./visibility";

let prisma: typeof import("@/lib/db").prisma;
let getVisibilityScope: typeof import("./visibility").getVisibilityScope;
let visibleWhere: typeof import("./visibility").visibleWhere;
let isVisibleTo: typeof import("./visibility").isVisibleTo;

before(async () => {
  ({ prisma } = await setUpTestDatabase());
  ({ getVisibilityScope, visibleWhere, isVisibleTo } = await import("./visibility"));
});

after(tearDownTestDatabase);

/**
 * Evaluates a `visibleWhere` fragment against one item in memory, the way PostgreSQL would, so
 * that the fragment can be checked against `isVisibleTo` without a table to query.
 */
function matchesWhere(where: VisibilityWhere, item: VisibleItem): boolean {
  return where.OR.some((clause) => {
    if (clause.visibility !== item.visibility) {
      return false;
    }
    if ("groupId" in clause) {
      return item.groupId !== null && clause.groupId.in.includes(item.groupId);
    }
    if ("authorId" in clause) {
      return item.authorId === clause.authorId;
    }
    return true;
  });
}

describe("getVisibilityScope", () => {
  let member: BuiltUser;
  let liveGroupId: string;

  before(async () => {
    member = await buildUser(prisma);
    liveGroupId = (await buildGroup(prisma, { members: [member] })).id;
    await buildGroup(prisma, { members: [member], isDeleted: true });
  });

  it("gives an anonymous visitor no user and no groups", async () => {
    assert.deepEqual(await getVisibilityScope(null), { userId: null, groupIds: [] });
  });

  it("gives a member their live groups only, not deleted ones", async () => {
    assert.deepEqual(await getVisibilityScope(member), {
      userId: member.id,
      groupIds: [liveGroupId],
    });
  });

  it("gives a user without groups only their own id", async () => {
    const loner = await buildUser(prisma);
    assert.deepEqual(await getVisibilityScope(loner), { userId: loner.id, groupIds: [] });
  });
});

describe("visibleWhere", () => {
  const cases: [name: string, scope: VisibilityScope, expected: VisibilityWhere][] = [
    [
      "an anonymous visitor sees public items only",
      { userId: null, groupIds: [] },
      { OR: [{ visibility: "PUBLIC" }] },
    ],
    [
      "a user without groups also sees their private items",
      { userId: "u1", groupIds: [] },
      { OR: [{ visibility: "PUBLIC" }, { visibility: "PRIVATE", authorId: "u1" }] },
    ],
    [
      "a member also sees their groups' items",
      { userId: "u1", groupIds: ["g1", "g2"] },
      {
        OR: [
          { visibility: "PUBLIC" },
          { visibility: "GROUP", groupId: { in: ["g1", "g2"] } },
          { visibility: "PRIVATE", authorId: "u1" },
        ],
      },
    ],
  ];
  for (const [name, scope, expected] of cases) {
    it(name, () => {
      assert.deepEqual(visibleWhere(scope), expected);
    });
  }
});

describe("isVisibleTo", () => {
  const anonymous: VisibilityScope = { userId: null, groupIds: [] };
  const nonMember: VisibilityScope = { userId: "stranger", groupIds: ["other-group"] };
  const member: VisibilityScope = { userId: "member", groupIds: ["group"] };
  const author: VisibilityScope = { userId: "author", groupIds: ["group"] };
  const authorWhoLeft: VisibilityScope = { userId: "author", groupIds: [] };

  const publicItem: VisibleItem = { visibility: "PUBLIC", groupId: null, authorId: "author" };
  const groupItem: VisibleItem = { visibility: "GROUP", groupId: "group", authorId: "author" };
  const privateItem: VisibleItem = { visibility: "PRIVATE", groupId: null, authorId: "author" };
  const orphanGroupItem: VisibleItem = { visibility: "GROUP", groupId: null, authorId: "author" };
  const privateInGroup: VisibleItem = {
    visibility: "PRIVATE",
    groupId: "group",
    authorId: "author",
  };

  const cases: [
    reader: string,
    scope: VisibilityScope,
    item: string,
    target: VisibleItem,
    expected: boolean,
  ][] = [
    ["anonymous", anonymous, "public", publicItem, true],
    ["anonymous", anonymous, "group", groupItem, false],
    ["anonymous", anonymous, "private", privateItem, false],
    ["a non-member", nonMember, "public", publicItem, true],
    ["a non-member", nonMember, "group", groupItem, false],
    ["a non-member", nonMember, "private", privateItem, false],
    ["a member", member, "public", publicItem, true],
    ["a member", member, "group", groupItem, true],
    ["a member", member, "private", privateItem, false],
    ["a member", member, "private-in-a-group", privateInGroup, false],
    ["a member", member, "GROUP-without-groupId", orphanGroupItem, false],
    ["the author", author, "public", publicItem, true],
    ["the author", author, "group", groupItem, true],
    ["the author", author, "private", privateItem, true],
    ["the author", author, "private-in-a-group", privateInGroup, true],
    ["the author after leaving the group", authorWhoLeft, "group", groupItem, false],
  ];
  for (const [reader, scope, itemName, item, expected] of cases) {
    it(`${expected ? "shows" : "hides"} a ${itemName} item ${expected ? "to" : "from"} ${reader}, as visibleWhere does`, () => {
      assert.equal(isVisibleTo(scope, item), expected);
      assert.equal(matchesWhere(visibleWhere(scope), item), expected);
    });
  }
});
