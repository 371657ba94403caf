import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CollectionDef } from '../catalog/catalog';
import { ApiError } from '../errors';
import type { FeatureQuery, FeatureStore, StoredFeature } from '../store/feature-store';
import { CSV_BOM, csvLines } from './csv';
import { EXPORT_FORMATS, type ExportFormat, MAX_EXPORT_FEATURES } from './formats';
import { KML_HEAD, KML_TAIL, placemarks } from './kml';
import { exportColumns, exportRow } from './rows';

/** Features read per store call while an export streams. */
const PAGE = 1000;

export type ExportQuery = Omit<FeatureQuery, 'limit' | 'offset'> & {
  offset: number;
  limit: number | undefined;
};

/** The matching features, a page at a time (the server answers other requests in between). */
async function* pages(
  store: FeatureStore,
  collection: string,
  query: ExportQuery,
  total: number,
): AsyncGenerator<StoredFeature[]> {
  let offset = query.offset;
  let left = total;
  while (left > 0) {
    const page = await store.queryFeatures(collection, { ...query, offset, limit: Math.min(PAGE, left) });
    if (page.features.length === 0) return;
    yield page.features;
    offset += page.features.length;
    left -= page.features.length;
  }
}

async function* csv(
  collection: CollectionDef,
  features: AsyncGenerator<StoredFeature[]>,
): AsyncGenerator<string> {
  const columns = exportColumns(collection);
  yield CSV_BOM + csvLines([columns]);
  for await (const page of features) yield csvLines(page.map((f) => exportRow(f, columns)));
}

async function* kml(features: AsyncGenerator<StoredFeature[]>): AsyncGenerator<string> {
  yield KML_HEAD;
  for await (const page of features) yield placemarks(page);
  yield KML_TAIL;
}

/** XLSX written by exceljs's streaming writer: one sheet named after the collection, a header row, typed cells. */
function xlsx(collection: CollectionDef, features: AsyncGenerator<StoredFeature[]>): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(collection.id.slice(0, 31));
  const columns = exportColumns(collection);
  const write = async () => {
    sheet.addRow(columns).commit();
    for await (const page of features) for (const f of page) sheet.addRow(exportRow(f, columns)).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/**
 * A collection's matching features (the items filters: bbox, q, queryables; `offset`, and
 * `limit` when given — else all of them) as a download in `format`, streamed page by page.
 * More than MAX_EXPORT_FEATURES → 413 (narrow the filter).
 */
export async function exportItems(
  store: FeatureStore,
  collection: CollectionDef,
  query: ExportQuery,
  format: ExportFormat,
): Promise<{ body: Readable; type: string; fileName: string }> {
  // numberMatched is given only while counting is cheap (issue 10): probe the row just past the
  // cap instead, so a large layer costs one page read, not a count.
  const cap = Math.min(query.limit ?? Number.POSITIVE_INFINITY, MAX_EXPORT_FEATURES + 1);
  if (cap > MAX_EXPORT_FEATURES) {
    const past = await store.queryFeatures(collection.id, {
      ...query,
      offset: query.offset + MAX_EXPORT_FEATURES,
      limit: 1,
    });
    if (past.features.length > 0) {
      throw new ApiError(
        413,
        'PayloadTooLarge',
        `More than ${MAX_EXPORT_FEATURES} features match; an export holds at most ${MAX_EXPORT_FEATURES}: narrow the filter (bbox, q, properties) or page with limit and offset.`,
      );
    }
  }
  const total = Math.min(query.limit ?? MAX_EXPORT_FEATURES, MAX_EXPORT_FEATURES);
  const features = pages(store, collection.id, query, total);
  const { type, extension } = EXPORT_FORMATS[format];
  const body =
    format === 'xlsx'
      ? xlsx(collection, features)
      : Readable.from(format === 'csv' ? csv(collection, features) : kml(features));
  return {
    body,
    type: format === 'xlsx' ? type : `${type}; charset=utf-8`,
    fileName: `${collection.id}.${extension}`,
  };
}
