import type { Feature } from 'geojson';

/**
 * Spreads point features that sit at (nearly) the same place, so that each keeps its own symbol
 * and its own label: features whose lon/lat fall in the same cell of `cellDegrees` (default
 * 0.0015°, ≈ 150 m at Lào Cai) form a group, and each member gets a slot `k/n` (k = 0…n-1) that
 * the style turns into a screen offset around the true location (see `spreadOffset`). Members
 * are ordered by `rank` (lower first: slot 0 is at the top), then by id. Groups larger than
 * MAX_SPREAD share the last slot. Pure; O(n).
 */
export const MAX_SPREAD = 8;

export interface SpreadInput {
  key: string;
  rank: number;
  id: number;
  lon: number;
  lat: number;
}

export function spreadSlots(points: readonly SpreadInput[], cellDegrees = 0.0015): Map<string, string> {
  const cells = new Map<string, SpreadInput[]>();
  for (const p of points) {
    const cell = `${Math.round(p.lon / cellDegrees)}:${Math.round(p.lat / cellDegrees)}`;
    const list = cells.get(cell);
    if (list) list.push(p);
    else cells.set(cell, [p]);
  }
  const slots = new Map<string, string>();
  for (const members of cells.values()) {
    if (members.length < 2) continue;
    members.sort((a, b) => a.rank - b.rank || a.id - b.id);
    const n = Math.min(members.length, MAX_SPREAD);
    members.forEach((m, i) => {
      slots.set(m.key, `${Math.min(i, n - 1)}/${n}`);
    });
  }
  return slots;
}

/** Screen offset (CSS px, x right, y down) of slot k of n: side by side for two, else on a circle from the top. */
export function spreadOffset(k: number, n: number): [number, number] {
  const r = 8 + 3 * n;
  const start = n === 2 ? Math.PI : -Math.PI / 2;
  const angle = start + (2 * Math.PI * k) / n;
  return [Math.round(r * Math.cos(angle) * 10) / 10, Math.round(r * Math.sin(angle) * 10) / 10];
}

/** A point feature's lon/lat, or undefined for other geometries. */
export function pointOf(f: Feature): [number, number] | undefined {
  return f.geometry?.type === 'Point' ? (f.geometry.coordinates as [number, number]) : undefined;
}
