/**
 * Sign-in throttling against the real server: a client that forges a different X-Forwarded-For on
 * every try is still one address to the throttle (the server appends the socket's address and the
 * app reads only that), so ten wrong passwords lock the account for it. Also the sign-in page's
 * explanation when an ORCID sign-in is refused.
 */
import { expect, test } from "@playwright/test";

/** A password that passes the rule (12+ characters, not on the common list). */
const GOOD_PASSWORD = "apparatus-criticus-1871";

test("rotating forged X-Forwarded-For values do not escape the sign-in lock", async ({
  browser,
}) => {
  const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const scholar = {
    name: `Throttled ${suffix.slice(-6)}`,
    email: `throttled-${suffix}@example.test`,
  };

  const registering = await browser.newContext();
  const registerPage = await registering.newPage();
  await registerPage.goto("/register");
  await registerPage.getByLabel("Name", { exact: true }).fill(scholar.name);
  await registerPage.getByLabel("E-mail", { exact: true }).fill(scholar.email);
  await registerPage.getByLabel("Password", { exact: true }).fill(GOOD_PASSWORD);
  await registerPage.getByRole("button", { name: "Create account" }).click();
  await expect(registerPage.getByRole("banner").getByText(scholar.name)).toBeVisible();
  await registering.close();

  const attacker = await browser.newContext();
  const page = await attacker.newPage();
  await page.goto("/sign-in");
  const attempt = async (forwardedFor: string, password: string) => {
    await attacker.setExtraHTTPHeaders({ "x-forwarded-for": forwardedFor });
    await page.getByLabel("E-mail", { exact: true }).fill(scholar.email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await Promise.all([
      page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
  };
  for (let index = 1; index <= 10; index += 1) {
    await attempt(`198.51.100.${index}`, `wrong password ${index}`);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(
      "The e-mail or password is wrong.",
    );
  }
  // Even the right password, from yet another forged address, is refused now.
  await attempt("203.0.113.77, 198.51.100.200", GOOD_PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    /Too many failed attempts\. Try again in 15 minutes\./,
  );
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await attacker.close();
});

test("a refused ORCID sign-in sends the visitor to the password form with the reason", async ({
  page,
}) => {
  await page.goto("/sign-in?error=OrcidNotLinkable");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    /ORCID sign-in is not available yet.*Sign in with your e-mail and password/,
  );
});
