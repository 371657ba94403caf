import type { Geometry } from 'geojson';
import type { Lang } from '../../../lib/format';
import { formatNumber } from '../../../lib/format';
import type { FieldDef } from '../form/form.model';

/** The part of a feature a diff looks at. `null` = the feature did not exist (create / delete). */
export interface FeatureSide {
  geometry?: Geometry | null;
  properties?: Record<string, unknown> | null;
}

/** One changed field: a property name, or `geometry`. `undefined` = absent on that side. */
export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** JSON with object keys sorted, so key order never counts as a change. */
function stableJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${stableJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function props(f: FeatureSide | null): Record<string, unknown> {
  return f?.properties ?? {};
}

function value(f: FeatureSide | null, field: string): unknown {
  if (!f) return undefined;
  if (field === 'geometry') return f.geometry ?? null;
  const p = props(f);
  return Object.hasOwn(p, field) ? p[field] : undefined;
}

function fieldNames(...sides: (FeatureSide | null)[]): string[] {
  return [...new Set(sides.flatMap((s) => Object.keys(props(s)))), 'geometry'];
}

/** What changed from `before` to `after`: properties in first-seen order, then `geometry`. */
export function diffFeatures(before: FeatureSide | null, after: FeatureSide | null): DiffRow[] {
  return fieldNames(before, after)
    .map((field) => ({ field, before: value(before, field), after: value(after, field) }))
    .filter((r) => !same(r.before, r.after));
}

/** One row of the conflict dialog: the value the editor started from, the server's now, and mine. */
export interface ConflictRow {
  field: string;
  base: unknown;
  server: unknown;
  mine: unknown;
  serverChanged: boolean;
  mineChanged: boolean;
  /** Both changed it, to different values: re-applying mine overwrites the server's change. */
  clash: boolean;
}

/**
 * The three-way view of a 412: every field the server or the editor changed since `base`
 * (the version the editor loaded). Fields nobody changed are left out.
 */
export function conflictRows(
  base: FeatureSide | null,
  server: FeatureSide,
  mine: FeatureSide,
): ConflictRow[] {
  return fieldNames(base, server, mine)
    .map((field) => {
      const b = value(base, field);
      const s = value(server, field);
      const m = value(mine, field);
      const serverChanged = !same(b, s);
      const mineChanged = !same(b, m);
      return {
        field,
        base: b,
        server: s,
        mine: m,
        serverChanged,
        mineChanged,
        clash: serverChanged && mineChanged && !same(s, m),
      };
    })
    .filter((r) => r.serverChanged || r.mineChanged);
}

/**
 * "Re-apply my changes on top": the server's current feature with only the fields the editor
 * changed since `base` replaced by the editor's values (geometry too, if redrawn). The result is
 * sent with the server's new ETag.
 */
export function reapplyOnTop(
  base: FeatureSide | null,
  server: FeatureSide,
  mine: FeatureSide,
): { geometry: Geometry | null; properties: Record<string, unknown> } {
  const properties: Record<string, unknown> = { ...props(server) };
  for (const field of fieldNames(base, mine)) {
    if (field === 'geometry') continue;
    const m = value(mine, field);
    if (same(value(base, field), m)) continue;
    if (m === undefined) delete properties[field];
    else properties[field] = m;
  }
  const geometry = same(value(base, 'geometry'), value(mine, 'geometry'))
    ? (server.geometry ?? null)
    : (mine.geometry ?? null);
  return { geometry, properties };
}

/** Short, plain-text description of a geometry for a diff ("Point 104.0, 22.5"; "Polygon, 5 vertices"). */
export function geometrySummary(g: unknown, lang: Lang): string {
  if (!g || typeof g !== 'object') return '—';
  const geom = g as Geometry;
  if (geom.type === 'Point') {
    const [lon, lat] = geom.coordinates;
    return `Point ${formatNumber(lon ?? 0, lang, 5)}; ${formatNumber(lat ?? 0, lang, 5)}`;
  }
  if (geom.type === 'Polygon') return `Polygon (${geom.coordinates[0]?.length ?? 0})`;
  if (geom.type === 'MultiPolygon') return `MultiPolygon (${geom.coordinates.length})`;
  return geom.type;
}

/**
 * A value as plain text for diff tables and history: `—` for absent/null, enum titles,
 * yes/no for flags, lists joined, numbers in the locale's format with their unit.
 */
export function displayValue(
  field: FieldDef | undefined,
  v: unknown,
  lang: Lang,
  words: { yes: string; no: string },
): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? words.yes : words.no;
  if (typeof v === 'number') {
    const unit = field?.unit?.[lang];
    const text = field?.kind === 'year' ? String(v) : formatNumber(v, lang, 6);
    return unit ? `${text} ${unit}` : text;
  }
  if (Array.isArray(v)) return v.length === 0 ? '—' : v.map((x) => String(x)).join('; ');
  if (typeof v === 'string') {
    const option = field?.options?.find((o) => o.value === v);
    return option ? option.title[lang] : v;
  }
  return JSON.stringify(v);
}
