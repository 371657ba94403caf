import { normalizeText } from '../../contract/text';
import type { FeatureQuery } from '../feature-store';
import { cql2Where } from './cql2-sql';

/** A parameterised SQL fragment ($1, $2, … in the order of `params`). */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** Collects parameters and hands out their placeholders. */
export class Params {
  readonly values: unknown[] = [];
  /** The placeholder of a new parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function escapeLike(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The words of `q`, normalised as `search_text` is (normalizeText). */
function qWords(q: string | undefined): string[] {
  return q ? normalizeText(q).split(' ').filter(Boolean) : [];
}

/** Whether buildWhere adds any condition besides the collection (a bbox, a filter, CQL2 or a word of q). */
export function hasConditions(query: Omit<FeatureQuery, 'limit' | 'offset'>): boolean {
  return (
    query.bbox !== undefined ||
    (query.filters?.length ?? 0) > 0 ||
    query.filter !== undefined ||
    qWords(query.q).length > 0
  );
}

/**
 * The query geometry of a bbox: ST_Envelope of its diagonal is a polygon, or a line or a point
 * when the box is degenerate (a zero-area polygon would intersect nothing).
 */
export function envelopeSql(bbox: [number, number, number, number], p: Params): string {
  const [minLon, minLat, maxLon, maxLat] = bbox;
  return `ST_SetSRID(ST_Envelope(ST_MakeLine(ST_MakePoint(${p.add(minLon)}, ${p.add(minLat)}), ST_MakePoint(${p.add(maxLon)}, ${p.add(maxLat)}))), 4326)`;
}

/**
 * WHERE for a query on alias `f` (features). The bbox is `&&` (GiST index, box overlap, exact for
 * points) and ST_Intersects (exact for lines and polygons, touching counts, as SQLite's turf
 * booleanIntersects); filters compare jsonb values exactly (typed by the caller from the schema);
 * every word of `q`, normalised as on SQLite, must occur in search_text (LIKE, pg_trgm index).
 */
export function buildWhere(
  collection: string,
  query: Omit<FeatureQuery, 'limit' | 'offset'>,
  p: Params,
): string {
  const where = [`f.collection = ${p.add(collection)}`];
  if (query.bbox) {
    const env = envelopeSql(query.bbox, p);
    where.push(`f.geom && ${env}`, `(GeometryType(f.geom) = 'POINT' OR ST_Intersects(f.geom, ${env}))`);
  }
  for (const filter of query.filters ?? []) {
    where.push(`f.properties -> ${p.add(filter.property)} = ${p.add(JSON.stringify(filter.value))}::jsonb`);
  }
  if (query.filter) where.push(cql2Where(query.filter, p)); // CQL2 (issue 12), see cql2-sql.ts
  for (const word of qWords(query.q)) where.push(`f.search_text LIKE ${p.add(`%${escapeLike(word)}%`)}`);
  return `WHERE ${where.join(' AND ')}`;
}
