import type { Connection } from './connection';

/** Collection ids ↔ their integer codes in `collection_stats` (the high bits of every fid). */
export interface CollectionCodes {
  /** The collection's code, or undefined when it never held a feature. */
  find(collection: string): number | undefined;
  /** The collection's code, numbering it first if it has none (inside a write). */
  ensure(collection: string): number;
}

/**
 * Codes are never removed or renumbered (a replacing seed keeps them), so a found code is cached
 * for the life of the connection; a missing one is asked again (another process may add it).
 */
export function collectionCodes(conn: Connection): CollectionCodes {
  const known = new Map<string, number>();
  const find = (collection: string): number | undefined => {
    const cached = known.get(collection);
    if (cached !== undefined) return cached;
    const code = conn
      .prepare('SELECT code FROM collection_stats WHERE collection = ?')
      .pluck()
      .get(collection) as number | undefined;
    if (code !== undefined) known.set(collection, code);
    return code;
  };
  return {
    find,
    ensure: (collection) => {
      const existing = find(collection);
      if (existing !== undefined) return existing;
      conn.prepare('INSERT INTO collection_stats (collection) VALUES (?)').run(collection);
      return find(collection)!;
    },
  };
}
