/**
 * Annotation bodies: ProseMirror JSON for the annotation-body schema
 * (`lib/editor/annotation-body`), checked on the way in and reduced to plain text for search and
 * export.
 *
 * A body is stored only after it has been rebuilt node by node from the schema, so what is stored
 * is exactly what the editor can show: no unknown nodes, marks or attributes, no raw HTML, no link
 * to anything but http, https or mailto. Text that looks like markup ("<script>") stays text; it
 * is never parsed as HTML anywhere.
 *
 * Pure apart from the schema: no React, Prisma or DOM, so the browser editor can check a body
 * before sending it.
 */

import { getSchema, type JSONContent } from "@tiptap/core";

import {
  annotationBodyExtensions,
  isAllowedAnnotationHref,
} from "@/lib/editor/annotation-body/annotation-body-extensions";
import {
  MAX_MENTION_LABEL_LENGTH,
  MENTION_NODE_NAME,
  mentionText,
} from "@/lib/editor/scholar-mention/scholar-mention";
import { AppError } from "@/lib/errors";

/** Longest body text, in characters: a long note, not a paper. */
export const MAX_BODY_TEXT_LENGTH = 20_000;

/**
 * Most nodes (text runs included) a body may hold. A body of 20,000 characters has a few hundred
 * at most; the bound keeps a crafted body from costing the server much before it is refused.
 */
export const MAX_BODY_NODES = 10_000;

/** Deepest nesting of nodes (doc › list › item › list › …); the editor never goes near it. */
export const MAX_BODY_DEPTH = 24;

/** Longest link title, in characters. */
const MAX_LINK_TITLE_LENGTH = 500;

/** Numbering styles an ordered list may use (HTML's `<ol type>`), or null for the default. */
const ORDERED_LIST_TYPES = new Set(["1", "a", "A", "i", "I"]);

/** Between two blocks of a body's plain text: a blank line, as in plain-text e-mail. */
const BODY_BLOCK_SEPARATOR = "\n\n";

/** The annotation-body schema, built once from the shared extension list. */
export const annotationBodySchema = getSchema(annotationBodyExtensions);

/** A checked body: the canonical document and its plain text. */
export interface AnnotationBody {
  /** The document rebuilt from the schema (`node.toJSON()`), safe to store and render. */
  doc: JSONContent;
  /** Plain text: blocks separated by a blank line, line breaks as "\n", trimmed. */
  text: string;
}

/** The result of {@link checkAnnotationBody}: the body, or why it was refused. */
export type AnnotationBodyCheck =
  { ok: true; body: AnnotationBody } | { ok: false; reason: string };

/** Thrown inside the walk with a reason for the user; turned into a check result. */
class BodyRejection extends Error {}

