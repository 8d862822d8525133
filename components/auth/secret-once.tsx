"use client";

import { useRef, useState } from "react";

import { buttonClassName } from "./form-controls";
import styles from "./forms.module.css";

/** Props of {@link SecretOnce}. */
export interface SecretOnceProps {
  /** What the secret is ("Your new API token"). */
  title: string;
  /** The secret itself (a token, an invite link). */
  value: string;
  /** Why it must be copied now: it is not shown again. */
  warning: string;
}

/** How long the copy button says "Copied". */
const COPIED_FEEDBACK_MS = 4000;

/**
 * A secret shown once, right after it was made: the value (selectable), a Copy button and a warning
 * that it will not be shown again. Copying uses the clipboard API; where that is unavailable the
 * value is selected so the keyboard can copy it.
 */
export function SecretOnce({ title, value, warning }: SecretOnceProps) {
  const [feedback, setFeedback] = useState("");
  const codeRef = useRef<HTMLElement>(null);

  async function handleCopy() {
    const code = codeRef.current;
    try {
      await navigator.clipboard.writeText(value);
      setFeedback("Copied to the clipboard.");
    } catch {
      if (code) {
        window.getSelection()?.selectAllChildren(code);
      }
      setFeedback("Copying is not available here: the text is selected, press Ctrl+C or ⌘C.");
    }
    window.setTimeout(() => setFeedback(""), COPIED_FEEDBACK_MS);
  }

  return (
    <div className={styles.secret}>
      <p className={styles.secretTitle}>{title}</p>
      <div className={styles.secretValue}>
        <code ref={codeRef}>{value}</code>
        <button
          type="button"
          className={buttonClassName("secondary", true)}
          onClick={() => void handleCopy()}
        >
          Copy
        </button>
      </div>
      <p className={styles.secretWarning}>
        <strong>{warning}</strong>
      </p>
      <p role="status" className={styles.hint}>
        {feedback}
      </p>
    </div>
  );
}
