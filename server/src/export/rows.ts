import wkx from 'wkx';
import type { CollectionDef } from '../catalog/catalog';
import type { StoredFeature } from '../store/feature-store';
import { isJsonObject } from '../writes/json-equal';

/**
 * A feature as one flat table row (CSV, XLSX): `id`, then `lon`/`lat` for a point, `wkt` for any
 * other geometry, then every property of the collection's schema in schema order. Values keep
 * their type (the CSV encoder makes text of them); lists and objects become JSON text. The
 * import reads these columns back (lon/lat, WKT, property names), so an export imports again
 * with nothing to map.
 */

export type Cell = string | number | boolean | null;

/** The columns of a collection's table. */
export function exportColumns(collection: CollectionDef): string[] {
  const props = isJsonObject(collection.propertiesSchema.properties)
    ? Object.keys(collection.propertiesSchema.properties)
    : [];
  const points = collection.geometryTypes.includes('Point');
  const others = collection.geometryTypes.some((t) => t !== 'Point');
  return ['id', ...(points ? ['lon', 'lat'] : []), ...(others ? ['wkt'] : []), ...props];
}

function cell(value: unknown): Cell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** One feature as a row of `columns`. */
export function exportRow(f: StoredFeature, columns: readonly string[]): Cell[] {
  const point = f.geometry.type === 'Point' ? f.geometry.coordinates : null;
  return columns.map((c) => {
    if (c === 'id') return f.id;
    if (c === 'lon') return point ? (point[0] as number) : null;
    if (c === 'lat') return point ? (point[1] as number) : null;
    if (c === 'wkt') return point ? null : wkx.Geometry.parseGeoJSON(f.geometry).toWkt();
    return cell(f.properties[c]);
  });
}
