import { normalizeText } from '../../contract/text';
import type { FeatureQuery } from '../feature-store';
import { cql2Where } from './cql2-sql';

/** A parameterised SQL fragment. */
export interface SqlPart {
  sql: string;
  params: (string | number)[];
}

/** JSON path of a top-level property, quoted so any catalog name is safe. */
export function jsonPath(property: string): string {
  return `$."${property.replace(/["\\]/g, '')}"`;
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * FROM + WHERE for a query on alias `f`. With a bbox, the R*Tree drives the join (CROSS JOIN fixes
 * the loop order in SQLite), so the cost follows the matches, not the table size.
 */
export function buildFromWhere(collection: string, query: Omit<FeatureQuery, 'limit' | 'offset'>): SqlPart {
  const where: string[] = ['f.collection = ?'];
  const params: (string | number)[] = [collection];
  let from = 'features f';
  if (query.bbox) {
    const [minLon, minLat, maxLon, maxLat] = query.bbox;
    from = 'features_rtree r CROSS JOIN features f ON f.fid = r.fid';
    where.push('r.min_lon <= ? AND r.max_lon >= ? AND r.min_lat <= ? AND r.max_lat >= ?');
    where.push('f.min_lon <= ? AND f.max_lon >= ? AND f.min_lat <= ? AND f.max_lat >= ?');
    params.push(maxLon, minLon, maxLat, minLat, maxLon, minLon, maxLat, minLat);
  }
  for (const filter of query.filters ?? []) {
    where.push('json_extract(f.properties, ?) = ?');
    const value = typeof filter.value === 'boolean' ? Number(filter.value) : filter.value;
    params.push(jsonPath(filter.property), value);
  }
  if (query.filter) {
    // CQL2 (issue 12): one parenthesised condition of its own, see cql2-sql.ts.
    const cql2 = cql2Where(query.filter);
    where.push(cql2.sql);
    params.push(...cql2.params);
  }
  const words = query.q ? normalizeText(query.q).split(' ').filter(Boolean) : [];
  for (const word of words) {
    where.push("f.search_text LIKE ? ESCAPE '\\'");
    params.push(`%${escapeLike(word)}%`);
  }
  return { sql: `FROM ${from} WHERE ${where.join(' AND ')}`, params };
}