/** Keys a node of the JSON may have; anything else (`html`, `innerHTML`, …) is refused. */
const NODE_KEYS = new Set(["type", "attrs", "content", "marks", "text"]);
/** Keys a mark of the JSON may have. */
const MARK_KEYS = new Set(["type", "attrs"]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** A mark of a body's JSON. */
type BodyMark = NonNullable<JSONContent["marks"]>[number];

/** Counts nodes while walking so that a huge body is refused early. */
interface WalkState {
  nodes: number;
}

/**
 * Copies one mark, keeping only attributes the schema defines and the author may set. A link keeps
 * its href (checked) and title; its target, rel and class always come from the extension's
 * configuration, whatever the client sent.
 */
function sanitizeMark(value: unknown): BodyMark {
  if (!isPlainObject(value)) {
    throw new BodyRejection("a mark is not an object");
  }
  for (const key of Object.keys(value)) {
    if (!MARK_KEYS.has(key)) {
      throw new BodyRejection(`a mark has an unknown key "${key}"`);
    }
  }
  const type = value.type;
  if (typeof type !== "string" || !(type in annotationBodySchema.marks)) {
    throw new BodyRejection(
      `formatting "${String(type)}" is not allowed (only bold, italic and links)`,
    );
  }
  const attrs = value.attrs;
  if (attrs !== undefined && attrs !== null && !isPlainObject(attrs)) {
    throw new BodyRejection(`the attributes of a ${type} mark are not an object`);
  }
  if (type !== "link") {
    if (attrs && Object.keys(attrs).length > 0) {
      throw new BodyRejection(`${type} takes no attributes`);
    }
    return { type };
  }
  const allowed = new Set(["href", "title", "target", "rel", "class"]);
  for (const key of Object.keys(attrs ?? {})) {
    if (!allowed.has(key)) {
      throw new BodyRejection(`a link has an unknown attribute "${key}"`);
    }
  }
  const href = attrs?.href;
  if (typeof href !== "string" || !isAllowedAnnotationHref(href)) {
    throw new BodyRejection(
      `the link "${String(href).slice(0, 80)}" is not an http, https or mailto address`,
    );
  }
  const title = attrs?.title ?? null;
  if (title !== null && (typeof title !== "string" || title.length > MAX_LINK_TITLE_LENGTH)) {
    throw new BodyRejection(
      `a link title must be text of at most ${MAX_LINK_TITLE_LENGTH} characters`,
    );
  }
  return { type, attrs: { href, title } };
}

/** A user id as mentions carry it (a UUID). */
const MENTION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Copies a mention's attributes after checking their shape: `id` a user id (UUID), `label` the
 * name shown (1–200 characters), and the trigger character, which is always "@". Whether the id
 * names an existing account is for the use case to check (it needs the database).
 */
function sanitizeMentionAttributes(attrs: Record<string, unknown> | undefined): {
  id: string;
  label: string;
} {
  for (const key of Object.keys(attrs ?? {})) {
    if (key !== "id" && key !== "label" && key !== "mentionSuggestionChar") {
      throw new BodyRejection(`a mention has an unknown attribute "${key}"`);
    }
  }
  const id = attrs?.id;
  if (typeof id !== "string" || !MENTION_ID_PATTERN.test(id)) {
    throw new BodyRejection("a mention must name a scholar by their user id");
  }
  const label = attrs?.label;
  if (typeof label !== "string" || label.trim() === "" || label.length > MAX_MENTION_LABEL_LENGTH) {
    throw new BodyRejection(
      `a mention needs the scholar's name as its label (at most ${MAX_MENTION_LABEL_LENGTH} characters)`,
    );
  }
  const trigger = attrs?.mentionSuggestionChar;
  if (trigger !== undefined && trigger !== null && trigger !== "@") {
    throw new BodyRejection('a mention starts with "@"');
  }
  return { id: id.toLowerCase(), label };
}

/**
 * Copies the attributes of an ordered list or a mention after checking them; other nodes take
 * none.
 */
function sanitizeNodeAttributes(
  type: string,
  attrs: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (type === MENTION_NODE_NAME) {
    return sanitizeMentionAttributes(attrs);
  }
  if (!attrs || Object.keys(attrs).length === 0) {
    return undefined;
  }
  if (type !== "orderedList") {
    throw new BodyRejection(`${type} takes no attributes`);
  }
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "start") {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 1_000_000) {
        throw new BodyRejection("a numbered list must start at a whole number");
      }
      result.start = value;
    } else if (key === "type") {
      if (value !== null && !(typeof value === "string" && ORDERED_LIST_TYPES.has(value))) {
        throw new BodyRejection("a numbered list type must be one of 1, a, A, i, I");
      }
      result.type = value;
    } else {
      throw new BodyRejection(`a numbered list has an unknown attribute "${key}"`);
    }
  }
  return result;
}

/** Copies one node and its descendants, refusing anything the schema would not produce. */
function sanitizeNode(value: unknown, depth: number, state: WalkState): JSONContent {
  state.nodes += 1;
  if (state.nodes > MAX_BODY_NODES) {
    throw new BodyRejection(`the body has more than ${MAX_BODY_NODES} parts`);
  }
  if (depth > MAX_BODY_DEPTH) {
    throw new BodyRejection(`the body is nested more than ${MAX_BODY_DEPTH} levels deep`);
  }
  if (!isPlainObject(value)) {
    throw new BodyRejection("a node is not an object");
  }
  for (const key of Object.keys(value)) {
    if (!NODE_KEYS.has(key)) {
      throw new BodyRejection(`a node has an unknown key "${key}" (raw HTML is not accepted)`);
    }
  }
  const type = value.type;
  if (typeof type !== "string" || !(type in annotationBodySchema.nodes)) {
    throw new BodyRejection(
      `"${String(type).slice(0, 40)}" is not allowed in a body (use paragraphs, lists, quotations, bold, italic, links and mentions)`,
    );
  }
  const node: JSONContent = { type };
  if (value.attrs !== undefined && value.attrs !== null && !isPlainObject(value.attrs)) {
    throw new BodyRejection(`the attributes of ${type} are not an object`);
  }
  const attrs = sanitizeNodeAttributes(
    type,
    (value.attrs ?? undefined) as Record<string, unknown> | undefined,
  );
  if (attrs) {
    node.attrs = attrs;
  }
  if (type === "text") {
    if (typeof value.text !== "string") {
      throw new BodyRejection("a text node has no text");
    }
    node.text = value.text;
  } else if (value.text !== undefined) {
    throw new BodyRejection(`${type} cannot hold text directly`);
  }
  if (value.marks !== undefined) {
    if (!Array.isArray(value.marks)) {
      throw new BodyRejection("marks must be a list");
    }
    node.marks = value.marks.map(sanitizeMark);
  }
  if (value.content !== undefined) {
    if (!Array.isArray(value.content)) {
      throw new BodyRejection(`the content of ${type} must be a list`);
    }
    node.content = value.content.map((child) => sanitizeNode(child, depth + 1, state));
  }
  return node;
}

