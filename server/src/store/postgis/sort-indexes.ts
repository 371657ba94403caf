import type { Catalog } from '../../catalog/catalog';
import type { Sortable } from '../../catalog/sortables';
import type { SortKey } from '../feature-store';
import { sortIndexDefs, sortIndexName, staleSortIndexNames } from '../sort-indexes';
import type { Connection } from './connection';
import { LOCK_MIGRATE, lockSql, STARTUP_TIMEOUT } from './migrations';

/** A catalog name as a SQL string literal (names are ^[A-Za-z0-9_]+$ and ids ^[a-z0-9-]+$; quotes doubled anyway). */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * What a sortable orders by on alias `f` (the expression of its index), as SQLite orders it
 * (sqlite/sort-indexes.ts): text by its sort key (`sort_key_v1`, migration 7) in the "C" collation
 * (code point order, as SQLite's BINARY on UTF-8); numbers as float8; JSON null and a missing
 * member both SQL NULL.
 */
export function sortTerm(s: Sortable, alias = 'f.'): string {
  const member = literal(s.name);
  if (s.type === 'number')
    return `(CASE WHEN jsonb_typeof(${alias}properties -> ${member}) = 'number' THEN (${alias}properties ->> ${member})::float8 END)`;
  return `(sort_key_v1(${alias}properties ->> ${member}) COLLATE "C")`;
}

/**
 * ORDER BY of `sortby` on alias `f`: NULL first ascending and last descending (as SQLite), then id
 * in the direction of the last key — the order of the index read forwards, or backwards.
 */
export function orderSql(keys: readonly SortKey[], sortables: readonly Sortable[]): string {
  const terms = keys.map((k) => {
    const s = sortables.find((x) => x.name === k.property) ?? { name: k.property, type: 'string' as const };
    return `${sortTerm(s)} ${k.descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;
  });
  return [...terms, `f.id ${keys[keys.length - 1]?.descending ? 'DESC' : 'ASC'}`].join(', ');
}

/**
 * Makes the catalog's sort indexes that are missing and drops the ones it no longer declares:
 * `(<sortTerm> NULLS FIRST, id) WHERE collection = '<id>'`, one per (collection, sortable), so a
 * sorted page of one collection is an index scan, forwards or backwards. Runs when the store opens,
 * under the migration lock (instances starting together make each index once).
 */
export async function ensureSortIndexes(conn: Connection, catalog: Catalog): Promise<void> {
  const defs = sortIndexDefs(catalog).map((d) => {
    const definition = `ON features (${sortTerm(d.sortable, '')} NULLS FIRST, id) WHERE collection = ${literal(d.collection)}`;
    return { definition, name: sortIndexName(d, definition) };
  });
  await conn.transaction(async (tx) => {
    await tx.query(`SET LOCAL statement_timeout = '${STARTUP_TIMEOUT}'`);
    await tx.query(lockSql(LOCK_MIGRATE));
    const { rows } = await tx.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'features'`,
    );
    const existing = rows.map((r) => r.name);
    for (const name of staleSortIndexNames(existing, new Set(defs.map((d) => d.name))))
      await tx.query(`DROP INDEX IF EXISTS ${name}`);
    for (const d of defs)
      if (!existing.includes(d.name)) await tx.query(`CREATE INDEX ${d.name} ${d.definition}`);
  });
}
