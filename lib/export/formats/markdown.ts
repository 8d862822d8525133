/**
 * The Markdown edition: CommonMark with footnotes (`[^n]`, as GitHub, Pandoc and markdown-it-footnote
 * read them). The text carries a footnote reference at the end of each annotated passage; the
 * notes (claim status, accounts, evidence, thread summary) are footnote definitions; then the
 * bibliography and the colophon.
 *
 * Every character taken from the data that Markdown would read as syntax is backslash-escaped
 * (and `<` always), so `<script>` or `*` in a note stays text.
 */
import type { JSONContent } from "@tiptap/core";

import {
  CLAIM_STATUS_LABELS,
  EVIDENCE_RELATION_LABELS,
  REPLY_STANCE_LABELS,
} from "@/lib/disputes/labels";
import { isAllowedAnnotationHref } from "@/lib/editor/annotation-body/annotation-body-extensions";
import { mentionText } from "@/lib/editor/scholar-mention/scholar-mention";
import { formatReliability } from "@/lib/sources/reliability-summary";

import type {
  Edition,
  EditionAnnotation,
  EditionBlock,
  EditionClaim,
  EditionEvidence,
  EditionText,
} from "../edition-model";
import {
  describeContributor,
  describeFilters,
  describeKind,
  describeSource,
  describeSourceCritique,
  describeThreadCounts,
  findSource,
  formatDate,
  formatDateTime,
} from "./labels";
import { createPassageCursor, partitionOrphans, type PassageCursor } from "./passages";

/** ASCII punctuation that is Markdown syntax somewhere inline. */
const INLINE_SPECIALS = /[\\`*_[\]{}<>#!|~&]/g;

/**
 * Escapes text for inline Markdown: syntax characters get a backslash, and a line that would start
 * a block (heading, list, quote, thematic break, setext underline) has its first mark escaped.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_SPECIALS, (character) => `\\${character}`)
    .replace(/\r\n|\r/g, "\n")
    .split("\n")
    .map(escapeLineStart)
    .join("\n");
}

/**
 * Escapes what would make a line a block when it starts one: `-`/`+` list markers and `1.`/`1)`
 * (followed by a space), `>` quotes, `=` setext underlines. Mid-line these escapes are harmless,
 * and text fragments cannot know where they will land, so every fragment's start is treated alike.
 */
function escapeLineStart(line: string): string {
  return line
    .replace(/^([-+])(?=\s|$)/, "\\$1")
    .replace(/^([>=])/, "\\$1")
    .replace(/^(\d{1,9})([.)])(?=\s|$)/, "$1\\$2");
}

/** Indents every line but blank ones by four spaces (continuation of a footnote). */
function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? "" : `    ${line}`))
    .join("\n");
}

/**
 * Writes the Markdown edition, one chunk per block and per note.
 *
 * @param edition the export model
 */
export function* writeMarkdown(edition: Edition): Generator<string> {
  yield `# ${escapeMarkdown(edition.revision.title)}\n\n`;
  const count = edition.annotations.length;
  yield `*An annotated edition of revision ${edition.revision.number} (${formatDate(edition.revision.createdAt)}), with ${count} note${count === 1 ? "" : "s"}.*\n\n`;

  const cursor = createPassageCursor(edition.annotations);
  for (const block of edition.blocks) {
    yield renderBlock(block, cursor);
  }

  const { orphans } = partitionOrphans(edition.annotations);
  if (orphans.length > 0) {
    yield `## Notes on passages not found in revision ${edition.revision.number}\n\n`;
    for (const annotation of orphans) {
      yield `- “${escapeMarkdown(annotation.quote.exact)}” (revision ${annotation.originalRevisionNumber})[^${annotation.number}]\n`;
    }
    yield "\n";
  }

  yield* renderBibliography(edition);
  yield renderColophon(edition);

  if (count > 0) {
    yield "\n";
    for (const annotation of edition.annotations) {
      yield renderFootnote(annotation, edition);
    }
  }
}

/** One block of the text with its footnote references. */
function renderBlock(block: EditionBlock, cursor: PassageCursor): string {
  switch (block.type) {
    case "infobox":
      return `${block.rows
        .map((row) => `- **${renderText(row.label, cursor)}:** ${renderText(row.value, cursor)}`)
        .join("\n")}\n\n`;
    case "heading":
      return `${"#".repeat(Math.min(Math.max(block.level, 2), 6))} ${renderText(block.text, cursor)}\n\n`;
    case "paragraph":
      return `${renderText(block.text, cursor)}\n\n`;
    case "label":
      return `**${renderText(block.text, cursor)}**\n\n`;
    case "list":
      return `${block.items.map((item) => `- ${renderText(item, cursor)}`).join("\n")}\n\n`;
  }
}

