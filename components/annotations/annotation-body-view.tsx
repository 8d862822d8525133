import type { JSONContent } from "@tiptap/core";
import { renderToReactElement } from "@tiptap/static-renderer/pm/react";
import type { ReactNode } from "react";

import { annotationBodyExtensions } from "@/lib/editor/annotation-body/annotation-body-extensions";

/** Props of {@link AnnotationBodyView}. */
export interface AnnotationBodyViewProps {
  /** The body as stored: ProseMirror JSON of the annotation-body schema. */
  body: JSONContent;
  /** Its plain text, shown if the JSON cannot be rendered. */
  fallbackText: string;
  className?: string;
}

/**
 * An annotation's note, rendered from its stored JSON with the body extensions (the same list the
 * editor and the server's check use) by Tiptap's static renderer: React elements, so every
 * character is escaped, and links keep the extension's `rel` and `target`. Renders the same on
 * the server and in the browser, and nothing for an empty note.
 */
export function AnnotationBodyView({ body, fallbackText, className }: AnnotationBodyViewProps) {
  if (fallbackText.trim() === "") {
    return null;
  }
  let content: ReactNode;
  try {
    content = renderToReactElement({ content: body, extensions: annotationBodyExtensions });
  } catch {
    content = <p>{fallbackText}</p>;
  }
  return <div className={className}>{content}</div>;
}
