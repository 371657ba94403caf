import type { Geometry } from 'geojson';
import { isJsonObject } from '../../writes/json-equal';
import type { EncodingChoice } from '../encoding';
import { ImportFileError, type SourceTable } from '../source';
import { featureTable, notAFeature, type ReadFeature } from './features';

/** CRS names that mean CRS84 / WGS 84 lon-lat (the GeoJSON default; RFC 7946 allows no other). */
const WGS84_NAMES =
  /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::4326|EPSG:4326|http:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84)$/i;

/**
 * GeoJSON (RFC 7946): UTF-8 text (a BOM is skipped), a FeatureCollection — anything else, or
 * text that is not JSON, makes the file malformed (400). An old-style `crs` member naming another
 * system than WGS 84 is refused (export it as WGS 84). A member of `features` that is not a
 * Feature makes that row invalid.
 */
export function readGeoJson(bytes: Uint8Array, encoding: EncodingChoice): SourceTable {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8').decode(bytes.subarray(start)));
  } catch (err) {
    throw new ImportFileError(400, 'InvalidJson', 'the GeoJSON is not valid JSON', {
      reason: (err as Error).message.slice(0, 200),
    });
  }
  if (!isJsonObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    const type =
      isJsonObject(doc) && typeof doc.type === 'string'
        ? doc.type.slice(0, 40)
        : Array.isArray(doc)
          ? 'array'
          : typeof doc;
    throw new ImportFileError(400, 'NotAFeatureCollection', 'the GeoJSON is not a FeatureCollection', {
      type,
    });
  }
  const crs = isJsonObject(doc.crs) && isJsonObject(doc.crs.properties) ? doc.crs.properties.name : undefined;
  if (typeof crs === 'string' && !WGS84_NAMES.test(crs)) {
    throw new ImportFileError(400, 'UnsupportedCrs', `GeoJSON in ${crs}`, { crs: crs.slice(0, 100) });
  }
  const features = doc.features.map((f): ReadFeature => {
    if (!isJsonObject(f) || f.type !== 'Feature') return notAFeature(f);
    const properties = isJsonObject(f.properties) ? f.properties : null;
    const geometry = isJsonObject(f.geometry) ? (f.geometry as unknown as Geometry) : null;
    return { properties, geometry };
  });
  return featureTable('geojson', features, encoding, []);
}
