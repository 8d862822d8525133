/**
 * The TEI P5 edition, valid against TEI's `tei_all` schema:
 *
 * - `teiHeader`: `titleStmt` with one `respStmt` per contributor (`xml:id` = the person's ref, so
 *   notes point at it with `@resp`), `publicationStmt` (Apparatus, the export date),
 *   `sourceDesc` naming the article, its slug and the revision; the filters in `editorialDecl`.
 * - `text/body`: the revision as nested `div`s with `head`, `p`, `list`, `listBibl` and the
 *   infobox as a `table`. Each annotated passage is bracketed by two `anchor`s
 *   (`passage-N-start`, `passage-N-end`), so overlapping passages need no overlapping elements.
 * - `standOff/listAnnotation`: one `note` per annotation, numbered like the other formats, with
 *   `@target`/`@targetEnd` pointing at the passage's anchors (orphans have no target); claims
 *   carry status, accounts, evidence as `cit` (quote + `bibl` with `ptr` and `citedRange`) and
 *   the thread as a `list`.
 * - `text/back`: the sources as `listBibl/bibl` (`xml:id` from the citation key), and the
 *   article's own bibliography.
 *
 * All text is XML-escaped, and characters XML 1.0 forbids become U+FFFD.
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

/** Characters XML 1.0 does not allow, lone surrogates included. */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_FORBIDDEN, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** TEI `@type` values of the annotation kinds. */
const NOTE_TYPES = {
  COMMENT: "comment",
  QUESTION: "question",
  HIGHLIGHT: "highlight",
  CLAIM: "claim",
} as const;

/**
 * The `xml:id` of each source: `source-` plus its key with anything an XML name cannot hold
 * replaced by `_`, made unique with `-2`, `-3`…
 */
function buildSourceIds(sources: readonly EditionSource[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const source of sources) {
    const base = `source-${source.key.replace(/[^A-Za-z0-9._-]/g, "_")}`;
    let id = base;
    for (let suffix = 2; used.has(id); suffix += 1) {
      id = `${base}-${suffix}`;
    }
    used.add(id);
    ids.set(source.key, id);
  }
  return ids;
}

/** What the writer's helpers need besides the edition. */
interface TeiContext {
  edition: Edition;
  sourceIds: Map<string, string>;
}

/**
 * Writes the TEI edition, one chunk per block and per note.
 *
 * @param edition the export model
 */
export function* writeTei(edition: Edition): Generator<string> {
  const context: TeiContext = { edition, sourceIds: buildSourceIds(edition.sources) };
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">\n';
  yield renderHeader(edition);
  yield "<text>\n<body>\n";
  yield* renderBody(edition);
  yield "</body>\n<back>\n";
  yield* renderBack(context);
  yield "</back>\n</text>\n";
  if (edition.annotations.length > 0) {
    yield '<standOff>\n<listAnnotation type="apparatus">\n';
    for (const annotation of edition.annotations) {
      yield renderNote(annotation, context);
    }
    yield "</listAnnotation>\n</standOff>\n";
  }
  yield "</TEI>\n";
}