/** A text block with `[^n]` at the end of each passage. */
function renderText(text: EditionText, cursor: PassageCursor): string {
  let markdown = "";
  for (const segment of cursor.segments(text)) {
    if (segment.type === "text") {
      markdown += segment.text;
    } else if (segment.type === "end") {
      // A placeholder that escaping leaves alone; the reference is put in after escaping.
      markdown += `\u0000${segment.annotation.number}\u0000`;
    }
  }
  // Leading spaces would make an indented code block of the line.
  return escapeMarkdown(markdown)
    .replace(/^[ \t]+/, "")
    .replace(/\u0000(\d+)\u0000/g, "[^$1]");
}

/** One footnote definition: kind, status, passage, body, claim. */
function renderFootnote(annotation: EditionAnnotation, edition: Edition): string {
  const lines: string[] = [];
  const status = annotation.claim
    ? ` — Status: **${escapeMarkdown(CLAIM_STATUS_LABELS[annotation.claim.status])}**`
    : "";
  lines.push(`**${escapeMarkdown(describeKind(annotation.kind, annotation.flag))}**${status}`);
  if (annotation.claim?.title) {
    lines.push("", `*${escapeMarkdown(annotation.claim.title)}*`);
  }
  lines.push("", `> ${escapeMarkdown(annotation.quote.exact).replace(/\n/g, "\n> ")}`);
  const body = renderBody(annotation.body);
  if (body) {
    lines.push("", body);
  }
  const tags =
    annotation.tags.length > 0 ? ` · Tags: ${escapeMarkdown(annotation.tags.join(", "))}` : "";
  lines.push(
    "",
    `— ${escapeMarkdown(annotation.author.name)}, ${formatDate(annotation.createdAt)}${tags}`,
  );
  if (annotation.claim) {
    lines.push(...renderClaim(annotation.claim, edition));
  }
  const [first = "", ...rest] = lines;
  return `[^${annotation.number}]: ${first}\n${indent(rest.join("\n"))}\n\n`;
}

/** A claim's resolution, accounts and thread summary, as footnote lines. */
function renderClaim(claim: EditionClaim, edition: Edition): string[] {
  const lines: string[] = [];
  if (claim.statusRationale || claim.statusChangedAt) {
    const who = claim.statusChangedBy ? ` by ${escapeMarkdown(claim.statusChangedBy.name)}` : "";
    const when = claim.statusChangedAt ? ` on ${formatDate(claim.statusChangedAt)}` : "";
    const rationale = claim.statusRationale ? `: ${escapeMarkdown(claim.statusRationale)}` : ".";
    lines.push("", `${escapeMarkdown(CLAIM_STATUS_LABELS[claim.status])}${who}${when}${rationale}`);
  }
  if (claim.isLocked) {
    lines.push("", "The dispute thread is locked.");
  }
  claim.accounts.forEach((account, index) => {
    lines.push("", `${index + 1}. **${escapeMarkdown(account.title)}**`);
    const details: string[] = [];
    if (account.proponents) {
      details.push(`Held by: ${escapeMarkdown(account.proponents)}`);
    }
    const body = renderBody(account.body);
    if (body) {
      details.push(body);
    }
    for (const evidence of account.evidence) {
      details.push(`- ${renderEvidence(evidence, edition)}`);
    }
    if (details.length > 0) {
      lines.push("", indent(details.join("\n\n")));
    }
  });
  if (claim.thread) {
    lines.push("", `Thread: ${escapeMarkdown(describeThreadCounts(claim.thread))}`);
    for (const reply of claim.thread.lastReplies) {
      const account = claim.accounts.find((candidate) => candidate.id === reply.stanceAccountId);
      const stance = reply.stance
        ? `*${REPLY_STANCE_LABELS[reply.stance]}${account ? ` “${escapeMarkdown(account.title)}”` : ""}:* `
        : "";
      const text = escapeMarkdown(reply.bodyText).replace(/\n+/g, " ");
      lines.push(
        "",
        `- ${stance}${text} — ${escapeMarkdown(reply.author.name)}, ${formatDate(reply.createdAt)}${reply.editedAt ? " (edited)" : ""}`,
      );
    }
  }
  return lines;
}

