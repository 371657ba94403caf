import type { Geometry } from 'geojson';
import { read as readShp } from 'shapefile';
import { mapPositions } from '../../crs/transform';
import {
  decodeAs,
  decodeText,
  type EncodingChoice,
  type EncodingReport,
  type TextEncoding,
} from '../encoding';
import { ImportFileError, type SourceTable } from '../source';
import { featureTable, flatten, homogeneous, type ReadFeature } from './features';
import { reprojectionFor } from './prj';
import { unzipEntries } from './zip';

const PARTS = /\.(shp|dbf|prj|cpg)$/i;

/** `.cpg` contents as an encoding we read (UTF-8, Windows-1258, TCVN3), else undefined. */
function cpgEncoding(text: string | undefined): TextEncoding | undefined {
  const t = (text ?? '').trim().toLowerCase().replace(/[\s_]/g, '');
  if (t === '') return undefined;
  if (/^(utf-?8|65001)$/.test(t)) return 'utf-8';
  if (/1258/.test(t)) return 'windows-1258';
  if (/tcvn|vn3|5712/.test(t)) return 'tcvn3';
  return undefined;
}

/** The bytes behind a string decoded as x-user-defined (bytes ≥ 0x80 became U+F780…U+F7FF). */
function rawBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    out[i] = c >= 0xf780 && c <= 0xf7ff ? c - 0xf700 : c & 0xff;
  }
  return out;
}

interface Layer {
  name: string;
  shp: Uint8Array;
  dbf: Uint8Array;
  prj: string;
  cpg: string | undefined;
}

function layersOf(entries: Record<string, Uint8Array>): Layer[] {
  const byBase = new Map<string, { name: string; parts: Record<string, Uint8Array> }>();
  for (const [path, bytes] of Object.entries(entries)) {
    const match = PARTS.exec(path);
    if (!match) continue;
    const base = path.slice(0, -4);
    const layer = byBase.get(base.toLowerCase()) ?? { name: base.split('/').pop() ?? base, parts: {} };
    layer.parts[(match[1] as string).toLowerCase()] = bytes;
    byBase.set(base.toLowerCase(), layer);
  }
  const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
  const layers: Layer[] = [];
  for (const { name, parts } of byBase.values()) {
    if (!parts.shp) continue;
    if (!parts.dbf)
      throw new ImportFileError(400, 'MissingDbf', `layer ${name} has no .dbf`, { layer: name });
    if (!parts.prj)
      throw new ImportFileError(400, 'MissingPrj', `layer ${name} has no .prj`, { layer: name });
    layers.push({ name, shp: parts.shp, dbf: parts.dbf, prj: text(parts.prj) ?? '', cpg: text(parts.cpg) });
  }
  if (layers.length === 0) throw new ImportFileError(400, 'NoShapefile', 'the zip holds no .shp file');
  return layers;
}

/**
 * A zipped Shapefile (fflate + the `shapefile` package): every layer (.shp with its .dbf and
 * .prj; a missing .prj is an error saying so, as the coordinates would mean nothing), reprojected
 * to CRS84 from its .prj (prj.ts, VN-2000 included). Attribute text is decoded by the .cpg when
 * it names UTF-8, Windows-1258 or TCVN3, else detected like CSV (or as `encoding` says).
 */
export async function readShapefileZip(bytes: Uint8Array, encoding: EncodingChoice): Promise<SourceTable> {
  const layers = layersOf(unzipEntries(bytes, (name) => PARTS.test(name)));
  const features: ReadFeature[] = [];
  const notes: string[] = [];
  let report: EncodingReport | undefined;
  for (const layer of layers) {
    const reprojection = reprojectionFor(layer.prj, layer.name);
    let collection: Awaited<ReturnType<typeof readShp>>;
    try {
      collection = await readShp(layer.shp, layer.dbf, { encoding: 'x-user-defined' });
    } catch (err) {
      throw new ImportFileError(400, 'UnreadableFile', `layer ${layer.name} cannot be read`, {
        format: 'Shapefile',
        reason: `${layer.name}: ${String((err as Error).message ?? err).slice(0, 160)}`,
      });
    }
    const strings = collection.features.flatMap((f) =>
      Object.values(f.properties ?? {}).filter((v): v is string => typeof v === 'string'),
    );
    const fromCpg = encoding === 'auto' ? cpgEncoding(layer.cpg) : undefined;
    const layerReport: EncodingReport = fromCpg
      ? { used: fromCpg, detected: true, confident: true, alternatives: [] }
      : decodeText(rawBytes(strings.join('\n')), encoding).report;
    report ??= layerReport;
    const text = (v: unknown) => (typeof v === 'string' ? decodeAs(rawBytes(v), layerReport.used) : v);
    for (const f of collection.features) {
      const properties = Object.fromEntries(
        Object.entries(f.properties ?? {}).map(([k, v]) => [
          decodeAs(rawBytes(k), layerReport.used),
          text(v),
        ]),
      );
      const geometry = f.geometry
        ? homogeneous(flatten(mapPositions(f.geometry as Geometry, reprojection.toCrs84)))
        : null;
      features.push({ properties, geometry });
    }
    notes.push(
      reprojection.identity
        ? `layer ${layer.name}: ${collection.features.length} features in WGS 84`
        : `layer ${layer.name}: ${collection.features.length} features reprojected from ${reprojection.name} to WGS 84`,
    );
  }
  return {
    ...featureTable('shapefile', features, 'utf-8', notes),
    encoding: report ?? { used: 'utf-8', detected: true, confident: true, alternatives: [] },
  };
}
