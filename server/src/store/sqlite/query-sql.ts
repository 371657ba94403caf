import { normalizeText } from '../../contract/text';
import type { Bbox, FeatureQuery } from '../feature-store';
import { cql2Where } from './cql2-sql';

/** A parameterised SQL fragment. */
export interface SqlPart {
  sql: string;
  params: (string | number)[];
}

/** JSON path of a top-level property inside the stored Feature text, quoted so any catalog name is safe. */
export function jsonPath(property: string): string {
  return `$.properties."${property.replace(/["\\]/g, '')}"`;
}

/**
 * The property's value as an SQL expression on alias `f` with the path written out (not bound):
 * the same text as the expression of its index (queryable-indexes.ts), so SQLite can use it.
 */
export function propertyExpr(property: string, alias = 'f.'): string {
  return `json_extract(${alias}geojson, '${jsonPath(property).replace(/'/g, "''")}')`;
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The words of `q`, normalised as `search_text` is (normalizeText), in order. */
export function qWords(q: string | undefined): string[] {
  return q ? normalizeText(q).split(' ').filter(Boolean) : [];
}

/**
 * Whether a word can be found through the trigram index (`features_fts`): three characters or
 * more and no LIKE wildcard or escape character (FTS5 uses the index only for a LIKE without ESCAPE).
 */
export function indexableWord(word: string): boolean {
  return word.length >= 3 && !/[\\%_]/.test(word);
}

/**
 * `AND …` terms on alias `f` for the property filters, the CQL2 filter (issue 12, cql2-sql.ts) and
 * the words of `q` (empty when none), leaving out the words in `handled` (matched through the
 * trigram index instead). `code`: the collection's code (a CQL2 S_INTERSECTS asks the R*Tree).
 */
export function conditionsSql(
  code: number,
  query: Pick<FeatureQuery, 'filters' | 'filter' | 'q'>,
  handled: readonly string[] = [],
): SqlPart {
  const terms: string[] = [];
  const params: (string | number)[] = [];
  for (const filter of query.filters ?? []) {
    terms.push(`${propertyExpr(filter.property)} = ?`);
    params.push(typeof filter.value === 'boolean' ? Number(filter.value) : filter.value);
  }
  if (query.filter) {
    const cql2 = cql2Where(query.filter, code);
    terms.push(cql2.sql);
    params.push(...cql2.params);
  }
  for (const word of qWords(query.q)) {
    if (handled.includes(word)) continue;
    terms.push("f.search_text LIKE ? ESCAPE '\\'");
    params.push(`%${escapeLike(word)}%`);
  }
  return { sql: terms.map((t) => ` AND ${t}`).join(''), params };
}

/** `AND …` trigram-index terms on alias `t` (features_fts) for indexable words. */
export function textIndexSql(words: readonly string[]): SqlPart {
  return {
    sql: words.map(() => ' AND t.search_text LIKE ?').join(''),
    params: words.map((w) => `%${w}%`),
  };
}

/**
 * R*Tree terms on alias `r`: entries of collection `code` whose box overlaps `bbox`. The R*Tree
 * stores 32-bit floats rounded outwards, so this is a superset of the exact matches.
 */
export function rtreeSql(code: number, bbox: Bbox): SqlPart {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return {
    sql: 'r.min_code <= ? AND r.max_code >= ? AND r.min_lon <= ? AND r.max_lon >= ? AND r.min_lat <= ? AND r.max_lat >= ?',
    params: [code, code, maxLon, minLon, maxLat, minLat],
  };
}

/** The exact box test on the row's own bbox columns (alias `f`): ` AND …`. */
export function exactBoxSql(bbox: Bbox): SqlPart {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return {
    sql: ' AND f.min_lon <= ? AND f.max_lon >= ? AND f.min_lat <= ? AND f.max_lat >= ?',
    params: [maxLon, minLon, maxLat, minLat],
  };
}

/**
 * Whether an R*Tree entry is certainly inside `bbox` (its rounded-outwards float box lies within
 * it, so the true box does too), else whether the row's exact bbox overlaps: exact for points,
 * and reads a feature row only for entries straddling an edge of the box.
 */
export function certainOrExactSql(bbox: Bbox): SqlPart {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  const exact = exactBoxSql(bbox);
  return {
    sql: ` AND ((r.min_lon >= ? AND r.max_lon <= ? AND r.min_lat >= ? AND r.max_lat <= ?)
      OR EXISTS (SELECT 1 FROM features f WHERE f.fid = r.fid${exact.sql}))`,
    params: [minLon, maxLon, minLat, maxLat, ...exact.params],
  };
}