/**
 * Checks a body without throwing: the canonical document and its text, or a reason (without the
 * field name) that can be shown to the author.
 *
 * @param json The body as a client sent it: ProseMirror JSON for the annotation-body schema.
 */
export function checkAnnotationBody(json: unknown): AnnotationBodyCheck {
  if (typeof json === "string") {
    return {
      ok: false,
      reason: "must be a document (ProseMirror JSON); HTML or plain text is not accepted here",
    };
  }
  if (!isPlainObject(json) || json.type !== "doc") {
    return { ok: false, reason: 'must be a document whose type is "doc"' };
  }
  try {
    const sanitized = sanitizeNode(json, 0, { nodes: 0 });
    let node;
    try {
      node = annotationBodySchema.nodeFromJSON(sanitized);
      node.check();
    } catch (error) {
      throw new BodyRejection(
        `does not fit the body schema: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const text = node
      .textBetween(0, node.content.size, BODY_BLOCK_SEPARATOR, (leaf) => {
        if (leaf.type.name === "hardBreak") {
          return "\n";
        }
        return leaf.type.name === MENTION_NODE_NAME ? mentionText(leaf.attrs) : "";
      })
      .trim();
    if (text.length > MAX_BODY_TEXT_LENGTH) {
      throw new BodyRejection(
        `the text is longer than ${MAX_BODY_TEXT_LENGTH.toLocaleString("en")} characters (${text.length.toLocaleString("en")})`,
      );
    }
    return { ok: true, body: { doc: node.toJSON() as JSONContent, text } };
  } catch (error) {
    if (error instanceof BodyRejection) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

/**
 * Validates a body against the annotation-body schema and returns its canonical document and plain
 * text.
 *
 * @param json The body as sent: ProseMirror JSON.
 * @returns The document rebuilt from the schema, and its plain text.
 * @throws AppError INVALID_INPUT "body: …" for unknown nodes or marks, raw HTML, links that are
 *   not http/https/mailto, or more than {@link MAX_BODY_TEXT_LENGTH} characters of text.
 */
export function parseAnnotationBody(json: unknown): AnnotationBody {
  const result = checkAnnotationBody(json);
  if (!result.ok) {
    throw new AppError("INVALID_INPUT", `body: ${result.reason}`, { field: "body" });
  }
  return result.body;
}

/** The body of an annotation without text (a bare highlight): one empty paragraph. */
export function emptyAnnotationBody(): JSONContent {
  return { type: "doc", content: [{ type: "paragraph" }] };
}

/**
 * A body from plain text, for API clients that send text: blank lines separate paragraphs, single
 * line breaks stay line breaks. The text is never read as HTML or Markdown.
 *
 * @throws AppError INVALID_INPUT "body: …" when the text is over {@link MAX_BODY_TEXT_LENGTH}
 *   characters.
 */
export function bodyFromPlainText(text: string): AnnotationBody {
  const normalized = text.replace(/\r\n?/g, "\n").trim();
  if (normalized.length > MAX_BODY_TEXT_LENGTH) {
    throw new AppError(
      "INVALID_INPUT",
      `body: the text is longer than ${MAX_BODY_TEXT_LENGTH.toLocaleString("en")} characters (${normalized.length.toLocaleString("en")})`,
      { field: "body" },
    );
  }
  if (normalized === "") {
    return parseAnnotationBody(emptyAnnotationBody());
  }
  const paragraphs = normalized.split(/\n[ \t]*\n\s*/).map((paragraph): JSONContent => {
    const content: JSONContent[] = [];
    paragraph.split("\n").forEach((line, index) => {
      if (index > 0) {
        content.push({ type: "hardBreak" });
      }
      if (line !== "") {
        content.push({ type: "text", text: line });
      }
    });
    return content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" };
  });
  return parseAnnotationBody({ type: "doc", content: paragraphs });
}
