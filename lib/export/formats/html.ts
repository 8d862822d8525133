/**
 * The HTML edition: one self-contained file (inline CSS, no scripts, no external resources) with
 * the text, numbered superscript markers at each annotated passage linking to its note and back,
 * an apparatus of notes (claim status, accounts, evidence with locators and quotes, the thread in
 * summary), a bibliography and a colophon. Its print CSS makes the browser's "Print" (and the PDF
 * export) a clean, book-like document.
 *
 * Everything taken from the data is escaped: an infobox value `<hr>` or a note `<script>` stays
 * text. Links in annotation bodies keep only http, https and mailto targets.
 */
import type { JSONContent } from "@tiptap/core";

import {
  CLAIM_STATUS_LABELS,
  EVIDENCE_RELATION_LABELS,
  REPLY_STANCE_LABELS,
} from "@/lib/disputes/labels";
import {
  ANNOTATION_LINK_REL,
  isAllowedAnnotationHref,
} from "@/lib/editor/annotation-body/annotation-body-extensions";
import { mentionText } from "@/lib/editor/scholar-mention/scholar-mention";
import { formatReliability } from "@/lib/sources/reliability-summary";

import type {
  Edition,
  EditionAnnotation,
  EditionBlock,
  EditionClaim,
  EditionEvidence,
  EditionReply,
  EditionSource,
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
import { createPassageCursor, type PassageCursor } from "./passages";

/** The edition's stylesheet: screen and print (A4, book margins, notes kept whole). */
const STYLESHEET = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b60; --rule: #d4d4d8; --mark: #fff4c2; }
* { box-sizing: border-box; }
html { font-family: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif; font-size: 18px; line-height: 1.55; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 42rem; padding: 2rem 1.25rem 4rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; font-weight: 600; }
h1 { font-size: 2rem; margin: 0 0 0.25rem; }
.title-page { border-bottom: 1px solid var(--rule); margin-bottom: 2rem; padding-bottom: 1rem; }
.subtitle { color: var(--muted); margin: 0; }
a { color: #1f4e8c; }
mark { background: var(--mark); color: inherit; }
sup.marker { font-size: 0.7em; line-height: 0; font-family: system-ui, sans-serif; }
sup.marker a { text-decoration: none; padding: 0 0.1em; }
table.infobox { float: right; width: 18rem; margin: 0 0 1rem 1.25rem; border: 1px solid var(--rule); border-collapse: collapse; font-size: 0.75rem; line-height: 1.4; }
table.infobox th, table.infobox td { border-top: 1px solid var(--rule); padding: 0.3rem 0.4rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.infobox th { width: 6.5rem; font-weight: 600; }
p.label-line { font-weight: 600; margin-bottom: 0.25rem; }
.apparatus, .bibliography, .colophon { clear: both; border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 1rem; }
ol.notes { padding-left: 2.25rem; font-size: 0.9rem; }
ol.notes > li { margin-bottom: 1.5rem; }
.note-head { margin: 0 0 0.25rem; font-family: system-ui, sans-serif; font-size: 0.8rem; }
.note-kind { font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; }
.status { display: inline-block; border: 1px solid currentColor; border-radius: 0.25rem; padding: 0 0.35rem; margin-left: 0.35rem; }
.passage { margin: 0.25rem 0; padding-left: 0.75rem; border-left: 3px solid var(--rule); color: var(--muted); font-style: italic; }
.meta { color: var(--muted); font-size: 0.8rem; margin: 0.25rem 0; }
.claim-title { font-size: 1rem; margin: 0.5rem 0 0.25rem; }
.accounts { padding-left: 1.25rem; }
.account-title { font-size: 0.95rem; margin: 0.5rem 0 0.15rem; }
.evidence { padding-left: 1.1rem; }
.relation { font-family: system-ui, sans-serif; font-size: 0.75rem; font-weight: 600; text-transform: uppercase; }
.thread { margin-top: 0.5rem; }
.stance { margin: 0.25rem 0 0; font-size: 0.85rem; }
.replies { padding-left: 1.25rem; }
.back { text-decoration: none; margin-right: 0.25rem; }
.sources > li { margin-bottom: 0.75rem; }
.colophon dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; font-size: 0.85rem; }
.colophon dt { font-weight: 600; }
.colophon dd { margin: 0; }
.colophon ul { margin: 0; padding-left: 1rem; }
@media (max-width: 40rem) { table.infobox { float: none; width: 100%; margin: 0 0 1rem; } }
@page { size: A4; margin: 24mm 20mm 26mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  mark { background: none; text-decoration: underline dotted; }
  .back { display: none; }
  h1, h2, h3, h4 { break-after: avoid-page; }
  p { orphans: 3; widows: 3; }
  .apparatus, .bibliography, .colophon { break-before: page; border-top: none; }
  ol.notes > li, .sources > li { break-inside: avoid-page; }
  table.infobox { break-inside: avoid-page; }
}
`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** The id of a section heading, prefixed so it cannot collide with the edition's own ids. */
function sectionId(anchor: string): string {
  return `section-${anchor}`;
}

/**
 * Writes the HTML edition, one chunk per block and per note.
 *
 * @param edition the export model
 */
export function* writeHtml(edition: Edition): Generator<string> {
  const title = edition.revision.title;
  yield "<!DOCTYPE html>\n";
  yield `<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n`;
  yield `<title>${escapeHtml(title)} — annotated edition</title>\n`;
  yield `<meta name="generator" content="Apparatus">\n<style>${STYLESHEET}</style>\n</head>\n<body>\n`;
  yield `<header class="title-page">\n<h1>${escapeHtml(title)}</h1>\n`;
  yield `<p class="subtitle">An annotated edition of revision ${edition.revision.number} (${formatDate(edition.revision.createdAt)}), with ${edition.annotations.length} note${edition.annotations.length === 1 ? "" : "s"}.</p>\n</header>\n`;

  yield '<main>\n<article class="text">\n';
  const cursor = createPassageCursor(edition.annotations);
  for (const block of edition.blocks) {
    yield renderBlock(block, cursor);
  }
  yield "</article>\n";

  yield '<section class="apparatus" aria-labelledby="apparatus-heading">\n<h2 id="apparatus-heading">Apparatus</h2>\n';
  if (edition.annotations.length === 0) {
    yield "<p>No annotations match the selection.</p>\n";
  } else {
    yield '<ol class="notes">\n';
    for (const annotation of edition.annotations) {
      yield renderNote(annotation, edition);
    }
    yield "</ol>\n";
  }
  yield "</section>\n";

  yield* renderBibliography(edition);
  yield "</main>\n";
  yield renderColophon(edition);
  yield "</body>\n</html>\n";
}

/** One block of the text with its markers. */
function renderBlock(block: EditionBlock, cursor: PassageCursor): string {
  switch (block.type) {
    case "infobox": {
      const rows = block.rows
        .map(
          (row) =>
            `<tr><th scope="row">${renderText(row.label, cursor)}</th><td>${renderText(row.value, cursor)}</td></tr>`,
        )
        .join("\n");
      return `<table class="infobox">\n<tbody>\n${rows}\n</tbody>\n</table>\n`;
    }
    case "heading": {
      const level = Math.min(Math.max(block.level, 2), 6);
      return `<h${level} id="${escapeHtml(sectionId(block.anchor))}">${renderText(block.text, cursor)}</h${level}>\n`;
    }
    case "paragraph":
      return `<p>${renderText(block.text, cursor)}</p>\n`;
    case "label":
      return `<p class="label-line">${renderText(block.text, cursor)}</p>\n`;
    case "list": {
      const items = block.items.map((item) => `<li>${renderText(item, cursor)}</li>`).join("\n");
      return `<ul${block.isBibliography ? ' class="article-bibliography"' : ""}>\n${items}\n</ul>\n`;
    }
  }
}

/** A text block: covered runs in `<mark>`, a passage's start as an empty anchor, its end as a marker. */
function renderText(text: EditionText, cursor: PassageCursor): string {
  let html = "";
  for (const segment of cursor.segments(text)) {
    if (segment.type === "text") {
      const escaped = escapeHtml(segment.text);
      html +=
        segment.covering.length > 0
          ? `<mark data-notes="${segment.covering.join(" ")}">${escaped}</mark>`
          : escaped;
    } else if (segment.type === "start") {
      html += `<span id="passage-${segment.annotation.number}"></span>`;
    } else {
      const number = segment.annotation.number;
      html += `<sup class="marker"><a href="#note-${number}" id="ref-${number}" aria-label="Note ${number}">${number}</a></sup>`;
    }
  }
  return html;
}

/** One note of the apparatus. */
function renderNote(annotation: EditionAnnotation, edition: Edition): string {
  const number = annotation.number;
  const parts: string[] = [];
  parts.push(`<li id="note-${number}" class="note note-${annotation.kind.toLowerCase()}">`);
  const back = annotation.anchor.isOrphaned
    ? ""
    : `<a class="back" href="#ref-${number}" aria-label="Back to the text of note ${number}">↩</a>`;
  const status = annotation.claim
    ? ` <span class="status status-${annotation.claim.status.toLowerCase()}">Status: ${escapeHtml(CLAIM_STATUS_LABELS[annotation.claim.status])}</span>`
    : "";
  parts.push(
    `<p class="note-head">${back}<span class="note-kind">${escapeHtml(describeKind(annotation.kind, annotation.flag))}</span>${status}</p>`,
  );
  if (annotation.claim?.title) {
    parts.push(`<h3 class="claim-title">${escapeHtml(annotation.claim.title)}</h3>`);
  }
  const passageNote = annotation.anchor.isOrphaned
    ? `<p class="meta">The passage could not be found in revision ${edition.revision.number}; it read (revision ${annotation.originalRevisionNumber}):</p>`
    : "";
  parts.push(
    `${passageNote}<blockquote class="passage">${escapeHtml(annotation.quote.exact)}</blockquote>`,
  );
  const body = renderBody(annotation.body);
  if (body) {
    parts.push(`<div class="note-body">${body}</div>`);
  }
  const tags =
    annotation.tags.length > 0 ? ` · Tags: ${escapeHtml(annotation.tags.join(", "))}` : "";
  parts.push(
    `<p class="meta">${escapeHtml(annotation.author.name)}, <time datetime="${annotation.createdAt.toISOString()}">${formatDate(annotation.createdAt)}</time>${tags}</p>`,
  );
  if (annotation.claim) {
    parts.push(renderClaim(annotation.claim, edition));
  }
  parts.push("</li>\n");
  return parts.join("\n");
}

/** A claim's resolution, accounts and thread summary. */
function renderClaim(claim: EditionClaim, edition: Edition): string {
  const parts: string[] = [];
  if (claim.statusRationale || claim.statusChangedAt) {
    const who = claim.statusChangedBy ? ` by ${escapeHtml(claim.statusChangedBy.name)}` : "";
    const when = claim.statusChangedAt
      ? ` on <time datetime="${claim.statusChangedAt.toISOString()}">${formatDate(claim.statusChangedAt)}</time>`
      : "";
    const rationale = claim.statusRationale ? `: ${escapeHtml(claim.statusRationale)}` : ".";
    parts.push(
      `<p class="resolution">${escapeHtml(CLAIM_STATUS_LABELS[claim.status])}${who}${when}${rationale}</p>`,
    );
  }
  if (claim.isLocked) {
    parts.push('<p class="meta">The dispute thread is locked.</p>');
  }
  if (claim.accounts.length > 0) {
    parts.push('<ol class="accounts">');
    for (const account of claim.accounts) {
      parts.push(`<li><h4 class="account-title">${escapeHtml(account.title)}</h4>`);
      if (account.proponents) {
        parts.push(`<p class="meta">Held by: ${escapeHtml(account.proponents)}</p>`);
      }
      const body = renderBody(account.body);
      if (body) {
        parts.push(`<div class="account-body">${body}</div>`);
      }
      if (account.evidence.length > 0) {
        parts.push(
          `<ul class="evidence">${account.evidence.map((evidence) => renderEvidence(evidence, edition)).join("")}</ul>`,
        );
      }
      if (account.stanceCounts.supports + account.stanceCounts.opposes > 0) {
        parts.push(
          `<p class="meta">In the thread: ${account.stanceCounts.supports} in support, ${account.stanceCounts.opposes} opposed.</p>`,
        );
      }
      parts.push("</li>");
    }
    parts.push("</ol>");
  }
  if (claim.thread) {
    parts.push(
      `<div class="thread"><p class="meta">Thread: ${escapeHtml(describeThreadCounts(claim.thread))}</p>`,
    );
    if (claim.thread.lastReplies.length > 0) {
      const first = claim.thread.lastReplies[0]?.number ?? 1;
      parts.push(
        `<ol class="replies" start="${first}">${claim.thread.lastReplies.map((reply) => renderReply(reply, claim, edition)).join("")}</ol>`,
      );
    }
    parts.push("</div>");
  }
  return parts.join("\n");
}

/** One reply of the thread summary. */
function renderReply(reply: EditionReply, claim: EditionClaim, edition: Edition): string {
  const account = claim.accounts.find((candidate) => candidate.id === reply.stanceAccountId);
  const stance = reply.stance
    ? `<p class="stance"><span class="relation">${escapeHtml(REPLY_STANCE_LABELS[reply.stance])}</span>${account ? ` “${escapeHtml(account.title)}”` : ""}</p>`
    : "";
  const edited = reply.editedAt ? " (edited)" : "";
  const evidence =
    reply.evidence.length > 0
      ? `<ul class="evidence">${reply.evidence.map((item) => renderEvidence(item, edition)).join("")}</ul>`
      : "";
  return `<li>${stance}${renderBody(reply.body)}<p class="meta">${escapeHtml(reply.author.name)}, <time datetime="${reply.createdAt.toISOString()}">${formatDate(reply.createdAt)}</time>${edited}</p>${evidence}</li>`;
}

/** One piece of evidence: relation, citation with locator, quote, note. */
function renderEvidence(evidence: EditionEvidence, edition: Edition): string {
  const parts = [
    `<span class="relation">${escapeHtml(EVIDENCE_RELATION_LABELS[evidence.relation])}</span> `,
  ];
  const source = findSource(edition, evidence.sourceKey);
  if (source) {
    parts.push(
      `<a href="#source-${escapeHtml(source.key)}"><cite>${escapeHtml(describeSource(source))}</cite></a>`,
    );
    if (evidence.locatorText) {
      parts.push(`, ${escapeHtml(evidence.locatorText)}`);
    }
    if (evidence.quote) {
      parts.push(`: <q>${escapeHtml(evidence.quote)}</q>`);
    }
  } else if (evidence.passage) {
    parts.push(`the article: <q>${escapeHtml(evidence.passage.exact)}</q>`);
  }
  if (evidence.note) {
    parts.push(` — ${escapeHtml(evidence.note)}`);
  }
  return `<li>${parts.join("")}</li>`;
}

/** The bibliography: sources with their critique, then the article's own list. */
function* renderBibliography(edition: Edition): Generator<string> {
  yield '<section class="bibliography" aria-labelledby="bibliography-heading">\n<h2 id="bibliography-heading">Sources</h2>\n';
  const cited = edition.sources.filter((source) => source.isCited);
  if (cited.length > 0) {
    yield '<h3>Sources cited in the apparatus</h3>\n<ol class="sources">\n';
    for (const source of cited) {
      yield renderSource(source);
    }
    yield "</ol>\n";
  }
  if (edition.bibliography.length > 0) {
    yield "<h3>The article’s bibliography</h3>\n<ul>\n";
    for (const entry of edition.bibliography) {
      const source = findSource(edition, entry.sourceKey);
      const critique = source
        ? ` <span class="meta">(${escapeHtml(describeSourceCritique(source))}; reliability: ${escapeHtml(formatReliability(source.reliability))})</span>`
        : "";
      yield `<li>${escapeHtml(entry.raw)}${critique}</li>\n`;
    }
    yield "</ul>\n";
  }
  if (cited.length === 0 && edition.bibliography.length === 0) {
    yield "<p>No sources.</p>\n";
  }
  yield "</section>\n";
}

/** One cited source with its critique and reliability. */
function renderSource(source: EditionSource): string {
  const deleted = source.isDeleted ? " (withdrawn from the library)" : "";
  const critique = source.critique ? `<br>${escapeHtml(source.critique)}` : "";
  return `<li id="source-${escapeHtml(source.key)}"><cite>${escapeHtml(describeSource(source))}</cite>${deleted} <span class="meta">[${escapeHtml(source.key)}]</span><br><span class="meta">${escapeHtml(describeSourceCritique(source))}; reliability: ${escapeHtml(formatReliability(source.reliability))}</span>${critique}</li>\n`;
}

/** The colophon: what this file is, from which revision, when, with which filters, by whom. */
function renderColophon(edition: Edition): string {
  const contributors =
    edition.contributors.length > 0
      ? `<ul>${edition.contributors.map((contributor) => `<li>${escapeHtml(describeContributor(contributor))}</li>`).join("")}</ul>`
      : "None";
  const filters = describeFilters(edition.options)
    .map((line) => `<li>${escapeHtml(line)}</li>`)
    .join("");
  return `<footer class="colophon" aria-labelledby="colophon-heading">
<h2 id="colophon-heading">Colophon</h2>
<dl>
<dt>Article</dt><dd>${escapeHtml(edition.article.title)} (${escapeHtml(edition.article.slug)})</dd>
<dt>Revision</dt><dd>${edition.revision.number}${edition.revision.isCurrent ? " (current)" : ""}, <time datetime="${edition.revision.createdAt.toISOString()}">${formatDateTime(edition.revision.createdAt)}</time></dd>
<dt>Exported</dt><dd><time datetime="${edition.exportedAt.toISOString()}">${formatDateTime(edition.exportedAt)}</time></dd>
<dt>Filters</dt><dd><ul>${filters}</ul></dd>
<dt>Contributors</dt><dd>${contributors}</dd>
<dt>Made with</dt><dd>Apparatus</dd>
</dl>
</footer>
`;
}

/** An annotation body (annotation-body schema JSON) as HTML; "" when empty. */
export function renderBody(doc: JSONContent): string {
  return (doc.content ?? []).map(renderBodyNode).join("");
}

/** One node of a body. Unknown nodes render their content, so no text is ever lost. */
function renderBodyNode(node: JSONContent): string {
  const children = (node.content ?? []).map(renderBodyNode).join("");
  switch (node.type) {
    case "text":
      return renderMarks(escapeHtml(node.text ?? ""), node);
    case "paragraph":
      // An empty paragraph (a highlight's empty body) prints nothing.
      return children === "" ? "" : `<p>${children}</p>`;
    case "blockquote":
      return `<blockquote>${children}</blockquote>`;
    case "bulletList":
      return `<ul>${children}</ul>`;
    case "orderedList": {
      const start = Number(node.attrs?.start ?? 1);
      return `<ol${Number.isInteger(start) && start !== 1 ? ` start="${start}"` : ""}>${children}</ol>`;
    }
    case "listItem":
      return `<li>${children}</li>`;
    case "hardBreak":
      return "<br>";
    case "mention":
      return `<span class="mention">${escapeHtml(mentionText(node.attrs ?? {}))}</span>`;
    default:
      return children;
  }
}

/** Wraps escaped text in its marks: bold, italic, and links with allowed targets only. */
function renderMarks(html: string, node: JSONContent): string {
  let result = html;
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") {
      result = `<strong>${result}</strong>`;
    } else if (mark.type === "italic") {
      result = `<em>${result}</em>`;
    } else if (mark.type === "link") {
      const href = typeof mark.attrs?.href === "string" ? mark.attrs.href : "";
      if (isAllowedAnnotationHref(href)) {
        result = `<a href="${escapeHtml(href)}" rel="${ANNOTATION_LINK_REL}">${result}</a>`;
      }
    }
  }
  return result;
}
