/**
 * Disputing a claim end to end, as the demo accounts (seed/demo-accounts.ts) on the seeded Jamal
 * Agha claim (seed/demo-disputes.ts: two accounts, under review): from the reader's sidebar card
 * to the claim page, evidence from the source library with a page locator, a reply with a stance
 * (citing a source), an edited reply and its history, a new account, a passage of the article as
 * evidence, an @mention picked from the suggestion list, a moderator hiding and unhiding a reply,
 * resolving the claim as contested with a rationale that the timeline quotes, and locking the
 * thread; the reader's sidebar and contents follow the status. Plus what anonymous visitors get,
 * the 404 of an unknown claim, and axe-core checks of the claim page.
 *
 * The tests run in order (the resolution changes the claim) and write uniquely worded text.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";

import { expectNoSeriousAxeViolations, signIn } from "./support/helpers";

const ARTICLE_PATH = "/articles/afghan-civil-war-1989-1992";

/** The demo accounts used here, as the seed creates them. */
const ANNOTATOR = { email: "annotator@apparatus.test", name: "Anwar Annotator" };
const MODERATOR = { email: "moderator@apparatus.test", name: "Mona Moderator" };

/** The seeded claim and its first account. */
const CLAIM_TITLE = "Why Massoud had Jamal Agha executed";
const FIRST_ACCOUNT = "Massoud's account: Jamal Agha murdered four Jamiat commanders";
const SECOND_ACCOUNT = "Hezb-e Islami account: Massoud killed the commanders and framed Jamal";

/** A sentence of the article (once in its text) that bears on the second account. */
const UNCORROBORATED_PASSAGE = "However, this version of the story is uncorroborated";

/** The section of the Jamal Agha passage, as the contents name it. */
const JAMAL_SECTION = "Attacks between mujahideen groups";

