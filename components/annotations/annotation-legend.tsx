"use client";

import {
  CLAIM_FLAGS,
  FLAG_GLYPHS,
  FLAG_LABELS,
  KIND_GLYPHS,
  KIND_LABELS,
  PATTERN_LABELS,
  type ColorMode,
} from "./annotation-display";
import { useAnnotationWorkspace } from "./annotation-workspace";
import styles from "./annotations.module.css";

/** One line of the legend: a sample of the highlight, its glyph, its name and its pattern. */
interface LegendEntry {
  key: string;
  label: string;
  glyph: string;
  /** The classes that give the sample the highlight's look (annotation-highlights.css). */
  sampleClassName: string;
  /** The non-colour cue, in words. */
  pattern: string;
}

/** The highlight classes for a kind or flag and a tone, as the highlight extension writes them. */
function sampleClasses(kind: string, flag: string | null, tone: string): string {
  const token = (value: string) => value.toLowerCase().replace(/_/g, "-");
  return [
    "annotation-highlight",
    `annotation-highlight--kind-${token(kind)}`,
    flag ? `annotation-highlight--flag-${token(flag)}` : "",
    `annotation-highlight--tone-${token(tone)}`,
  ]
    .filter(Boolean)
    .join(" ");
}

/** The legend entries of the "type and status" colouring: the kinds, then the claim flags. */
const TYPE_ENTRIES: readonly LegendEntry[] = [
  ...(["COMMENT", "QUESTION", "HIGHLIGHT"] as const).map((kind) => ({
    key: kind,
    label: KIND_LABELS[kind],
    glyph: KIND_GLYPHS[kind],
    sampleClassName: sampleClasses(kind, null, kind),
    pattern: PATTERN_LABELS[kind] ?? "",
  })),
  ...CLAIM_FLAGS.map((flag) => ({
    key: flag,
    label: FLAG_LABELS[flag],
    glyph: FLAG_GLYPHS[flag],
    sampleClassName: sampleClasses("CLAIM", flag, flag),
    pattern: PATTERN_LABELS[flag] ?? "",
  })),
];

/**
 * The legend of the highlights, always on screen beside the list: for each kind and claim flag
 * a sample of its highlight, its glyph and its name (the underline pattern in words for screen
 * readers), what claim statuses and overlaps look like, and the switch between colouring by type
 * and status and colouring by tag (then each coloured tag is listed).
 */
export function AnnotationLegend() {
  const { view, setView, tagTones, isEnhanced } = useAnnotationWorkspace();
  const colorMode = view.colorMode;

  function handleColorModeChange(mode: ColorMode) {
    setView({ ...view, colorMode: mode });
  }

  const tagEntries = [...tagTones.entries()].map(([tag, tone]) => ({ tag, tone }));

  return (
    <section className={styles.legend} aria-labelledby="annotation-legend-heading">
      <h3 id="annotation-legend-heading" className={styles.legendTitle}>
        Legend
      </h3>
      {isEnhanced ? (
        <fieldset className={styles.colorMode}>
          <legend className={styles.colorModeLegend}>Colour highlights by</legend>
          <label>
            <input
              type="radio"
              name="annotation-color-mode"
              value="type"
              checked={colorMode === "type"}
              onChange={() => handleColorModeChange("type")}
            />
            Type and status
          </label>
          <label>
            <input
              type="radio"
              name="annotation-color-mode"
              value="tag"
              checked={colorMode === "tag"}
              onChange={() => handleColorModeChange("tag")}
            />
            Tag
          </label>
        </fieldset>
      ) : null}
      <ul className={styles.legendList}>
        {TYPE_ENTRIES.map((entry) => (
          <li key={entry.key} className={styles.legendItem}>
            <span className={styles.legendGlyph} aria-hidden="true">
              {entry.glyph}
            </span>
            <span
              className={`${styles.legendSample} ${
                colorMode === "type"
                  ? entry.sampleClassName
                  : entry.sampleClassName.replace(/--tone-[a-z-]+/, "--tone-neutral")
              }`}
              aria-hidden="true"
            >
              text
            </span>
            <span>
              {entry.label}
              <span className="visually-hidden">: {entry.pattern}</span>
            </span>
          </li>
        ))}
      </ul>
      {colorMode === "type" ? (
        <p className={styles.legendNote}>
          Rejected flags are{" "}
          <span
            className={`${styles.legendSample} annotation-highlight annotation-highlight--kind-claim annotation-highlight--flag-disputed annotation-highlight--tone-rejected`}
          >
            grey
          </span>
          ; accepted ones are drawn stronger. Overlapping passages shade darker, with their
          underlines stacked. Glyphs in the margin mark where passages start.
        </p>
      ) : (
        <ul className={styles.legendList} aria-label="Tag colours">
          {tagEntries.map(({ tag, tone }) => (
            <li key={tag} className={styles.legendItem}>
              <span
                className={`${styles.legendSample} annotation-highlight annotation-highlight--kind-highlight annotation-highlight--tone-tag-${tone}`}
                aria-hidden="true"
              >
                text
              </span>
              <span>Tag “{tag}”</span>
            </li>
          ))}
          <li className={styles.legendItem}>
            <span
              className={`${styles.legendSample} annotation-highlight annotation-highlight--kind-highlight annotation-highlight--tone-other-tags`}
              aria-hidden="true"
            >
              text
            </span>
            <span>Other tags</span>
          </li>
          <li className={styles.legendItem}>
            <span
              className={`${styles.legendSample} annotation-highlight annotation-highlight--kind-highlight annotation-highlight--tone-untagged`}
              aria-hidden="true"
            >
              text
            </span>
            <span>No tags</span>
          </li>
        </ul>
      )}
    </section>
  );
}
