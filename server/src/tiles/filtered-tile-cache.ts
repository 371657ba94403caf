import { normalizeText } from '../contract/text';
import type { TileFilter } from '../store/feature-store';
import type { TileAddress } from './web-mercator';

/** Default byte budget of the filtered-tile cache. */
export const FILTERED_TILE_CACHE_BYTES = 16 * 1024 * 1024;
/** What an entry costs besides its bytes (key, map slot). */
const ENTRY_OVERHEAD = 200;

/**
 * The key of a filtered tile: collection, address and the filter as the store sees it, normalised
 * (property filters by name, the CQL2 syntax tree, `q` as search_text is), so requests that write
 * one filter differently (parameter order, spacing, case or diacritics of `q`, CQL2 text or JSON)
 * share one entry.
 */
export function filteredTileKey(collection: string, tile: TileAddress, where: TileFilter): string {
  const filters = [...(where.filters ?? [])]
    .sort((a, b) => (a.property < b.property ? -1 : a.property > b.property ? 1 : 0))
    .map((f) => [f.property, f.value]);
  const q = where.q === undefined ? null : normalizeText(where.q);
  return JSON.stringify([collection, tile.z, tile.x, tile.y, filters, where.filter ?? null, q]);
}

/**
 * MVT bytes of filtered tiles (which, unlike plain ones, read the matching rows of the tile's box
 * rather than precomputed cells) by data revision and normalised filter: least recently used out
 * first within `maxBytes`; a new revision drops everything. Behind the response cache, which
 * keys by URL: this one also serves another spelling of the same filter.
 */
export class FilteredTileCache {
  #revision = Number.NaN;
  #bytes = 0;
  readonly #entries = new Map<string, Uint8Array | undefined>();

  constructor(readonly maxBytes = FILTERED_TILE_CACHE_BYTES) {}

  /** The tile of `key` at `revision`: from the cache, else made by `make` and kept. */
  async get(
    revision: number,
    key: string,
    make: () => Promise<Uint8Array | undefined>,
  ): Promise<Uint8Array | undefined> {
    if (revision !== this.#revision) {
      this.#entries.clear();
      this.#bytes = 0;
      this.#revision = revision;
    }
    if (this.#entries.has(key)) {
      const hit = this.#entries.get(key);
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const bytes = await make();
    // An edit meanwhile (a newer revision), or the same tile made by a request at the same time.
    if (revision !== this.#revision || this.#entries.has(key)) return bytes;
    const size = (bytes?.byteLength ?? 0) + key.length * 2 + ENTRY_OVERHEAD;
    if (size > this.maxBytes) return bytes;
    this.#entries.set(key, bytes);
    this.#bytes += size;
    for (const [old, value] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(old);
      this.#bytes -= (value?.byteLength ?? 0) + old.length * 2 + ENTRY_OVERHEAD;
    }
    return bytes;
  }

  /** Entries and bytes held (for tests and logs). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }
}
