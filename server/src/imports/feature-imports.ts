import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Catalog, CollectionDef } from '../catalog/catalog';
import type { AreaContext } from '../editing/validation-context';
import { ApiError } from '../errors';
import type { BatchFeatureWrite, BatchInfo } from '../store/batch-store';
import type { Actor, FeatureContent, FeatureStore } from '../store/feature-store';
import { contentOf } from '../store/rows';
import { jsonEqual } from '../writes/json-equal';
import { primaryMatch } from './duplicates';
import type { EncodingChoice } from './encoding';
import { type Mapping, mappingProblems } from './mapping';
import { type CommunePlace, makePlaces, type Places } from './places';
import type { PreviewResult, PreviewRow } from './preview';
import { committablePreview, freshJobState, type ImportJobBase, type ImportRegistry } from './registry';
import type { WorkerPool } from './runner';
import type { ImportFormat } from './source';

/** How an import reads its file; changed by PATCH (which reads it again). */
export interface FeatureImportOptions {
  mapping: Mapping | null;
  defaults: Record<string, unknown>;
  encoding: EncodingChoice;
}

/** A row that repeats one existing feature (duplicates.ts primaryMatch): that feature's version, and whether the row would change it. */
export interface RowMatch {
  id: number;
  version: number;
  unchanged: boolean;
  /** The feature as an update would write it: its properties with the file's values over them. */
  update: FeatureContent;
}

export interface ImportSummary {
  rowsRead: number;
  valid: number;
  invalid: number;
  /** Valid rows that repeat no existing feature. */
  new: number;
  /** Valid rows that probably repeat existing features… */
  duplicates: number;
  /** …of which repeat one and equal it (a re-import of unchanged data), */
  unchanged: number;
  /** …repeat one and differ from it, */
  changed: number;
  /** …or repeat several alike (none of them by name). */
  ambiguous: number;
  /** Rows placed at a district seat (no coordinates in the file). */
  approximate: number;
}

export interface FeaturePreview extends PreviewResult {
  matches: Map<number, RowMatch>;
  summary: ImportSummary;
}

export interface FeatureImportJob extends ImportJobBase {
  kind: 'features';
  collection: CollectionDef;
  format: ImportFormat;
  /** The file, kept for PATCH until the import is committed or expires. */
  bytes: Uint8Array | null;
  options: FeatureImportOptions;
  preview: FeaturePreview | null;
}

/** What to do with rows that repeat existing features when committing. */
export type DuplicatePolicy = 'skip' | 'create' | 'update';

export function summarize(
  rows: readonly PreviewRow[],
  matches: ReadonlyMap<number, RowMatch>,
): ImportSummary {
  const s: ImportSummary = {
    rowsRead: rows.length,
    valid: 0,
    invalid: 0,
    new: 0,
    duplicates: 0,
    unchanged: 0,
    changed: 0,
    ambiguous: 0,
    approximate: 0,
  };
  for (const r of rows) {
    if (r.approximate) s.approximate += 1;
    if (!r.feature) {
      s.invalid += 1;
      continue;
    }
    s.valid += 1;
    if (r.duplicates.length === 0) s.new += 1;
    else {
      s.duplicates += 1;
      const m = matches.get(r.row);
      if (!primaryMatch(r.duplicates)) s.ambiguous += 1;
      else if (m?.unchanged) s.unchanged += 1;
      else s.changed += 1;
    }
  }
  return s;
}

/** The existing feature with the row's values over it (what an update writes). */
function merged(row: PreviewRow, existing: FeatureContent, supplied: ReadonlySet<string>): FeatureContent {
  const feature = row.feature as FeatureContent;
  const properties: Record<string, unknown> = { ...existing.properties };
  for (const [k, v] of Object.entries(feature.properties)) if (supplied.has(k)) properties[k] = v;
  if (row.approximate) return { properties, geometry: existing.geometry };
  if ('district_code' in feature.properties) properties.district_code = feature.properties.district_code;
  return { properties, geometry: feature.geometry };
}

