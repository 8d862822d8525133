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

/**
 * PDFs printed at once by this process. Each print is a Chromium with its own renderer, and a
 * large edition keeps it busy for many seconds: more at once would only slow every one of them
 * down (and let a few requests exhaust the machine).
 */
const MAX_CONCURRENT_PRINTS = 1;

/** Prints that may wait for their turn; any more are refused with 503 at once. */
const MAX_WAITING_PRINTS = 2;

/** Prints running now, and the turns of those waiting. */
let runningPrints = 0;
const waitingPrints: (() => void)[] = [];

/**
 * Waits for a turn to print and returns the function that gives it back.
 *
 * @throws AppError UNAVAILABLE when the queue is full
 */
async function takePrintTurn(): Promise<() => void> {
  if (runningPrints >= MAX_CONCURRENT_PRINTS) {
    if (waitingPrints.length >= MAX_WAITING_PRINTS) {
      throw new AppError(
        "UNAVAILABLE",
        "The server is busy printing other PDF editions; try again in a minute, or export HTML and print it from the browser.",
        { format: "pdf" },
      );
    }
    await new Promise<void>((resolve) => waitingPrints.push(resolve));
  } else {
    runningPrints += 1;
  }
  let isReturned = false;
  return () => {
    if (isReturned) {
      return;
    }
    isReturned = true;
    const next = waitingPrints.shift();
    if (next) {
      next(); // the turn passes on: the count of running prints stays
    } else {
      runningPrints -= 1;
    }
  };
}

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
  const giveBack = await takePrintTurn();
  let pdf: Uint8Array;
  try {
    pdf = await printHtml(chromium, executablePath, html);
  } finally {
    // Given back before yielding: a reader that never finishes must not keep the turn.
    giveBack();
  }
  yield pdf;
}

/** Prints `html` with a Chromium of its own, closed afterwards. */
async function printHtml(
  chromium: typeof import("playwright-core").chromium,
  executablePath: string,
  html: string,
): Promise<Uint8Array> {
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
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
