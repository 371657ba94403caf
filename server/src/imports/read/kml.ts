import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Geometry } from 'geojson';
import type { EncodingChoice } from '../encoding';
import { ImportFileError, type SourceTable } from '../source';
import { featureTable, flatten, homogeneous } from './features';
import { unzipEntries } from './zip';

/** Properties @tmcw/togeojson derives from KML styles, times and icons: not data of the feature. */
const STYLE_KEYS = new Set([
  'styleUrl',
  'styleHash',
  'styleMapHash',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'icon',
  'icon-scale',
  'icon-color',
  'icon-opacity',
  'icon-offset',
  'icon-offset-units',
  'label-scale',
  'label-color',
  'label-opacity',
  'visibility',
  'timespan',
  'timestamp',
  'coordinateProperties',
]);

/** KML text (UTF-8, a BOM skipped) as features: XML that is not well-formed makes the file malformed (400). */
function kmlFeatures(bytes: Uint8Array, encoding: EncodingChoice, format: 'kml' | 'kmz'): SourceTable {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = new TextDecoder('utf-8').decode(bytes.subarray(start));
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (err) {
    const reason = (err as Error).message.replace(/\s+/g, ' ').slice(0, 200);
    throw new ImportFileError(400, 'InvalidXml', 'the KML is not well-formed XML', { reason });
  }
  if (doc.documentElement?.localName !== 'kml') {
    throw new ImportFileError(400, 'InvalidXml', 'the XML is not KML', {
      reason: 'the root element is not <kml>',
    });
  }
  const collection = kml(doc as unknown as Document);
  const features = collection.features.map((f) => ({
    properties: f.properties ?? {},
    geometry: f.geometry ? homogeneous(flatten(f.geometry as Geometry)) : null,
  }));
  return featureTable(format, features, encoding, [], STYLE_KEYS);
}

/** KML (@tmcw/togeojson over @xmldom/xmldom): names, descriptions and ExtendedData become columns; coordinates are WGS 84 by the standard. */
export function readKml(bytes: Uint8Array, encoding: EncodingChoice): SourceTable {
  return kmlFeatures(bytes, encoding, 'kml');
}

/** KMZ: the zip's doc.kml (else its first .kml file), read as KML. */
export function readKmz(bytes: Uint8Array, encoding: EncodingChoice): SourceTable {
  const entries = unzipEntries(bytes, (name) => name.toLowerCase().endsWith('.kml'));
  const names = Object.keys(entries);
  const main = names.find((n) => n.toLowerCase().split('/').pop() === 'doc.kml') ?? names[0];
  if (main === undefined) throw new ImportFileError(400, 'NoKml', 'the KMZ holds no .kml file');
  return kmlFeatures(entries[main] as Uint8Array, encoding, 'kmz');
}
