import { normalizeText } from '../../../server/src/contract/text';

/** One searchable thing: a feature of a collection with the texts it can be found by. */
export interface SearchEntry {
  collection: string;
  id: number;
  label: string;
  texts: string[];
}

export interface SearchHit extends SearchEntry {
  score: number;
}

/**
 * Ranks entries against a free-text query, ignoring diacritics and case.
 * Every query word must appear in one of the entry's texts (as a word prefix or inside a word).
 * Score: 3 when a text starts with the whole query, 2 when every word starts a word, 1 otherwise.
 * Returns at most `limit` hits, best first, ties by label. An empty query returns [].
 */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit = 10): SearchHit[] {
  const q = normalizeText(query);
  if (q === '') return [];
  const words = q.split(' ');
  const hits: SearchHit[] = [];
  for (const entry of entries) {
    const score = scoreEntry(entry, q, words);
    if (score > 0) hits.push({ ...entry, score });
  }
  hits.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label, 'vi'));
  return hits.slice(0, limit);
}

function scoreEntry(entry: SearchEntry, q: string, words: string[]): number {
  let best = 0;
  for (const raw of entry.texts) {
    const text = normalizeText(raw);
    if (text === '') continue;
    if (text.startsWith(q)) return 3;
    if (!words.every((w) => text.includes(w))) continue;
    const tokens = text.split(' ');
    const allPrefix = words.every((w) => tokens.some((t) => t.startsWith(w)));
    best = Math.max(best, allPrefix ? 2 : 1);
  }
  return best;
}
