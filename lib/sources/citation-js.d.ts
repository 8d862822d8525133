/**
 * The small part of citation-js that lib/sources/convert-citations.ts uses; the packages ship no
 * TypeScript declarations.
 */
declare module "@citation-js/core" {
  /** Options of the Cite constructor. */
  interface CiteOptions {
    /** The input format, e.g. "@biblatex/text", "@ris/file", "@csl/list+object". */
    forceType?: string;
  }

  /** A list of CSL-JSON items that can be written in many formats. */
  export class Cite {
    constructor(data: unknown, options?: CiteOptions);
    /** The items as CSL-JSON objects (with citation-js's own `_graph` key). */
    data: Record<string, unknown>[];
    /** Writes the items in `format` ("bibtex", "ris", "data"). */
    format(format: string, options?: Record<string, unknown>): string;
  }
}

declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-ris";