/** The `teiHeader`. */
function renderHeader(edition: Edition): string {
  const { article, revision } = edition;
  const contributors = edition.contributors
    .map(
      (contributor) =>
        `<respStmt xml:id="${escapeXml(contributor.person.ref)}"><resp>${escapeXml(
          contributor.roles.map((role) => `${role} ×${contributor.counts[role] ?? 0}`).join(", "),
        )}</resp><name>${escapeXml(contributor.person.name)}</name></respStmt>`,
    )
    .join("\n");
  const filters = describeFilters(edition.options)
    .map((line) => `<item>${escapeXml(line)}</item>`)
    .join("");
  return `<teiHeader>
<fileDesc>
<titleStmt>
<title type="main">${escapeXml(revision.title)}</title>
<title type="sub">An annotated edition of revision ${revision.number}</title>
${contributors ? `${contributors}\n` : ""}</titleStmt>
<publicationStmt>
<publisher>Apparatus</publisher>
<date when="${edition.exportedAt.toISOString()}">${formatDateTime(edition.exportedAt)}</date>
</publicationStmt>
<sourceDesc>
<bibl><title>${escapeXml(article.title)}</title>, <edition n="${revision.number}">revision ${revision.number}${revision.isCurrent ? " (current)" : ""}</edition>, <date when="${revision.createdAt.toISOString()}">${formatDateTime(revision.createdAt)}</date>. <idno type="slug">${escapeXml(article.slug)}</idno></bibl>
</sourceDesc>
</fileDesc>
<encodingDesc>
<editorialDecl>
<p>Notes ${edition.annotations.length === 0 ? "(none)" : `1–${edition.annotations.length}`} are the annotations selected as follows; passages are bracketed by anchors.</p>
<p><list>${filters}</list></p>
<p>Contributors: ${escapeXml(edition.contributors.map(describeContributor).join("; ") || "none")}.</p>
</editorialDecl>
</encodingDesc>
</teiHeader>
`;
}

/** The body: a lead `div`, then one `div` per section, nested by heading level. */
function* renderBody(edition: Edition): Generator<string> {
  const cursor = createPassageCursor(edition.annotations);
  const openLevels: number[] = [];
  const usedIds = new Set<string>();
  let isLeadOpen = false;
  let hasContent = false;
  for (const block of edition.blocks) {
    if (block.type === "heading") {
      if (isLeadOpen) {
        yield "</div>\n";
        isLeadOpen = false;
      }
      while (openLevels.length > 0 && (openLevels[openLevels.length - 1] ?? 0) >= block.level) {
        openLevels.pop();
        yield "</div>\n";
      }
      openLevels.push(block.level);
      // Anchors are unique, but two could become one XML name; `-2`, `-3`… keep ids unique.
      const base = `section-${xmlName(block.anchor)}`;
      let id = base;
      for (let suffix = 2; usedIds.has(id); suffix += 1) {
        id = `${base}-${suffix}`;
      }
      usedIds.add(id);
      yield `<div xml:id="${escapeXml(id)}" type="section" n="${escapeXml(block.anchor)}">\n<head>${renderText(block.text, cursor)}</head>\n`;
      hasContent = true;
      continue;
    }
    if (openLevels.length === 0 && !isLeadOpen) {
      yield '<div type="lead">\n';
      isLeadOpen = true;
    }
    yield renderBlock(block, cursor);
    hasContent = true;
  }
  if (isLeadOpen) {
    yield "</div>\n";
  }
  while (openLevels.pop() !== undefined) {
    yield "</div>\n";
  }
  if (!hasContent) {
    yield "<p/>\n";
  }
}

/** An anchor made into an XML name (letters, digits, `.`, `_`, `-`; other characters as `_`). */
function xmlName(value: string): string {
  return value.replace(/[^\p{L}\p{N}._-]/gu, "_");
}

/** One non-heading block. */
function renderBlock(
  block: Exclude<EditionBlock, { type: "heading" }>,
  cursor: PassageCursor,
): string {
  switch (block.type) {
    case "infobox":
      return `<table type="infobox">\n${block.rows
        .map(
          (row) =>
            `<row><cell role="label">${renderText(row.label, cursor)}</cell><cell role="data">${renderText(row.value, cursor)}</cell></row>`,
        )
        .join("\n")}\n</table>\n`;
    case "paragraph":
      return `<p>${renderText(block.text, cursor)}</p>\n`;
    case "label":
      return `<p rend="label">${renderText(block.text, cursor)}</p>\n`;
    case "list":
      if (block.isBibliography) {
        return `<listBibl>\n${block.items.map((item) => `<bibl>${renderText(item, cursor)}</bibl>`).join("\n")}\n</listBibl>\n`;
      }
      return `<list>\n${block.items.map((item) => `<item>${renderText(item, cursor)}</item>`).join("\n")}\n</list>\n`;
  }
}

