"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";

import formStyles from "@/components/auth/forms.module.css";
import type { CitedSourceView } from "@/lib/disputes/claim-page-view";
import { searchSourcesAction } from "@/lib/sources/actions";
import { formatReliability } from "@/lib/sources/reliability-summary";

import { formatAuthorYear } from "./dispute-display";
import styles from "./disputes.module.css";

/** Props of {@link SourcePicker}. */
export interface SourcePickerProps {
  /** The chosen source, or null. */
  value: CitedSourceView | null;
  onChange: (source: CitedSourceView | null) => void;
  /** The field's error from the server (sourceId). */
  error?: string;
}

/** Wait after the last keystroke before searching, so typing a word asks once. */
const SEARCH_DELAY_MS = 250;

/** Shortest query sent to the server. */
const MIN_QUERY_LENGTH = 2;

/**
 * Picks a source from the library: a search box (ARIA combobox) whose results appear in a listbox
 * below it. Arrow keys move through the results, Enter chooses, Escape closes; the choice is shown
 * with a "Change" button. A link opens the form for a new source in a new tab.
 */
export function SourcePicker({ value, onChange, error }: SourcePickerProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const listboxId = `${id}-listbox`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<CitedSourceView[]>([]);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [isOpen, setOpen] = useState(false);
  const [searchState, setSearchState] = useState<"idle" | "searching" | "done" | "failed">("idle");
  const requestRef = useRef(0);
  const changeButtonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed.length < MIN_QUERY_LENGTH) {
      return;
    }
    const request = ++requestRef.current;
    const timer = window.setTimeout(() => {
      setSearchState("searching");
      searchSourcesAction(trimmed)
        .then((found) => {
          if (request === requestRef.current) {
            setResults(found);
            setActiveIndex(found.length > 0 ? 0 : -1);
            setOpen(true);
            setSearchState("done");
          }
        })
        .catch(() => {
          if (request === requestRef.current) {
            setSearchState("failed");
          }
        });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [query]);

  function choose(source: CitedSourceView) {
    onChange(source);
    setOpen(false);
    setQuery("");
    setResults([]);
    setSearchState("idle");
    // The input is replaced by the chosen source: keep the keyboard on its "Change" button.
    window.requestAnimationFrame(() => changeButtonRef.current?.focus());
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!isOpen) {
        setOpen(results.length > 0);
        return;
      }
      if (results.length === 0) {
        return;
      }
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActiveIndex((index) => (index + step + results.length) % results.length);
    } else if (event.key === "Enter") {
      const active = isOpen ? results[activeIndex] : undefined;
      // Enter in the search box chooses, never submits the surrounding form.
      event.preventDefault();
      if (active) {
        choose(active);
      }
    } else if (event.key === "Escape" && isOpen) {
      event.preventDefault();
      setOpen(false);
    }
  }

  if (value) {
    return (
      <div className={styles.picker}>
        <span className={formStyles.label}>Source</span>
        <p className={styles.chosen}>
          <span>
            {formatAuthorYear(value)}, <em>{value.title}</em>{" "}
            <span className={styles.optionMeta}>· {formatReliability(value.reliability)}</span>
          </span>
          <button
            ref={changeButtonRef}
            type="button"
            className={styles.linkButton}
            onClick={() => {
              onChange(null);
              window.requestAnimationFrame(() => inputRef.current?.focus());
            }}
          >
            Change<span className="visually-hidden"> source</span>
          </button>
        </p>
        {error ? (
          <p id={errorId} className={formStyles.error}>
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  const showList = isOpen && query.trim().length >= MIN_QUERY_LENGTH;
  const activeId = showList && activeIndex >= 0 ? `${id}-option-${activeIndex}` : undefined;
  const statusText =
    searchState === "searching"
      ? "Searching…"
      : searchState === "failed"
        ? "The search did not work; try again."
        : searchState === "done"
          ? `${results.length} ${results.length === 1 ? "source" : "sources"} found.`
          : "";

  return (
    <div className={styles.picker}>
      <label className={formStyles.label} htmlFor={inputId}>
        Source
      </label>
      <p id={hintId} className={formStyles.hint}>
        Search the library by author, title, year or key; choose with the arrow keys and Enter.{" "}
        <a href="/sources/new" target="_blank" rel="noopener">
          Add a new source to the library
          <span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </p>
      <input
        ref={inputRef}
        id={inputId}
        className={formStyles.input}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listboxId}
        aria-activedescendant={activeId}
        aria-describedby={[error ? errorId : "", hintId].filter(Boolean).join(" ")}
        aria-invalid={error ? true : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          if (event.target.value.trim().length < MIN_QUERY_LENGTH) {
            setOpen(false);
            setSearchState("idle");
          }
        }}
        onKeyDown={handleKeyDown}
      />
      <p className="visually-hidden" role="status">
        {statusText}
      </p>
      <ul
        id={listboxId}
        role="listbox"
        aria-label="Sources found"
        className={styles.listbox}
        hidden={!showList || results.length === 0}
      >
        {results.map((source, index) => (
          <li
            key={source.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            className={styles.option}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(source)}
          >
            <span>
              {formatAuthorYear(source)}, <em>{source.title}</em>
            </span>
            <span className={styles.optionMeta}>
              {source.key} · {formatReliability(source.reliability)}
            </span>
          </li>
        ))}
      </ul>
      {showList && searchState === "done" && results.length === 0 ? (
        <p className={formStyles.hint}>No source matches “{query.trim()}”.</p>
      ) : null}
      {error ? (
        <p id={errorId} className={formStyles.error}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
