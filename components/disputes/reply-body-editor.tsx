"use client";

import type { Editor, Extensions, JSONContent } from "@tiptap/core";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { useEffect, useId, useMemo, useState } from "react";

import { AnnotationBodyEditor } from "@/components/annotations/annotation-body-editor";
import { searchMentionableUsersAction } from "@/lib/disputes/actions";
import type { PersonRef } from "@/lib/disputes/claim-page-view";
import { annotationBodyExtensions } from "@/lib/editor/annotation-body/annotation-body-extensions";
import { MENTION_NODE_NAME } from "@/lib/editor/scholar-mention/scholar-mention";

import styles from "./disputes.module.css";

/** A scholar who can be mentioned. */
type MentionCandidate = PersonRef;

/** What the mention popup shows while a suggestion is active. */
interface MentionPopup {
  items: MentionCandidate[];
  activeIndex: number;
  command: (attrs: { id: string; label: string }) => void;
  /** Where the caret is, to place the popup under it (viewport coordinates). */
  rect: { left: number; bottom: number } | null;
}

/** Props of {@link ReplyBodyEditor}. */
export interface ReplyBodyEditorProps {
  label: string;
  initialContent?: JSONContent;
  onEditorChange: (editor: Editor | null) => void;
  hint?: string;
  error?: string;
  onSubmitShortcut?: () => void;
}

/** The popup's place from the suggestion's caret rectangle. */
function readRect(props: SuggestionProps<MentionCandidate>): MentionPopup["rect"] {
  const rect = props.clientRect?.();
  return rect ? { left: rect.left, bottom: rect.bottom } : null;
}

/**
 * Where the suggestion plugin (configured once, when the editor is made) keeps the popup, and
 * tells the component about changes.
 */
interface MentionBridge {
  current: MentionPopup | null;
  listener: (popup: MentionPopup | null) => void;
  show: (popup: MentionPopup | null) => void;
  /** Sets the one listener; returns the function that removes it. */
  subscribe: (listener: (popup: MentionPopup | null) => void) => () => void;
}

function createMentionBridge(): MentionBridge {
  const bridge: MentionBridge = {
    current: null,
    listener: () => undefined,
    show: (popup) => {
      bridge.current = popup;
      bridge.listener(popup);
    },
    subscribe: (listener) => {
      bridge.listener = listener;
      return () => {
        bridge.listener = () => undefined;
      };
    },
  };
  return bridge;
}

/**
 * The body extensions with the `mention` node's suggestion wired to `bridge` (the list unchanged
 * when the schema has no mention node).
 */
function buildMentionExtensions(bridge: MentionBridge): Extensions {
  function fromProps(suggestion: SuggestionProps<MentionCandidate>): MentionPopup {
    const previous = bridge.current;
    const activeIndex =
      previous && previous.activeIndex < suggestion.items.length ? previous.activeIndex : 0;
    return {
      items: suggestion.items,
      activeIndex,
      command: (attrs) => suggestion.command(attrs),
      rect: readRect(suggestion),
    };
  }
  function handleKeyDown({ event }: SuggestionKeyDownProps): boolean {
    const current = bridge.current;
    if (!current) {
      return false;
    }
    if (event.key === "Escape") {
      bridge.show(null);
      return true;
    }
    if (current.items.length === 0) {
      return false;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      const count = current.items.length;
      bridge.show({ ...current, activeIndex: (current.activeIndex + step + count) % count });
      return true;
    }
    if (event.key === "Enter" || event.key === "Tab") {
      const chosen = current.items[current.activeIndex];
      if (chosen) {
        current.command({ id: chosen.id, label: chosen.name });
      }
      return true;
    }
    return false;
  }
  return annotationBodyExtensions.map((extension) =>
    extension.name === MENTION_NODE_NAME
      ? extension.configure({
          suggestion: {
            char: "@",
            items: async ({ query }: { query: string }) => {
              try {
                return await searchMentionableUsersAction(query);
              } catch {
                return [];
              }
            },
            render: () => ({
              onStart: (suggestion: SuggestionProps<MentionCandidate>) =>
                bridge.show(fromProps(suggestion)),
              onUpdate: (suggestion: SuggestionProps<MentionCandidate>) =>
                bridge.show(fromProps(suggestion)),
              onKeyDown: handleKeyDown,
              onExit: () => bridge.show(null),
            }),
          },
        })
      : extension,
  );
}

/**
 * The rich-text editor of a reply: the annotation body editor, with suggestions for @mentions
 * when the body schema has a `mention` node. Typing "@" and part of a name lists matching
 * scholars under the caret; the arrow keys move, Enter or Tab inserts the mention, Escape closes
 * the list. The list is announced through the editor's `aria-activedescendant` and a live region.
 */
export function ReplyBodyEditor(props: ReplyBodyEditorProps) {
  const id = useId();
  const listboxId = `${id}-mentions`;
  const [popup, setPopup] = useState<MentionPopup | null>(null);
  const [bridge] = useState(createMentionBridge);
  const [extensions] = useState(() => buildMentionExtensions(bridge));

  useEffect(() => bridge.subscribe(setPopup), [bridge]);

  const activeOptionId =
    popup && popup.items.length > 0 ? `${listboxId}-${popup.activeIndex}` : undefined;
  const editableAttributes = useMemo(
    () =>
      popup
        ? {
            "aria-controls": listboxId,
            "aria-autocomplete": "list",
            ...(activeOptionId ? { "aria-activedescendant": activeOptionId } : {}),
          }
        : {},
    [popup, listboxId, activeOptionId],
  );

  return (
    <div className={styles.picker}>
      <AnnotationBodyEditor
        {...props}
        extensions={extensions}
        editableAttributes={editableAttributes}
      />
      {popup ? (
        <ul
          id={listboxId}
          role="listbox"
          aria-label="Scholars to mention"
          className={`${styles.listbox} ${styles.mentionPopup}`}
          style={
            popup.rect
              ? { position: "fixed", left: popup.rect.left, top: popup.rect.bottom + 4 }
              : {}
          }
        >
          {popup.items.length === 0 ? (
            <li className={styles.option} role="option" aria-selected={false} aria-disabled>
              No one matches.
            </li>
          ) : (
            popup.items.map((candidate, index) => (
              <li
                key={candidate.id}
                id={`${listboxId}-${index}`}
                role="option"
                aria-selected={index === popup.activeIndex}
                className={styles.option}
                onMouseDown={(event) => {
                  event.preventDefault();
                  popup.command({ id: candidate.id, label: candidate.name });
                }}
              >
                @{candidate.name}
              </li>
            ))
          )}
        </ul>
      ) : null}
      <p className="visually-hidden" role="status">
        {popup
          ? popup.items.length === 0
            ? "No scholar matches."
            : `${popup.items.length} ${popup.items.length === 1 ? "scholar" : "scholars"} to mention; use the arrow keys and Enter.`
          : ""}
      </p>
    </div>
  );
}