/** A text block with the anchors of the passages that start or end in it. */
function renderText(text: EditionText, cursor: PassageCursor): string {
  let xml = "";
  for (const segment of cursor.segments(text)) {
    if (segment.type === "text") {
      xml += escapeXml(segment.text);
    } else {
      xml += `<anchor xml:id="passage-${segment.annotation.number}-${segment.type}"/>`;
    }
  }
  return xml;
}

/** One annotation as a `note` pointing at its passage. */
function renderNote(annotation: EditionAnnotation, context: TeiContext): string {
  const { edition } = context;
  const number = annotation.number;
  const attributes = [
    `xml:id="note-${number}"`,
    `n="${number}"`,
    `type="${NOTE_TYPES[annotation.kind]}"`,
  ];
  if (annotation.flag) {
    attributes.push(`subtype="${annotation.flag.toLowerCase()}"`);
  } else if (annotation.anchor.isOrphaned) {
    attributes.push('subtype="orphaned"');
  }
  if (!annotation.anchor.isOrphaned) {
    attributes.push(
      `target="#passage-${number}-start"`,
      `targetEnd="#passage-${number}-end"`,
      'anchored="false"',
    );
  }
  attributes.push(`resp="#${escapeXml(annotation.author.ref)}"`);
  const parts: string[] = [`<note ${attributes.join(" ")}>`];
  const status = annotation.claim
    ? ` — status: ${CLAIM_STATUS_LABELS[annotation.claim.status]}`
    : "";
  parts.push(
    `<label>${escapeXml(describeKind(annotation.kind, annotation.flag) + status)}</label>`,
  );
  if (annotation.claim?.title) {
    parts.push(`<p rend="claim-title">${escapeXml(annotation.claim.title)}</p>`);
  }
  if (annotation.anchor.isOrphaned) {
    parts.push(
      `<p rend="orphaned">The passage could not be found in revision ${edition.revision.number}; it read (revision ${annotation.originalRevisionNumber}):</p>`,
    );
  }
  parts.push(`<quote type="passage">${escapeXml(annotation.quote.exact)}</quote>`);
  parts.push(renderBodyDoc(annotation.body));
  const tags = annotation.tags.map((tag) => `<term type="tag">${escapeXml(tag)}</term>`).join(", ");
  parts.push(
    `<p rend="meta"><name ref="#${escapeXml(annotation.author.ref)}">${escapeXml(annotation.author.name)}</name>, <date when="${annotation.createdAt.toISOString()}">${formatDate(annotation.createdAt)}</date>${tags ? `; tags: ${tags}` : ""}</p>`,
  );
  if (annotation.claim) {
    parts.push(renderClaim(annotation.claim, context));
  }
  parts.push("</note>\n");
  return parts.filter((part) => part !== "").join("\n");
}

