import type { Editor, JSONContent } from "@tiptap/core";

/** An empty body: one empty paragraph. */
const EMPTY_BODY: JSONContent = { type: "doc", content: [{ type: "paragraph" }] };

/**
 * The editor's document as plain JSON objects, ready for a server action. ProseMirror keeps node
 * and mark attributes in prototype-less objects (`Object.create(null)`), which React does not
 * send to server functions as plain data (a mention's `attrs` then reaches the server as an
 * opaque reference and is refused); a JSON round trip makes every object plain.
 */
export function readEditorJson(editor: Editor | null): JSONContent {
  if (!editor) {
    return EMPTY_BODY;
  }
  return JSON.parse(JSON.stringify(editor.getJSON())) as JSONContent;
}