/** One piece of evidence in a line. */
function renderEvidence(evidence: EditionEvidence, edition: Edition): string {
  let text = `*${EVIDENCE_RELATION_LABELS[evidence.relation]}:* `;
  const source = findSource(edition, evidence.sourceKey);
  if (source) {
    text += escapeMarkdown(describeSource(source));
    if (evidence.locatorText) {
      text += `, ${escapeMarkdown(evidence.locatorText)}`;
    }
    if (evidence.quote) {
      text += `: “${escapeMarkdown(evidence.quote)}”`;
    }
  } else if (evidence.passage) {
    text += `the article: “${escapeMarkdown(evidence.passage.exact)}”`;
  }
  if (evidence.note) {
    text += ` — ${escapeMarkdown(evidence.note)}`;
  }
  return text.replace(/\n+/g, " ");
}

/** The bibliography section. */
function* renderBibliography(edition: Edition): Generator<string> {
  yield "## Sources\n\n";
  const cited = edition.sources.filter((source) => source.isCited);
  if (cited.length > 0) {
    yield "### Sources cited in the apparatus\n\n";
    for (const source of cited) {
      const critique = source.critique
        ? ` ${escapeMarkdown(source.critique).replace(/\n+/g, " ")}`
        : "";
      yield `- ${escapeMarkdown(describeSource(source))} \\[${escapeMarkdown(source.key)}\\]. ${escapeMarkdown(describeSourceCritique(source))}; reliability: ${escapeMarkdown(formatReliability(source.reliability))}.${critique}\n`;
    }
    yield "\n";
  }
  if (edition.bibliography.length > 0) {
    yield "### The article’s bibliography\n\n";
    for (const entry of edition.bibliography) {
      yield `- ${escapeMarkdown(entry.raw)}\n`;
    }
    yield "\n";
  }
}

/** The colophon section. */
function renderColophon(edition: Edition): string {
  const lines = [
    "## Colophon",
    "",
    `- Article: ${escapeMarkdown(edition.article.title)} (${escapeMarkdown(edition.article.slug)})`,
    `- Revision: ${edition.revision.number}${edition.revision.isCurrent ? " (current)" : ""}, ${formatDateTime(edition.revision.createdAt)}`,
    `- Exported: ${formatDateTime(edition.exportedAt)}`,
    ...describeFilters(edition.options).map((line) => `- ${escapeMarkdown(line)}`),
    `- Contributors: ${
      edition.contributors.length > 0
        ? edition.contributors
            .map((contributor) => escapeMarkdown(describeContributor(contributor)))
            .join("; ")
        : "none"
    }`,
    "- Made with Apparatus",
  ];
  return `${lines.join("\n")}\n`;
}

/** An annotation body as Markdown paragraphs; "" when empty. */
export function renderBody(doc: JSONContent): string {
  return (doc.content ?? [])
    .map((node) => renderBodyBlock(node))
    .filter((block) => block !== "")
    .join("\n\n");
}

/** One block of a body. */
function renderBodyBlock(node: JSONContent): string {
  switch (node.type) {
    case "paragraph":
      return renderInline(node.content ?? []);
    case "blockquote":
      return renderBody(node)
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
    case "bulletList":
    case "orderedList":
      return (node.content ?? [])
        .map((item, index) => {
          const marker = node.type === "orderedList" ? `${index + 1}.` : "-";
          const content = renderBody(item);
          const pad = " ".repeat(marker.length + 1);
          return `${marker} ${content.split("\n").join(`\n${pad}`)}`;
        })
        .join("\n");
    default:
      return node.content ? renderBody(node) : escapeMarkdown(node.text ?? "");
  }
}

/** Inline content: text with bold, italic and allowed links; hard breaks as backslash-newline. */
function renderInline(nodes: JSONContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === "hardBreak") {
        return "\\\n";
      }
      if (node.type === "mention") {
        return escapeMarkdown(mentionText(node.attrs ?? {}));
      }
      let text = escapeMarkdown(node.text ?? "");
      if (text === "") {
        return "";
      }
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") {
          text = `**${text}**`;
        } else if (mark.type === "italic") {
          text = `*${text}*`;
        } else if (mark.type === "link") {
          const href = typeof mark.attrs?.href === "string" ? mark.attrs.href : "";
          if (isAllowedAnnotationHref(href)) {
            text = `[${text}](<${href.replace(/[<>\\]/g, (character) => `\\${character}`)}>)`;
          }
        }
      }
      return text;
    })
    .join("");
}
