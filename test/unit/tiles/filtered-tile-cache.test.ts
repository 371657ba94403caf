import { describe, expect, it } from 'vitest';
import { FilteredTileCache, filteredTileKey } from '../../../server/src/tiles/filtered-tile-cache';

const tile = { z: 3, x: 6, y: 3 };
const bytes = (n: number) => new Uint8Array(n);

describe('filtered tile cache', () => {
  it('keys one filter written differently alike, and different filters or tiles apart', () => {
    const a = filteredTileKey('v', tile, {
      filters: [
        { property: 'craft', value: 'forging' },
        { property: 'district_code', value: '080' },
      ],
      q: 'Rượu  ngô',
    });
    const b = filteredTileKey('v', tile, {
      filters: [
        { property: 'district_code', value: '080' },
        { property: 'craft', value: 'forging' },
      ],
      q: 'ruou ngo',
    });
    expect(a).toBe(b);
    expect(filteredTileKey('v', tile, { q: 'ruou' })).not.toBe(filteredTileKey('v', tile, { q: 'ngo' }));
    expect(filteredTileKey('v', tile, { q: 'ruou' })).not.toBe(
      filteredTileKey('v', { ...tile, x: 7 }, { q: 'ruou' }),
    );
    expect(filteredTileKey('v', tile, { filters: [{ property: 'year', value: 1 }] })).not.toBe(
      filteredTileKey('v', tile, { filters: [{ property: 'year', value: '1' }] }),
    );
  });

  it('makes a tile once per revision, keeps empty answers too, and stays within its byte budget', async () => {
    const cache = new FilteredTileCache(10_000);
    let made = 0;
    const make = (n: number) => async () => {
      made += 1;
      return n === 0 ? undefined : bytes(n);
    };
    expect((await cache.get(1, 'a', make(1000)))?.byteLength).toBe(1000);
    expect((await cache.get(1, 'a', make(1000)))?.byteLength).toBe(1000);
    expect(await cache.get(1, 'empty', make(0))).toBeUndefined();
    expect(await cache.get(1, 'empty', make(0))).toBeUndefined();
    expect(made).toBe(2);
    // A new revision: made again.
    await cache.get(2, 'a', make(1000));
    expect(made).toBe(3);
    // Least recently used out first: 'a' was used last, so 'b' goes when 'c' comes in.
    await cache.get(2, 'b', make(4000));
    await cache.get(2, 'a', make(1000));
    await cache.get(2, 'c', make(5000));
    expect(cache.size.bytes).toBeLessThanOrEqual(10_000);
    made = 0;
    await cache.get(2, 'a', make(1000));
    expect(made).toBe(0);
    await cache.get(2, 'b', make(4000));
    expect(made).toBe(1);
    // Larger than the whole budget: answered, never kept.
    await cache.get(2, 'huge', make(20_000));
    await cache.get(2, 'huge', make(20_000));
    expect(made).toBe(3);
  });
});