/** A claim's resolution, accounts and thread. */
function renderClaim(claim: EditionClaim, context: TeiContext): string {
  const parts: string[] = [];
  const who = claim.statusChangedBy
    ? ` by <name ref="#${escapeXml(claim.statusChangedBy.ref)}">${escapeXml(claim.statusChangedBy.name)}</name>`
    : "";
  const when = claim.statusChangedAt
    ? ` on <date when="${claim.statusChangedAt.toISOString()}">${formatDate(claim.statusChangedAt)}</date>`
    : "";
  const rationale = claim.statusRationale ? `: ${escapeXml(claim.statusRationale)}` : ".";
  parts.push(
    `<p rend="status">Status: <term type="status" key="${claim.status.toLowerCase()}">${escapeXml(CLAIM_STATUS_LABELS[claim.status])}</term>${who}${when}${rationale}${claim.isLocked ? " The thread is locked." : ""}</p>`,
  );
  if (claim.accounts.length > 0) {
    parts.push('<list type="accounts">');
    for (const account of claim.accounts) {
      const items: string[] = [
        `<item n="${account.position + 1}" resp="#${escapeXml(account.createdBy.ref)}">`,
        `<label>${escapeXml(account.title)}</label>`,
      ];
      if (account.proponents) {
        items.push(`<p rend="proponents">Held by: ${escapeXml(account.proponents)}</p>`);
      }
      items.push(renderBodyDoc(account.body));
      for (const evidence of account.evidence) {
        items.push(renderEvidence(evidence, context));
      }
      if (account.stanceCounts.supports + account.stanceCounts.opposes > 0) {
        items.push(
          `<p rend="stances">In the thread: ${account.stanceCounts.supports} in support, ${account.stanceCounts.opposes} opposed.</p>`,
        );
      }
      items.push("</item>");
      parts.push(items.filter((item) => item !== "").join("\n"));
    }
    parts.push("</list>");
  }
  if (claim.thread) {
    parts.push(`<p rend="thread">Thread: ${escapeXml(describeThreadCounts(claim.thread))}</p>`);
    if (claim.replies.length > 0) {
      parts.push('<list type="thread">');
      for (const reply of claim.replies) {
        const account = claim.accounts.find((candidate) => candidate.id === reply.stanceAccountId);
        const stance = reply.stance
          ? `<label>${escapeXml(REPLY_STANCE_LABELS[reply.stance] + (account ? ` “${account.title}”` : ""))}</label>\n`
          : "";
        const evidence = reply.evidence.map((item) => renderEvidence(item, context)).join("\n");
        parts.push(
          `<item n="${reply.number}" resp="#${escapeXml(reply.author.ref)}">${stance}${renderBodyDoc(reply.body)}${evidence ? `\n${evidence}` : ""}\n<p rend="meta"><name ref="#${escapeXml(reply.author.ref)}">${escapeXml(reply.author.name)}</name>, <date when="${reply.createdAt.toISOString()}">${formatDate(reply.createdAt)}</date>${reply.editedAt ? " (edited)" : ""}</p></item>`,
        );
      }
      parts.push("</list>");
    }
  }
  return parts.join("\n");
}

/** One piece of evidence as a `cit`: the quote and where it comes from. */
function renderEvidence(evidence: EditionEvidence, context: TeiContext): string {
  const type = `type="${evidence.relation.toLowerCase()}"`;
  const relation = escapeXml(EVIDENCE_RELATION_LABELS[evidence.relation]);
  const note = evidence.note ? `<note>${escapeXml(evidence.note)}</note>` : "";
  const source = findSource(context.edition, evidence.sourceKey);
  if (source) {
    const id = context.sourceIds.get(source.key) ?? "";
    const quote = evidence.quote ? `<quote>${escapeXml(evidence.quote)}</quote>` : "";
    const unit = evidence.locatorLabel
      ? ` unit="${escapeXml(xmlToken(evidence.locatorLabel))}"`
      : "";
    const range = evidence.locatorText
      ? ` <citedRange${unit}>${escapeXml(evidence.locatorText)}</citedRange>`
      : "";
    return `<cit ${type}>${quote}<bibl><ptr target="#${escapeXml(id)}"/> ${escapeXml(describeSource(source))}${range}</bibl><note type="relation">${relation}</note>${note}</cit>`;
  }
  if (evidence.passage) {
    return `<cit ${type}><quote>${escapeXml(evidence.passage.exact)}</quote><bibl>the article</bibl><note type="relation">${relation}</note>${note}</cit>`;
  }
  return `<cit ${type}><bibl>(no source)</bibl><note type="relation">${relation}</note>${note}</cit>`;
}

/** A value usable as an XML name token (`@unit`): spaces and the like become `_`. */
function xmlToken(value: string): string {
  return value.trim().replace(/[^\p{L}\p{N}._:-]/gu, "_") || "unit";
}

