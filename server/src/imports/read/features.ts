import type { Geometry, Position } from 'geojson';
import { isJsonObject } from '../../writes/json-equal';
import { detectFontEncoding, type EncodingChoice, type EncodingReport, fontDecoded } from '../encoding';
import { MAX_IMPORT_ROWS } from '../limits';
import {
  ImportFileError,
  type ImportFormat,
  type SourceRecord,
  type SourceTable,
  type SourceValue,
} from '../source';

/** What a feature format yields before it becomes a table: properties and geometry per feature. */
export interface ReadFeature {
  properties: Record<string, unknown> | null;
  geometry: Geometry | null;
  /** Why this feature cannot be used whatever the mapping (e.g. not a Feature at all). */
  problem?: SourceRecord['problem'];
}

function plain(value: unknown): SourceValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** Positions with altitude (KML, 3D shapefiles) keep lon and lat only. For geometries a library made (well-formed). */
export function flatten(geometry: Geometry): Geometry {
  const p2 = (p: Position): Position => [p[0] as number, p[1] as number];
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: p2(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(p2) };
    case 'MultiLineString':
    case 'Polygon':
      return { type: geometry.type, coordinates: geometry.coordinates.map((l) => l.map(p2)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((pl) => pl.map((l) => l.map(p2))),
      };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: geometry.geometries.map(flatten) };
  }
}

/**
 * A collection of one kind of geometry as its Multi type (KML MultiGeometry, a Shapefile part
 * list); anything else stays a GeometryCollection, which the import refuses per row.
 */
export function homogeneous(geometry: Geometry): Geometry {
  if (geometry.type !== 'GeometryCollection') return geometry;
  const parts = geometry.geometries.map(homogeneous);
  if (parts.length === 1) return parts[0] as Geometry;
  if (parts.every((g) => g.type === 'Point')) {
    return {
      type: 'MultiPoint',
      coordinates: parts.map((g) => (g as { coordinates: Position }).coordinates),
    };
  }
  if (parts.every((g) => g.type === 'Polygon' || g.type === 'MultiPolygon')) {
    return {
      type: 'MultiPolygon',
      coordinates: parts.flatMap((g) =>
        g.type === 'Polygon' ? [g.coordinates] : (g as { coordinates: Position[][][] }).coordinates,
      ),
    };
  }
  if (parts.every((g) => g.type === 'LineString')) {
    return {
      type: 'MultiLineString',
      coordinates: parts.map((g) => (g as { coordinates: Position[] }).coordinates),
    };
  }
  return { type: 'GeometryCollection', geometries: parts };
}

/**
 * Features as a source table: the columns are every property name in order of first appearance
 * (minus `drop`), string values converted from a TCVN3 font when asked or detected.
 */
export function featureTable(
  format: ImportFormat,
  features: readonly ReadFeature[],
  choice: EncodingChoice,
  notes: string[],
  drop: ReadonlySet<string> = new Set(),
): SourceTable {
  if (features.length === 0) throw new ImportFileError(422, 'NoRows', 'the file holds no features');
  if (features.length > MAX_IMPORT_ROWS) {
    throw new ImportFileError(413, 'TooManyRows', `more than ${MAX_IMPORT_ROWS} features`, {
      limit: MAX_IMPORT_ROWS,
    });
  }
  const columns: string[] = [];
  const seen = new Set<string>();
  const samples: string[] = [];
  for (const f of features.slice(0, 5000)) {
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (drop.has(k)) continue;
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
      if (typeof v === 'string') samples.push(v);
    }
  }
  for (const f of features.slice(5000)) {
    for (const k of Object.keys(f.properties ?? {})) {
      if (!drop.has(k) && !seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  }
  const report: EncodingReport =
    choice === 'auto'
      ? detectFontEncoding(samples)
      : { used: choice === 'tcvn3' ? 'tcvn3' : 'utf-8', detected: false, confident: true, alternatives: [] };
  const text = (v: SourceValue): SourceValue =>
    report.used === 'tcvn3' && typeof v === 'string' ? fontDecoded(v) : v;
  const records = features.map((f, i): SourceRecord => {
    const values: Record<string, SourceValue> = {};
    for (const c of columns) values[c] = text(plain(f.properties?.[c]));
    return { row: i + 1, values, geometry: f.geometry, ...(f.problem ? { problem: f.problem } : {}) };
  });
  return { format, columns, records, encoding: report, notes };
}

/** A GeoJSON member that should be a Feature but is not: the record is invalid, the others are read. */
export function notAFeature(value: unknown): ReadFeature {
  const type = isJsonObject(value) && typeof value.type === 'string' ? value.type.slice(0, 40) : typeof value;
  return {
    properties: null,
    geometry: null,
    problem: { code: 'NotAFeature', message: `is not a GeoJSON Feature (${type})`, params: { type } },
  };
}