/**
 * Imports of features into one collection (issue 14): read and checked in a worker thread
 * (runner.ts), compared with the existing features here (a few hundred store reads at a time, so
 * the server keeps answering), committed as one batch.
 */
export class FeatureImports {
  constructor(
    private readonly store: FeatureStore,
    private readonly catalog: Catalog,
    private readonly registry: ImportRegistry<FeatureImportJob | ImportJobBase>,
    private readonly areas: () => Promise<AreaContext>,
    private readonly communes: readonly CommunePlace[],
    private readonly clock: () => number,
    private readonly pool: WorkerPool,
  ) {}

  /** Checks a client's mapping against the collection (400 naming `mapping`). */
  static checkMapping(collection: CollectionDef, mapping: Mapping | null): void {
    const problems = mapping ? mappingProblems(mapping, collection.propertiesSchema) : [];
    if (problems.length > 0)
      throw new ApiError(
        400,
        'InvalidParameterValue',
        `Parameter 'mapping': ${problems.join('; ')}`,
        'mapping',
      );
  }

  /** Registers a new import and starts reading its file. */
  start(input: {
    collection: CollectionDef;
    format: ImportFormat;
    bytes: Uint8Array;
    mediaType: string;
    fileName: string;
    options: FeatureImportOptions;
    owner: string;
  }): FeatureImportJob {
    FeatureImports.checkMapping(input.collection, input.options.mapping);
    const now = this.clock();
    const job: FeatureImportJob = {
      id: this.registry.newId(input.bytes.byteLength),
      kind: 'features',
      owner: input.owner,
      collection: input.collection,
      format: input.format,
      bytes: input.bytes,
      mediaType: input.mediaType,
      fileName: input.fileName,
      size: input.bytes.byteLength,
      options: input.options,
      ...freshJobState(now),
    };
    this.registry.add(job);
    this.#parse(job);
    return job;
  }

  /** PATCH: new mapping, defaults or encoding; the file is read again (status `parsing` until done). */
  reparse(job: FeatureImportJob, changes: Partial<FeatureImportOptions>): void {
    if (job.status === 'committed')
      throw new ApiError(409, 'Conflict', `Import '${job.id}' was committed as batch ${job.batchId}.`);
    if (changes.mapping !== undefined) FeatureImports.checkMapping(job.collection, changes.mapping);
    job.cancel();
    job.options = { ...job.options, ...changes };
    this.#parse(job);
  }

