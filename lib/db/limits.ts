/**
 * Limits of PostgreSQL's column types that input schemas must respect, so that a value too large
 * for its column is a clear 4xx from validation rather than a database error.
 */

/** The largest value of an `integer` (int4) column: versions, revision numbers, positions. */
export const MAX_STORED_INT = 2_147_483_647;
