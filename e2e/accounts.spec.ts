/**
 * Accounts end to end, against the seeded demo accounts (seed/demo-accounts.ts) and accounts each
 * test registers under its own unique e-mail: registration, signing in and out, the password rule,
 * the header's account menu per role, administration of roles, groups, the redirects and 403
 * notices, and an axe-core check of every account page.
 */
import { expect, test, type Page } from "@playwright/test";

import { DEMO_PASSWORD } from "../seed/demo-accounts";
import { expectNoSeriousAxeViolations, signIn } from "./support/helpers";

/** The demo accounts used here, as the seed creates them. */
const ADMIN = { email: "admin@apparatus.test", name: "Ada Admin" };
const MODERATOR = { email: "moderator@apparatus.test", name: "Mona Moderator" };
const ANNOTATOR = { email: "annotator@apparatus.test", name: "Anwar Annotator" };
const READER = { email: "reader@apparatus.test", name: "Rita Reader" };

/** A password that passes the rule (12+ characters, not on the common list). */
const GOOD_PASSWORD = "marginalia-of-kabul-1992";

/** The password rule as the forms show it. */
const PASSWORD_RULE = "At least 12 characters, not a common password.";

/** A unique suffix, so that every test registers its own accounts and groups. */
function uniqueSuffix(): string {
  return `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A new scholar's details, unique to the calling test. */
function newScholar(label: string) {
  const suffix = uniqueSuffix();
  return {
    name: `Scholar ${label} ${suffix.slice(-6)}`,
    email: `scholar-${label}-${suffix}@example.test`,
    password: GOOD_PASSWORD,
  };
}

/** Fills in and sends the register form. */
async function submitRegistration(
  page: Page,
  scholar: { name: string; email: string; password: string },
): Promise<void> {
  await page.goto("/register");
  await page.getByLabel("Name", { exact: true }).fill(scholar.name);
  await page.getByLabel("E-mail", { exact: true }).fill(scholar.email);
  await page.getByLabel("Password", { exact: true }).fill(scholar.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Opens the header's account menu (a disclosure under the user's name). */
async function openAccountMenu(page: Page, name: string) {
  const banner = page.getByRole("banner");
  await banner.getByText(name).click();
  const menu = banner.getByRole("navigation", { name: "Your account" });
  await expect(menu).toBeVisible();
  return menu;
}

test.describe("registration and signing in", () => {
  test("a new scholar registers, lands signed in as an annotator, signs out and in again", async ({
    page,
  }) => {
    const scholar = newScholar("register");
    await submitRegistration(page, scholar);

    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    const banner = page.getByRole("banner");
    await expect(banner).toContainText(scholar.name);
    await expect(banner).toContainText("Annotator");

    let menu = await openAccountMenu(page, scholar.name);
    await expect(menu.getByRole("link", { name: "Account" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Groups" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Administration" })).toHaveCount(0);

    await banner.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(banner.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(banner).not.toContainText(scholar.name);

    await signIn(page, scholar, scholar.password);
    await expect(banner).toContainText("Annotator");
    menu = await openAccountMenu(page, scholar.name);
    await expect(menu.getByRole("link", { name: "Groups" })).toBeVisible();
    await expect(menu.getByRole("link", { name: "Administration" })).toHaveCount(0);
  });

  test("a wrong password gets the generic message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail", { exact: true }).fill(ANNOTATOR.email);
    await page.getByLabel("Password", { exact: true }).fill("not-the-right-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "The e-mail or password is wrong.",
    );
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    // The e-mail stays filled in for the next attempt.
    await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue(ANNOTATOR.email);
  });

  test("a short password and a common password are refused with the rule", async ({ page }) => {
    const scholar = newScholar("weak");
    await submitRegistration(page, { ...scholar, password: "short-pass" });
    const password = page.getByLabel("Password", { exact: true });
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Use at least 12 characters\./);
    await expect(password).toHaveAccessibleDescription(new RegExp(PASSWORD_RULE));
    // What was typed, except the password, is still there.
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(scholar.name);
    await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue(scholar.email);

    await password.fill("qwerty123456");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText(/on a list of commonly used passwords/)).toBeVisible();
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/register/);
  });

  test("pages that need an account send anonymous visitors to sign in and back", async ({
    page,
  }) => {
    for (const path of ["/account", "/groups", "/admin/users"]) {
      await page.goto(path);
      await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
    }
    await page.getByLabel("E-mail", { exact: true }).fill(READER.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
  });
});

test.describe("the account page", () => {
  test("an API token is shown once, works against the API, and can be revoked", async ({
    page,
  }) => {
    const scholar = newScholar("token");
    await submitRegistration(page, scholar);
    await expect(page).toHaveURL(/\/account$/);

    await page.getByLabel("Token name").fill("export script");
    await page.getByRole("button", { name: "Create token" }).click();
    const secret = page.getByText(/^apx_[A-Za-z0-9_-]{43}$/);
    await expect(secret).toBeVisible();
    await expect(page.getByText(/it is shown only once/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
    const token = (await secret.textContent()) ?? "";

    const me = await page.request.get("/api/me", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status()).toBe(200);

    // The list shows only the prefix, and the secret is gone after a reload.
    const row = page.getByRole("row").filter({ hasText: "export script" });
    await expect(row).toContainText(`${token.slice(0, 12)}…`);
    await page.reload();
    await expect(page.getByText(/^apx_[A-Za-z0-9_-]{43}$/)).toHaveCount(0);

    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Revoke token “export script”" }).click();
    await expect(row).toContainText("revoked");
    const refused = await page.request.get("/api/me", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status()).toBe(401);
  });

  test("changing the password keeps this browser signed in, and the new password works", async ({
    page,
  }) => {
    const scholar = newScholar("password");
    const newPassword = "second-reading-of-the-sources";
    await submitRegistration(page, scholar);
    await expect(page).toHaveURL(/\/account$/);

    await page.getByLabel("Current password").fill("not-my-password-at-all");
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("New password, again").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    // Shown on the field it concerns.
    await expect(page.getByText("The current password is wrong.")).toBeVisible();
    await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Current password").fill(scholar.password);
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByLabel("New password, again").fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("main").getByRole("status")).toContainText(
      "Your password has been changed.",
    );
    await page.reload();
    await expect(page.getByRole("banner")).toContainText(scholar.name);

    await page.context().clearCookies();
    await signIn(page, scholar, newPassword);
  });

  test("the profile saves the affiliation and refuses an ORCID iD with a wrong checksum", async ({
    page,
  }) => {
    const scholar = newScholar("profile");
    await submitRegistration(page, scholar);
    await expect(page).toHaveURL(/\/account$/);

    await page.getByLabel("Affiliation").fill("Centre for Afghan Studies");
    await page.getByLabel("ORCID iD").fill("0000-0002-1825-0098");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByLabel("ORCID iD")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("ORCID iD")).toHaveAccessibleDescription(/checksum/);
    await expect(page.getByLabel("Affiliation")).toHaveValue("Centre for Afghan Studies");

    await page.getByLabel("ORCID iD").fill("https://orcid.org/0000-0002-1825-0097");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(
      "Your profile has been saved.",
    );
    await page.reload();
    await expect(page.getByLabel("ORCID iD")).toHaveValue("0000-0002-1825-0097");
    await expect(page.getByLabel("Affiliation")).toHaveValue("Centre for Afghan Studies");
  });
});

test.describe("invites", () => {
  test("an admin's invite link registers an account with its role, once", async ({
    browser,
    page,
  }) => {
    const scholar = newScholar("invited");
    await signIn(page, ADMIN);
    await page.goto("/admin/users");
    const invites = page.getByRole("region", { name: "Invites" });
    await invites.getByRole("textbox", { name: "E-mail" }).fill(scholar.email);
    await invites.getByRole("combobox", { name: "Role", exact: true }).selectOption("READER");
    await invites.getByRole("button", { name: "Create invite" }).click();
    const link = invites.getByText(/\/register\?invite=/);
    await expect(link).toBeVisible();
    const inviteUrl = new URL((await link.textContent()) ?? "");
    const inviteRow = invites.getByRole("row").filter({ hasText: scholar.email });
    await expect(inviteRow).toContainText("Pending");

    const visitor = await browser.newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`${inviteUrl.pathname}${inviteUrl.search}`);
    await expect(visitorPage.getByText(/invited to join as a reader/)).toBeVisible();
    await expect(visitorPage.getByLabel("E-mail", { exact: true })).toHaveValue(scholar.email);
    await visitorPage.getByLabel("Name", { exact: true }).fill(scholar.name);
    await visitorPage.getByLabel("Password", { exact: true }).fill(scholar.password);
    await visitorPage.getByRole("button", { name: "Create account" }).click();
    await expect(visitorPage).toHaveURL(/\/account$/);
    await expect(visitorPage.getByRole("banner")).toContainText("Reader");

    // The link works once.
    await visitorPage.context().clearCookies();
    await visitorPage.goto(`${inviteUrl.pathname}${inviteUrl.search}`);
    await expect(
      visitorPage.getByRole("heading", { name: "This invite has been used" }),
    ).toBeVisible();
    await visitor.close();

    await page.reload();
    await expect(inviteRow).toContainText("Used");
  });
});

test.describe("roles", () => {
  test("the reader sees no New group control and a 403 notice on administration", async ({
    page,
  }) => {
    await signIn(page, READER);
    await expect(page.getByRole("banner")).toContainText("Reader");
    await page.goto("/groups");
    await expect(page.getByRole("heading", { level: 1, name: "Groups" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "New group" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create group" })).toHaveCount(0);
    await expect(page.getByText(/Founding a group needs the annotator role/)).toBeVisible();

    await page.goto("/admin/users");
    await expect(
      page.getByRole("heading", { level: 1, name: "Administration is for administrators" }),
    ).toBeVisible();
    await expect(page.getByText("Error 403")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("the admin changes a new user's role to moderator, which signs that user out", async ({
    browser,
    page,
  }) => {
    const scholar = newScholar("promoted");
    const scholarContext = await browser.newContext();
    const scholarPage = await scholarContext.newPage();
    await submitRegistration(scholarPage, scholar);
    await expect(scholarPage).toHaveURL(/\/account$/);

    await signIn(page, ADMIN);
    const menu = await openAccountMenu(page, ADMIN.name);
    await menu.getByRole("link", { name: "Administration" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Administration" })).toBeVisible();

    await page.getByLabel("Search by name or e-mail").fill(scholar.email);
    await page.getByRole("button", { name: "Search" }).click();
    const row = page.getByRole("row").filter({ hasText: scholar.email });
    await expect(row).toHaveCount(1);
    const roleSelect = row.getByRole("combobox", { name: `Role of ${scholar.name}` });
    await expect(roleSelect).toHaveValue("ANNOTATOR");
    await roleSelect.selectOption({ label: "Moderator" });
    await row.getByRole("button", { name: `Change role of ${scholar.name}` }).click();
    await expect(row.getByRole("status")).toHaveText(`${scholar.name} is now a moderator.`);
    await expect(roleSelect).toHaveValue("MODERATOR");

    await page.reload();
    await expect(
      page
        .getByRole("row")
        .filter({ hasText: scholar.email })
        .getByRole("combobox", { name: `Role of ${scholar.name}` }),
    ).toHaveValue("MODERATOR");

    // The role change ended the scholar's session; signing in again shows the new role.
    await scholarPage.reload();
    await expect(scholarPage).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
    await scholarPage.getByLabel("E-mail", { exact: true }).fill(scholar.email);
    await scholarPage.getByLabel("Password", { exact: true }).fill(scholar.password);
    await scholarPage.getByRole("button", { name: "Sign in" }).click();
    await expect(scholarPage).toHaveURL(/\/account$/);
    await expect(scholarPage.getByRole("banner")).toContainText("Moderator");
    await scholarContext.close();
  });
});

test.describe("groups", () => {
  test("an annotator founds a group and adds the moderator demo account by e-mail", async ({
    page,
  }) => {
    const groupName = `Kabul sources seminar ${uniqueSuffix()}`;
    await signIn(page, ANNOTATOR);
    await page.goto("/groups");
    await page.getByLabel("Group name").fill(groupName);
    await page.getByLabel("Description").fill("Reading the 1992 accounts side by side.");
    await page.getByRole("button", { name: "Create group" }).click();

    await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
    await expect(page).toHaveURL(/\/groups\/[0-9a-f-]{36}$/);
    const members = page.getByRole("table");
    await expect(members.getByRole("row").filter({ hasText: ANNOTATOR.name })).toContainText(
      ANNOTATOR.email,
    );

    await page.getByLabel("E-mail of the account").fill(MODERATOR.email);
    await page.getByRole("button", { name: "Add member" }).click();
    await expect(page.getByRole("status").filter({ hasText: "added" })).toHaveText(
      `${MODERATOR.name} has been added to the group.`,
    );
    const moderatorRow = members.getByRole("row").filter({ hasText: MODERATOR.name });
    await expect(moderatorRow).toContainText(MODERATOR.email);
    await expect(
      moderatorRow.getByRole("combobox", { name: `Group role of ${MODERATOR.name}` }),
    ).toHaveValue("MEMBER");
    // The founder, the group's only moderator, is offered no role change the server would refuse.
    await expect(
      members.getByRole("row").filter({ hasText: ANNOTATOR.name }).getByRole("combobox"),
    ).toHaveCount(0);

    // An unknown address is refused on the field.
    await page.getByLabel("E-mail of the account").fill(`nobody-${uniqueSuffix()}@example.test`);
    await page.getByRole("button", { name: "Add member" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText(
      "No account with this e-mail.",
    );

    await page.goto("/groups");
    await expect(page.getByRole("link", { name: groupName })).toBeVisible();
  });

  test("a group is a 404 for non-members, as is a malformed group address", async ({ page }) => {
    const groupName = `Private circle ${uniqueSuffix()}`;
    await signIn(page, ANNOTATOR);
    await page.goto("/groups");
    await page.getByLabel("Group name").fill(groupName);
    await page.getByRole("button", { name: "Create group" }).click();
    await expect(page.getByRole("heading", { level: 1, name: groupName })).toBeVisible();
    const groupPath = new URL(page.url()).pathname;

    await page.context().clearCookies();
    await signIn(page, READER);
    for (const path of [groupPath, "/groups/not-a-group"]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(page.getByText(groupName)).toHaveCount(0);
    }
  });
});

test.describe("accessibility of the account pages", () => {
  test("sign-in and register have no serious axe violations", async ({ page }) => {
    for (const path of ["/sign-in", "/register"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    }
  });

  test("account, groups and administration have no serious axe violations", async ({ page }) => {
    await signIn(page, ADMIN);
    for (const path of ["/account", "/groups", "/admin/users"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    }
    // The open account menu too.
    await openAccountMenu(page, ADMIN.name);
    await expectNoSeriousAxeViolations(page);
  });
});