/** A text no other test (or run) writes. */
function uniqueText(label: string): string {
  return `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

test.describe.configure({ mode: "serial" });

/** Opens the article and waits for the read-only editor (the sidebar is then interactive). */
async function openArticle(page: Page): Promise<void> {
  await page.goto(ARTICLE_PATH);
  await expect(page.locator('[data-reader="editor"]')).toBeVisible();
}

/** The sidebar entry of the Jamal Agha claim. */
function jamalEntry(page: Page): Locator {
  return page
    .getByRole("region", { name: "Annotations", exact: true })
    .getByRole("article")
    .filter({ hasText: "Jamal Agha, whom he accused" })
    .filter({ hasText: "Disputed (claim)" });
}

/** The contents badge of open disputes in the Jamal Agha section, and its count. */
async function openDisputesInJamalSection(page: Page): Promise<number> {
  const contents = page.getByRole("navigation", { name: "Contents" });
  const badge = contents.getByText(new RegExp(`^\\d+ open disputes? in ${JAMAL_SECTION}`));
  if ((await badge.count()) === 0) {
    return 0;
  }
  const text = (await badge.first().textContent()) ?? "";
  return Number(/^(\d+)/.exec(text)?.[1] ?? "0");
}

/** An account card of the claim page, by its title. */
function accountCard(page: Page, title: string): Locator {
  return page.getByRole("listitem", { name: title, exact: true });
}

test.describe("disputing the Jamal Agha claim", () => {
  let claimPath = "";
  let openBefore = 0;

  test("the reader shows the claim's status, open disputes in the contents, and links to the claim page", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await openArticle(page);

    const entry = jamalEntry(page);
    await expect(entry).toHaveCount(1);
    await expect(entry).toContainText("Status: Under review");
    openBefore = await openDisputesInJamalSection(page);
    expect(openBefore).toBeGreaterThanOrEqual(1);

    await entry.getByRole("link", { name: /^Open dispute/ }).click();
    await expect(page).toHaveURL(/\/articles\/afghan-civil-war-1989-1992\/claims\/[0-9a-f-]{36}$/);
    claimPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: CLAIM_TITLE })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(CLAIM_TITLE));
    await expect(page.getByRole("list", { name: "Claim state" })).toContainText("Under review");
    await expect(accountCard(page, FIRST_ACCOUNT)).toBeVisible();
    await expect(accountCard(page, SECOND_ACCOUNT)).toBeVisible();
  });

  test("an annotator adds a library source with a page locator to the first account", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    const account = accountCard(page, FIRST_ACCOUNT);
    await expect(account.getByText("p. 213")).toHaveCount(0);

    await account.getByRole("button", { name: /^Add evidence for/ }).click();
    const form = account.getByRole("form", { name: /^Add evidence for/ });
    await form.getByLabel("Relation").selectOption({ label: "Supports" });
    await form.getByRole("combobox", { name: "Source" }).fill("Bear Trap");
    const option = form.getByRole("option", { name: /The Bear Trap/ });
    await expect(option).toBeVisible();
    await form.getByRole("combobox", { name: "Source" }).press("Enter");
    await expect(form.getByRole("button", { name: "Change source" })).toBeVisible();
    await expect(form).toContainText("The Bear Trap");
    await expect(form.getByLabel("Locator type")).toHaveValue("page");
    await form.getByRole("textbox", { name: /^Locator/ }).fill("213");
    const excerpt = uniqueText("The Jamal Agha affair, as recalled");
    await form.getByLabel("Quoted excerpt").fill(excerpt);
    await form.getByRole("button", { name: "Add evidence" }).click();

    const citation = account.getByRole("listitem").filter({ hasText: excerpt });
    await expect(citation).toBeVisible();
    await expect(citation).toContainText("p. 213");
    await expect(citation.getByRole("link", { name: /The Bear Trap/ })).toHaveAttribute(
      "href",
      /^\/sources\/[0-9a-f-]{36}$/,
    );
    await expect(citation).toContainText("Reliability:");
    await expect(citation).toContainText("Supports");
  });

  test("an annotator replies supporting that account, citing a source, and sees the stance", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    const composer = page.getByRole("form", { name: "Reply", exact: true });
    const text = uniqueText("Yousaf's page 213 settles the motive");
    const editor = composer.getByRole("textbox", { name: "Your reply" });
    await editor.click();
    await editor.pressSequentially(text);
    await composer.getByLabel("Stance").selectOption({ label: "Supports" });
    await composer.getByLabel("Account").selectOption({ label: FIRST_ACCOUNT });
    await composer.getByRole("checkbox", { name: "Cite a source with this reply" }).check();
    const search = composer.getByRole("combobox", { name: "Source" });
    await search.fill("Ghost Wars");
    await expect(composer.getByRole("option", { name: /Ghost Wars/ })).toBeVisible();
    await search.press("Enter");
    await composer.getByRole("textbox", { name: /^Locator/ }).fill("112");
    await composer.getByRole("button", { name: "Post reply" }).click();

    const reply = page.getByRole("listitem").filter({ hasText: text });
    await expect(reply).toBeVisible();
    await expect(reply).toContainText(`Supports “${FIRST_ACCOUNT}”`);
    await expect(reply.getByRole("link", { name: /^Ghost Wars/ })).toBeVisible();
    await expect(reply).toContainText("p. 112");
    await expect(reply.getByRole("heading", { name: ANNOTATOR.name })).toBeVisible();
  });

  test("the author edits a reply; 'edited' opens its earlier version", async ({ page }) => {
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    const composer = page.getByRole("form", { name: "Reply", exact: true });
    const first = uniqueText("First thoughts on the dates");
    const editor = composer.getByRole("textbox", { name: "Your reply" });
    await editor.click();
    await editor.pressSequentially(first);
    await composer.getByRole("button", { name: "Post reply" }).click();
    await expect(page.getByRole("listitem").filter({ hasText: first })).toBeVisible();
    // The reply keeps its element id while its text changes.
    const replyId = await page.getByRole("listitem").filter({ hasText: first }).getAttribute("id");
    expect(replyId).toMatch(/^reply-[0-9a-f-]{36}$/);
    const reply = page.locator(`[id="${replyId}"]`);

    await reply.getByRole("button", { name: "Edit your reply" }).click();
    const second = uniqueText("Second thoughts on the dates");
    const editField = reply.getByRole("textbox", { name: "Your reply" });
    await editField.click();
    await page.keyboard.press("ControlOrMeta+a");
    await editField.pressSequentially(second);
    await reply.getByRole("button", { name: "Save reply" }).click();

    await expect(reply).toContainText(second);
    await expect(reply).not.toContainText(first);
    await reply.getByRole("button", { name: /^edited/ }).click();
    const history = reply.getByRole("region", { name: "Earlier versions" });
    await expect(history).toContainText("Version 1");
    await expect(history).toContainText(first);
  });

  test("an annotator adds a third account, which joins the others side by side", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    await page.getByRole("button", { name: "Add an account" }).click();
    const form = page.getByRole("form", { name: "Add an account" });
    const title = uniqueText("A local feud settled in Jamiat's name");
    await form.getByRole("textbox", { name: /^Title/ }).fill(title);
    await form.getByRole("textbox", { name: /^Proponents/ }).fill("Local elders, oral testimony");
    const body = form.getByRole("textbox", { name: "Account" });
    await body.click();
    await body.pressSequentially("A quarrel over land, later told as a matter of the party.");
    await form.getByRole("button", { name: "Add account" }).click();

    const card = accountCard(page, title);
    await expect(card).toBeVisible();
    await expect(card).toContainText("Held by Local elders, oral testimony");
    await expect(card).toContainText("No evidence yet.");
    await expect(
      page.getByRole("region", { name: "Accounts" }).getByRole("heading", { level: 3 }),
    ).toHaveCount(3);
  });

  test("a passage of the article is cited as evidence; words not in the article are refused at the field", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    const account = accountCard(page, SECOND_ACCOUNT);
    await account.getByRole("button", { name: /^Add evidence for/ }).click();
    const form = account.getByRole("form", { name: /^Add evidence for/ });
    await form.getByLabel("Relation").selectOption({ label: "Contradicts" });
    await form.getByRole("radio", { name: "A passage of this article" }).check();
    const passageField = form.getByRole("textbox", { name: "The passage, word for word" });

    await passageField.fill("Massoud was never in Badakhshan at all");
    await form.getByRole("button", { name: "Add evidence" }).click();
    await expect(passageField).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText("not in the article's current text");

    const note = uniqueText("The article itself calls this version uncorroborated");
    await passageField.fill(UNCORROBORATED_PASSAGE);
    await form.getByRole("textbox", { name: /^Note/ }).fill(note);
    await form.getByRole("button", { name: "Add evidence" }).click();
    const evidence = account.getByRole("listitem").filter({ hasText: note });
    await expect(evidence).toBeVisible();
    await expect(evidence).toContainText("Contradicts");
    await expect(evidence.getByRole("blockquote")).toHaveText(`“${UNCORROBORATED_PASSAGE}”`);
    await expect(evidence.getByRole("link", { name: "show it in the article" })).toHaveAttribute(
      "href",
      /^\/articles\/afghan-civil-war-1989-1992#attacks-between-mujahideen-groups/,
    );
  });

  test("a reply mentions a scholar picked from the @ list; a moderator hides it from everyone else and unhides it", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    const composer = page.getByRole("form", { name: "Reply", exact: true });
    const editor = composer.getByRole("textbox", { name: "Your reply" });
    const text = uniqueText("please weigh Halim's book against Yousaf");
    await editor.click();
    await editor.pressSequentially("@Mon");
    const suggestions = page.getByRole("listbox", { name: "Scholars to mention" });
    await expect(suggestions.getByRole("option", { name: "@Mona Moderator" })).toBeVisible();
    await expect(editor).toHaveAttribute("aria-activedescendant", /.+/);
    await editor.press("Enter");
    await expect(suggestions).toHaveCount(0);
    await editor.pressSequentially(text);
    await composer.getByLabel("Stance").selectOption({ label: "Question" });
    await composer.getByRole("button", { name: "Post reply" }).click();

    const reply = page.getByRole("listitem").filter({ hasText: text });
    await expect(reply).toContainText("@Mona Moderator");
    await expect(reply).toContainText("Question");

    await page.context().clearCookies();
    await signIn(page, MODERATOR);
    await page.goto(claimPath);
    const reason = uniqueText("Off-topic aside");
    await reply.getByRole("button", { name: /^Hide/ }).click();
    await reply.getByRole("textbox", { name: /^Reason for hiding/ }).fill(reason);
    await reply.getByRole("button", { name: "Hide reply" }).click();
    await expect(reply).toContainText(`Hidden by a moderator: ${reason}`);
    await expect(reply.getByRole("button", { name: /^Unhide/ })).toBeVisible();

    await page.context().clearCookies();
    await page.goto(claimPath);
    await expect(page.getByRole("heading", { level: 1, name: CLAIM_TITLE })).toBeVisible();
    await expect(page.getByText(text)).toHaveCount(0);

    await signIn(page, MODERATOR);
    await page.goto(claimPath);
    await reply.getByRole("button", { name: /^Unhide/ }).click();
    await expect(reply.getByRole("button", { name: /^Hide/ })).toBeVisible();
    await expect(reply).not.toContainText("Hidden by a moderator");
  });

  test("a moderator resolves the claim as contested; the rationale is in the timeline and the reader follows", async ({
    page,
  }) => {
    await signIn(page, MODERATOR);
    await page.goto(claimPath);
    const rationale = uniqueText(
      "Both accounts rest on partisan witnesses and neither is corroborated independently",
    );
    const panel = page.getByRole("form", { name: "Change the status" });
    await panel.getByLabel("New status").selectOption({ label: "Contested" });
    await panel.getByLabel("Rationale").fill(rationale);
    await panel.getByRole("button", { name: "Change status" }).click();

    const state = page.getByRole("list", { name: "Claim state" });
    await expect(state).toContainText("Status: Contested");
    const timeline = page.getByRole("region", { name: "Timeline" });
    const entry = timeline.getByRole("listitem").filter({ hasText: rationale });
    await expect(entry).toBeVisible();
    await expect(entry.getByRole("blockquote")).toHaveText(rationale);
    await expect(entry).toContainText(MODERATOR.name);
    await expect(entry.locator("time[datetime]").first()).toBeVisible();

    await openArticle(page);
    await expect(jamalEntry(page)).toContainText("Status: Contested");
    expect(await openDisputesInJamalSection(page)).toBe(openBefore - 1);
  });

  test("a moderator locks the thread: annotators can no longer reply until it is unlocked", async ({
    page,
  }) => {
    await signIn(page, MODERATOR);
    await page.goto(claimPath);
    const lockForm = page.getByRole("form", { name: "Lock the thread" });
    await lockForm
      .getByRole("textbox", { name: /^Reason/ })
      .fill("Cooling off after the resolution");
    await lockForm.getByRole("button", { name: "Lock thread" }).click();
    await expect(page.getByRole("list", { name: "Claim state" })).toContainText("Thread locked");

    await page.context().clearCookies();
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    await expect(page.getByRole("region", { name: "Discussion" })).toContainText(
      "A moderator locked this thread",
    );
    await expect(page.getByRole("form", { name: "Reply", exact: true })).toHaveCount(0);

    await page.context().clearCookies();
    await signIn(page, MODERATOR);
    await page.goto(claimPath);
    await page
      .getByRole("form", { name: "Unlock the thread" })
      .getByRole("button", { name: "Unlock thread" })
      .click();
    await expect(page.getByRole("list", { name: "Claim state" })).not.toContainText(
      "Thread locked",
    );
    await expect(page.getByRole("form", { name: "Reply", exact: true })).toBeVisible();
  });

  test("an anonymous visitor reads the claim page and is offered to sign in, without forms", async ({
    page,
  }) => {
    await page.goto(claimPath);
    await expect(page.getByRole("heading", { level: 1, name: CLAIM_TITLE })).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in to take part" })).toHaveAttribute(
      "href",
      /^\/sign-in\?callbackUrl=/,
    );
    await expect(page.getByRole("region", { name: "Discussion" })).toContainText(
      "Yousaf's page 213 settles the motive",
    );
    await expect(page.getByRole("button", { name: /^Add evidence/ })).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("form")).toHaveCount(0);
  });

  test("axe finds no serious violations on the claim page, with the evidence form open", async ({
    page,
  }) => {
    await signIn(page, ANNOTATOR);
    await page.goto(claimPath);
    await expect(page.getByRole("heading", { level: 1, name: CLAIM_TITLE })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await accountCard(page, FIRST_ACCOUNT)
      .getByRole("button", { name: /^Add evidence for/ })
      .click();
    await expectNoSeriousAxeViolations(page);
  });

  test("an unknown claim is a 404", async ({ page }) => {
    const response = await page.goto(`${ARTICLE_PATH}/claims/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
  });
});