  #parse(job: FeatureImportJob): void {
    let cancelled = false;
    let stop = () => {
      cancelled = true;
    };
    job.status = 'parsing';
    job.failure = null;
    job.preview = null;
    job.progress = { phase: 'waiting', done: 0, total: 0 };
    job.cancel = () => stop();
    job.settled = this.registry.parse(async () => {
      if (cancelled || !job.bytes) return;
      const [areas, existing] = await Promise.all([
        this.areas(),
        this.store.listFeatureKeys(job.collection.id, job.collection.label),
      ]);
      const run = this.pool.run(
        {
          task: 'features',
          bytes: job.bytes,
          format: job.format,
          encoding: job.options.encoding,
          mapping: job.options.mapping,
          defaults: job.options.defaults,
          collection: {
            id: job.collection.id,
            label: job.collection.label,
            schema: job.collection.propertiesSchema,
            geometryTypes: [...job.collection.geometryTypes],
          },
          areas,
          places: await this.#places(areas),
          existing,
        },
        (p) => {
          job.progress = p;
        },
      );
      stop = () => {
        cancelled = true;
        run.cancel();
      };
      const outcome = await run.result;
      if (cancelled) return;
      if (!outcome.ok) {
        job.status = 'failed';
        job.failure = outcome.failure;
        return;
      }
      const matches = await this.#compare(job, outcome.result, () => cancelled);
      if (cancelled) return;
      job.preview = { ...outcome.result, matches, summary: summarize(outcome.result.rows, matches) };
      job.status = 'ready';
    });
  }

  /** District seats (the `district_seat` landmarks; else the districts' seat_lon/seat_lat) and communes. */
  async #places(areas: AreaContext): Promise<Places> {
    const seats: { districtCode: string; name: string; position: [number, number] }[] = [];
    if (this.catalog.collection('landmarks')?.queryables.includes('kind')) {
      const page = await this.store.queryFeatures('landmarks', {
        filters: [{ property: 'kind', value: 'district_seat' }],
        limit: 1000,
        offset: 0,
      });
      for (const f of page.features) {
        const code = f.properties.district_code;
        if (f.geometry.type === 'Point' && typeof code === 'string') {
          seats.push({
            districtCode: code,
            name: String(f.properties.name ?? code),
            position: [f.geometry.coordinates[0] as number, f.geometry.coordinates[1] as number],
          });
        }
      }
    }
    const namesEn = new Map<string, string>();
    for (const d of areas.districts) {
      const p = d.feature.properties ?? {};
      if (typeof p.name_en === 'string') namesEn.set(d.code, p.name_en);
      if (
        !seats.some((s) => s.districtCode === d.code) &&
        typeof p.seat_lon === 'number' &&
        typeof p.seat_lat === 'number'
      ) {
        seats.push({
          districtCode: d.code,
          name: String(p.seat_name ?? d.name),
          position: [p.seat_lon, p.seat_lat],
        });
      }
    }
    return makePlaces(areas.districts, namesEn, seats, this.communes);
  }

  /** For rows repeating exactly one feature: that feature's version and whether the row equals it. */
  async #compare(
    job: FeatureImportJob,
    result: PreviewResult,
    cancelled: () => boolean,
  ): Promise<Map<number, RowMatch>> {
    const supplied = new Set([
      ...Object.values(result.mapping).filter((t): t is string => typeof t === 'string'),
      ...Object.keys(job.options.defaults),
    ]);
    const single = result.rows.filter((r) => r.feature && primaryMatch(r.duplicates));
    const matches = new Map<number, RowMatch>();
    for (const [i, row] of single.entries()) {
      if (i % 250 === 0) {
        job.progress = { phase: 'comparing', done: i, total: single.length };
        await nextTurn();
        if (cancelled()) return matches;
      }
      const existing = await this.store.getFeature(
        job.collection.id,
        (primaryMatch(row.duplicates) as { id: number }).id,
      );
      if (!existing) continue;
      const update = merged(row, contentOf(existing), supplied);
      matches.set(row.row, {
        id: existing.id,
        version: existing.version,
        unchanged: jsonEqual(update, contentOf(existing)),
        update,
      });
    }
    return matches;
  }

  /**
   * Writes the valid rows (minus `exclude`) as one batch. Rows repeating existing features are
   * skipped, added anyway, or (`update`) written over the one feature they repeat when they
   * differ from it; rows repeating several features are never updated. 409 when not ready.
   */
  async commit(
    job: FeatureImportJob,
    body: { exclude: readonly number[]; duplicates: DuplicatePolicy },
    actor: Actor,
  ): Promise<BatchInfo> {
    const preview = committablePreview(job);
    const excluded = new Set(body.exclude);
    const writes: BatchFeatureWrite[] = [];
    let skipped = 0;
    for (const row of preview.rows) {
      if (!row.feature || excluded.has(row.row)) continue;
      const match = preview.matches.get(row.row);
      if (row.duplicates.length === 0 || body.duplicates === 'create')
        writes.push({ op: 'create', content: row.feature });
      else if (body.duplicates === 'update' && match && !match.unchanged)
        writes.push({ op: 'replace', id: match.id, expectedVersion: match.version, content: match.update });
      else skipped += 1;
    }
    const batch = await this.store.commitFeatureBatch(
      {
        kind: 'features',
        collection: job.collection.id,
        fileName: job.fileName,
        details: {
          format: job.format,
          encoding: preview.encoding.used,
          ...preview.summary,
          excluded: excluded.size,
          skipped,
          duplicatePolicy: body.duplicates,
        },
        actor,
      },
      writes,
    );
    job.status = 'committed';
    job.batchId = batch.id;
    job.bytes = null;
    job.touchedAt = this.clock();
    return batch;
  }
}
