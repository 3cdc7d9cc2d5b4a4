/**
 * How a search box's text becomes terms, shared by the API (which turns each term into an indexed
 * condition) and the web app (which highlights them). Every term must appear in the item's text;
 * terms are split on any whitespace, the ideographic space (U+3000) included, which people type
 * with a Chinese input method.
 */

/** More terms than this add nothing but work: each is one index probe and one substring check. */
export const MAX_SEARCH_TERMS = 5;

/** Lower-cased distinct terms in the order typed; empty when the text holds none. */
export function searchTerms(text: string | undefined | null): string[] {
  if (!text) return [];
  const terms = text
    .toLowerCase()
    .split(/[\s\u3000]+/u)
    .filter((term) => term.length > 0);
  return [...new Set(terms)].slice(0, MAX_SEARCH_TERMS);
}

/**
 * Whether a term is long enough for the bigram index (two characters, counted in code points as
 * Postgres counts them). A single character is still found, by scanning the rows the other
 * filters leave.
 */
export function isIndexableTerm(term: string): boolean {
  return Array.from(term).length >= 2;
}