/** The back matter: cited sources, then the article's own bibliography. */
function* renderBack(context: TeiContext): Generator<string> {
  const { edition } = context;
  yield '<div type="bibliography">\n<head>Sources</head>\n';
  const cited = edition.sources.filter((source) => source.isCited);
  if (cited.length > 0) {
    yield '<listBibl type="sources">\n<head>Sources cited in the apparatus</head>\n';
    for (const source of cited) {
      yield renderSource(source, context);
    }
    yield "</listBibl>\n";
  }
  if (edition.bibliography.length > 0) {
    yield '<listBibl type="article">\n<head>The article’s bibliography</head>\n';
    for (const entry of edition.bibliography) {
      const id = entry.sourceKey ? context.sourceIds.get(entry.sourceKey) : undefined;
      yield `<bibl n="${entry.position + 1}"${id ? ` corresp="#${escapeXml(id)}"` : ""}>${escapeXml(entry.raw)}</bibl>\n`;
    }
    yield "</listBibl>\n";
  }
  if (cited.length === 0 && edition.bibliography.length === 0) {
    yield "<p>No sources.</p>\n";
  }
  yield "</div>\n";
  // Sources linked only from the article's bibliography still get an entry, so `corresp` resolves.
  const uncited = edition.sources.filter((source) => !source.isCited);
  if (uncited.length > 0) {
    yield '<div type="sources">\n<listBibl type="sources">\n';
    for (const source of uncited) {
      yield renderSource(source, context);
    }
    yield "</listBibl>\n</div>\n";
  }
}

/** One source as a `bibl` with its critique. */
function renderSource(source: EditionSource, context: TeiContext): string {
  const id = context.sourceIds.get(source.key) ?? "";
  const author = source.authorsText ? `<author>${escapeXml(source.authorsText)}</author>. ` : "";
  const year =
    source.year === null
      ? ""
      : /^\d{4}$/.test(String(source.year))
        ? ` <date when="${source.year}">${source.year}</date>`
        : ` <date>${source.year}</date>`;
  const critique = source.critique
    ? `<note type="critique">${escapeXml(source.critique)}</note>`
    : "";
  return `<bibl xml:id="${escapeXml(id)}" type="${escapeXml(xmlToken(source.type))}">${author}<title>${escapeXml(source.title)}</title>${year} <idno type="key">${escapeXml(source.key)}</idno><note type="assessment">${escapeXml(`${describeSourceCritique(source)}; reliability: ${formatReliability(source.reliability)}`)}${source.isDeleted ? " (withdrawn from the library)" : ""}</note>${critique}</bibl>\n`;
}

/** A body (annotation-body JSON) as TEI paragraphs and lists; "" when empty. */
function renderBodyDoc(doc: JSONContent): string {
  return (doc.content ?? []).map(renderBodyBlock).join("");
}

/** One block of a body. */
function renderBodyBlock(node: JSONContent): string {
  switch (node.type) {
    case "paragraph": {
      const inline = renderInline(node.content ?? []);
      return inline === "" ? "" : `<p>${inline}</p>`;
    }
    case "blockquote":
      return `<quote>${renderBodyDoc(node) || "<p/>"}</quote>`;
    case "bulletList":
    case "orderedList":
      return `<list${node.type === "orderedList" ? ' rend="numbered"' : ' rend="bulleted"'}>${(
        node.content ?? []
      )
        .map((item) => `<item>${renderBodyDoc(item)}</item>`)
        .join("")}</list>`;
    default:
      return node.content ? renderBodyDoc(node) : `<p>${escapeXml(node.text ?? "")}</p>`;
  }
}

/** Inline content: `hi` for bold and italic, `ref` for allowed links, `lb` for line breaks. */
function renderInline(nodes: JSONContent[]): string {
  return nodes
    .map((node) => {
      if (node.type === "hardBreak") {
        return "<lb/>";
      }
      if (node.type === "mention") {
        return `<name type="mention">${escapeXml(mentionText(node.attrs ?? {}))}</name>`;
      }
      let xml = escapeXml(node.text ?? "");
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") {
          xml = `<hi rend="bold">${xml}</hi>`;
        } else if (mark.type === "italic") {
          xml = `<hi rend="italic">${xml}</hi>`;
        } else if (mark.type === "link") {
          const href = typeof mark.attrs?.href === "string" ? mark.attrs.href : "";
          if (isAllowedAnnotationHref(href)) {
            xml = `<ref target="${escapeXml(href)}">${xml}</ref>`;
          }
        }
      }
      return xml;
    })
    .join("");
}
