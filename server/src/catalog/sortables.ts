import { type CollectionDef, propertySchema } from './catalog';

/** How a sortable's values compare: numbers numerically, text by its sort key (store/sort-key.ts). */
export type SortType = 'number' | 'string';

/** A sortable property of a collection and how its values compare. */
export interface Sortable {
  name: string;
  type: SortType;
}

const cache = new WeakMap<CollectionDef, readonly Sortable[]>();

/** A property schema's sort type: integer/number → number, string → string; anything else is not sortable. */
function sortTypeOf(schema: Record<string, unknown> | undefined): SortType | undefined {
  const raw = schema?.type;
  const types = (Array.isArray(raw) ? raw : [raw]).filter((t) => t !== 'null');
  if (types.length !== 1) return undefined;
  if (types[0] === 'integer' || types[0] === 'number') return 'number';
  return types[0] === 'string' ? 'string' : undefined;
}

/**
 * The properties `sortby` may name (OGC API – Features Part 8 sortables): the catalog's
 * `sortables` (default: the label), each once, kept when its JSON Schema is one scalar type
 * (text or number; null allowed) — each has an index in both stores, so a sorted page is an
 * index walk (server/README.md, Sorting).
 */
export function sortablesOf(collection: CollectionDef): readonly Sortable[] {
  let list = cache.get(collection);
  if (!list) {
    const names = [...new Set(collection.sortables ?? [collection.label])];
    list = Object.freeze(
      names.flatMap((name) => {
        const type = sortTypeOf(propertySchema(collection, name));
        return type && /^[A-Za-z0-9_]{1,64}$/.test(name) ? [{ name, type }] : [];
      }),
    );
    cache.set(collection, list);
  }
  return list;
}
