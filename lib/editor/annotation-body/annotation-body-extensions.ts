/**
 * The one extension list for annotation bodies: what a scholar may write in a comment, question or
 * claim. The browser editor (`@tiptap/react`), `parseAnnotationBody` on the server (through
 * `getSchema`) and the exporters all build from it, so a body the editor makes is a body the
 * server accepts, and nothing else is. It must not import React or browser globals.
 *
 * Deliberately small: paragraphs, bold, italic, links, quotations, lists, line breaks and mentions
 * of other scholars. No headings, images, code or raw HTML, so a body can never restyle or script
 * the reading page.
 */

import type { Extensions } from "@tiptap/core";
import { Blockquote } from "@tiptap/extension-blockquote";
import { Bold } from "@tiptap/extension-bold";
import { Document } from "@tiptap/extension-document";
import { HardBreak } from "@tiptap/extension-hard-break";
import { Italic } from "@tiptap/extension-italic";
import { Link } from "@tiptap/extension-link";
import { BulletList, ListItem, OrderedList } from "@tiptap/extension-list";
import { Paragraph } from "@tiptap/extension-paragraph";
import { Text } from "@tiptap/extension-text";

import { ScholarMention } from "../scholar-mention/scholar-mention";

/**
 * URL schemes a link in a body may use. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`,
 * relative paths) is refused: a link in a scholar's note leads to the web or to an e-mail address.
 */
export const ANNOTATION_LINK_PROTOCOLS = ["http", "https", "mailto"] as const;

/** Longest link target accepted, in characters; longer ones are almost always pasted junk. */
export const MAX_LINK_HREF_LENGTH = 2048;

/** `rel` of every rendered link: user-written links get no referrer, opener or search credit. */
export const ANNOTATION_LINK_REL = "noopener noreferrer nofollow ugc";

/**
 * True when `href` is an absolute http, https or mailto URL of sane length. Used by the Link
 * extension (for pasted, typed and rendered links) and by `parseAnnotationBody` on the server.
 */
export function isAllowedAnnotationHref(href: string): boolean {
  if (href.length === 0 || href.length > MAX_LINK_HREF_LENGTH || href !== href.trim()) {
    return false;
  }
  // Control characters and whitespace inside a URL are how scheme filters get bypassed
  // ("java\tscript:"); a real link has none.
  if (/[\u0000-\u0020\u007f-\u009f]/.test(href)) {
    return false;
  }
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (!(ANNOTATION_LINK_PROTOCOLS as readonly string[]).includes(scheme)) {
    return false;
  }
  return scheme === "mailto" ? url.pathname.length > 0 : url.hostname.length > 0;
}

/**
 * Nodes and marks of an annotation body. Links are not created by typing (autolink is off), so
 * what is stored is exactly what the author linked; lists are Tiptap's own; a mention names a
 * scholar by id (the browser editor adds its "@" suggestions with `configure`).
 */
export const annotationBodyExtensions: Extensions = [
  Document,
  Paragraph,
  Text,
  Bold,
  Italic,
  Link.configure({
    autolink: false,
    openOnClick: false,
    linkOnPaste: true,
    defaultProtocol: "https",
    isAllowedUri: (url) => isAllowedAnnotationHref(url),
    HTMLAttributes: { rel: ANNOTATION_LINK_REL, target: "_blank", class: null },
  }),
  Blockquote,
  BulletList,
  OrderedList,
  ListItem,
  HardBreak,
  ScholarMention,
];
