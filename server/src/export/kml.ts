import { toKML } from '@placemarkio/tokml';
import type { Feature } from 'geojson';
import type { StoredFeature } from '../store/feature-store';

/**
 * KML (@placemarkio/tokml): one Placemark per feature with its id, `name` as the Placemark name,
 * every other property as ExtendedData (null as empty, lists and objects as JSON text), in
 * WGS 84 as KML requires. Pages of features are encoded one by one and joined into one document.
 */

export const KML_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n';
export const KML_TAIL = '</Document></kml>\n';

function value(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** The Placemarks of some features (the inside of a Document). */
export function placemarks(features: readonly StoredFeature[]): string {
  const collection = {
    type: 'FeatureCollection' as const,
    features: features.map(
      (f): Feature => ({
        type: 'Feature',
        id: f.id,
        geometry: f.geometry,
        properties: Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, value(v)])),
      }),
    ),
  };
  const doc = toKML(collection);
  const start = doc.indexOf('<Document>');
  const end = doc.lastIndexOf('</Document>');
  return start < 0 || end < 0 ? '' : `${doc.slice(start + '<Document>'.length, end).trim()}\n`;
}
