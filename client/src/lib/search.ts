import { normalizeText } from '../../../server/src/contract/text';

/** One searchable thing: a feature of a collection with the texts it can be found by. */
export interface SearchEntry {
  collection: string;
  id: number;
  label: string;
  /** What the feature is (its collection's item title), shown beside the label. */
  kind?: string;
  texts: string[];
  /** Among hits of equal quality, a lower rank comes first (an industrial zone before a facility). */
  rank?: number;
}

export interface SearchHit extends SearchEntry {
  score: number;
}

/**
 * Ranks entries against a free-text query, ignoring diacritics, case and spaces ("sapa" finds
 * "Sa Pa", "ban pho" and "banpho" find "Bản Phố").
 * Score: 4 when a text starts with the whole query, 3 when it does with spaces ignored, 2 when every
 * query word starts a word, 1 when every word (or the query without spaces) appears inside a text.
 * Returns at most `limit` hits, best first; ties by the entry's rank, then by label. An empty
 * query returns [].
 */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit = 10): SearchHit[] {
  const q = normalizeText(query);
  if (q === '') return [];
  const words = q.split(' ');
  const compactQuery = q.replaceAll(' ', '');
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const score = scoreEntry(entry, q, words, compactQuery);
    if (score > 0) hits.push({ ...entry, score });
  }
  hits.sort(
    (a, b) => b.score - a.score || (a.rank ?? 9) - (b.rank ?? 9) || a.label.localeCompare(b.label, 'vi'),
  );
  return hits.slice(0, limit);
}

function scoreEntry(entry: SearchEntry, q: string, words: string[], compactQuery: string): number {
  let best = 0;
  for (const raw of entry.texts) {
    const text = normalizeText(raw);
    if (text === '') continue;
    if (text.startsWith(q)) return 4;
    const compact = text.replaceAll(' ', '');
    if (compact.startsWith(compactQuery)) best = Math.max(best, 3);
    if (words.every((w) => text.includes(w))) {
      const tokens = text.split(' ');
      const allPrefix = words.every((w) => tokens.some((t) => t.startsWith(w)));
      best = Math.max(best, allPrefix ? 2 : 1);
    } else if (compact.includes(compactQuery)) best = Math.max(best, 1);
  }
  return best;
}
