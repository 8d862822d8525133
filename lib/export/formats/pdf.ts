import "server-only";

import { access, constants } from "node:fs/promises";

import { AppError } from "@/lib/errors";

import type { Edition } from "../edition-model";
import { writeHtml } from "./html";
import { collectText } from "./writer";

/** Where Debian puts Chromium; `CHROMIUM_PATH` overrides it. */
const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** The message when there is no browser to print with. */
const NO_CHROMIUM_MESSAGE =
  "PDF export needs Chromium; install it (apt-get install chromium) or export HTML and print it.";

/** Longest time a PDF may take to print before the export gives up, in milliseconds. */
const PRINT_TIMEOUT_MS = 60_000;

/** The Chromium binary to print with. */
function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
}

/**
 * Writes the PDF edition: the HTML edition printed by headless Chromium through Playwright, with
 * the HTML's own print CSS (A4, its margins) and page numbers in the footer. The page is loaded
 * offline (the HTML has no external resources, and JavaScript is off).
 *
 * @throws AppError UNAVAILABLE when Chromium (or Playwright) is not installed
 */
export async function* writePdf(edition: Edition): AsyncGenerator<Uint8Array> {
  const executablePath = chromiumPath();
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new AppError("UNAVAILABLE", NO_CHROMIUM_MESSAGE, { format: "pdf" });
  }
  let chromium: typeof import("playwright-core").chromium;
  try {
    ({ chromium } = await import("playwright-core"));
  } catch {
    throw new AppError(
      "UNAVAILABLE",
      "PDF export needs the playwright-core package; install the project's dependencies or export HTML and print it.",
      { format: "pdf" },
    );
  }
  const html = await collectText(writeHtml(edition));
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(PRINT_TIMEOUT_MS);
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({
      preferCSSPageSize: true,
      printBackground: false,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="width:100%;font-size:8px;text-align:center;color:#555"><span class="pageNumber"></span></div>',
      tagged: true,
      outline: true,
    });
    yield new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
