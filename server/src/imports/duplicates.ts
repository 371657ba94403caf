import { distance } from '@turf/turf';
import { normalizeText } from '../contract/text';
import type { FeatureKey } from '../store/batch-store';
import { DUPLICATE_DISTANCE_M } from './limits';

/** An existing feature an imported row probably repeats, and why. */
export interface DuplicateMatch {
  id: number;
  name: string | null;
  /** `name`: the same name (ignoring case and marks) in the same district; `distance`: within 100 m. */
  reasons: ('name' | 'distance')[];
  /** Metres between the row and the feature (points; a polygon's bbox centre). */
  distanceM: number;
}

/** Grid cells of 0.002° (≈ 220 m north–south, ≈ 205 m east–west at 22° N): a 100 m circle lies in 3 × 3 of them. */
const CELL = 0.002;

const cellKey = (lon: number, lat: number) => `${Math.floor(lon / CELL)}:${Math.floor(lat / CELL)}`;
const nameKey = (label: string | null, district: string | null) =>
  label === null ? undefined : `${normalizeText(label)}\u0000${district ?? ''}`;

/**
 * Likely duplicates of existing features (issue 14): the same name in the same district, or
 * within 100 m. Built once per preview from the store's feature keys; each lookup costs a map
 * probe and the features of 9 grid cells, so 100,000 rows against 100,000 features stay linear.
 * A row placed approximately (at a district seat) is compared by name only: its point is not
 * where it is.
 */
export class DuplicateIndex {
  readonly #byName = new Map<string, FeatureKey[]>();
  readonly #byCell = new Map<string, FeatureKey[]>();

  constructor(existing: readonly FeatureKey[]) {
    for (const f of existing) {
      const n = nameKey(f.label, f.districtCode);
      if (n !== undefined) this.#push(this.#byName, n, f);
      this.#push(this.#byCell, cellKey(f.position[0], f.position[1]), f);
    }
  }

  #push(map: Map<string, FeatureKey[]>, key: string, f: FeatureKey): void {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  }

  find(
    label: string | null,
    districtCode: string | null,
    position: [number, number],
    approximate: boolean,
  ): DuplicateMatch[] {
    const found = new Map<number, DuplicateMatch>();
    const metres = (f: FeatureKey) =>
      Math.round(distance(position, f.position, { units: 'kilometers' }) * 1000);
    const n = nameKey(label, districtCode);
    for (const f of n === undefined ? [] : (this.#byName.get(n) ?? [])) {
      found.set(f.id, { id: f.id, name: f.label, reasons: ['name'], distanceM: metres(f) });
    }
    if (!approximate) {
      const [lon, lat] = position;
      const cx = Math.floor(lon / CELL);
      const cy = Math.floor(lat / CELL);
      for (let dx = -1; dx <= 1; dx += 1) {
        for (let dy = -1; dy <= 1; dy += 1) {
          for (const f of this.#byCell.get(`${cx + dx}:${cy + dy}`) ?? []) {
            const d = metres(f);
            if (d > DUPLICATE_DISTANCE_M) continue;
            const seen = found.get(f.id);
            if (seen) seen.reasons.push('distance');
            else found.set(f.id, { id: f.id, name: f.label, reasons: ['distance'], distanceM: d });
          }
        }
      }
    }
    return [...found.values()].sort((a, b) => a.distanceM - b.distanceM || a.id - b.id);
  }
}

/** The first row of the file with the same name in the same district, per row (for "same as row n" notes). */
export class InFileIndex {
  readonly #first = new Map<string, number>();

  /** The earlier row this one repeats, or null (and remembers this one when it is the first). */
  see(row: number, label: string | null, districtCode: string | null): number | null {
    const n = nameKey(label, districtCode);
    if (n === undefined) return null;
    const first = this.#first.get(n);
    if (first !== undefined) return first;
    this.#first.set(n, row);
    return null;
  }
}

/**
 * The one existing feature a row repeats, when there is one: its only match, or among several
 * the only one with the same name in the same district (a neighbour within 100 m is then only
 * "also near"). Undefined when the row repeats nothing or several features alike (ambiguous).
 */
export function primaryMatch(matches: readonly DuplicateMatch[]): DuplicateMatch | undefined {
  if (matches.length === 1) return matches[0];
  const named = matches.filter((m) => m.reasons.includes('name'));
  return named.length === 1 ? named[0] : undefined;
}
