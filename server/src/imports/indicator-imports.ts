import { PROVINCE_CODE } from '../../../geodata/rules/indicator-rows';
import type { Catalog, IndicatorRow } from '../catalog/catalog';
import { normalizeText } from '../contract/text';
import type { Confidence } from '../contract/vocabulary';
import type { AreaContext } from '../editing/validation-context';
import { ApiError } from '../errors';
import type { BatchInfo, IndicatorChange } from '../store/batch-store';
import type { Actor, FeatureStore } from '../store/feature-store';
import type { EncodingChoice } from './encoding';
import type { IndicatorPreviewResult } from './indicator-preview';
import { committablePreview, freshJobState, type ImportJobBase, type ImportRegistry } from './registry';
import type { WorkerPool } from './runner';

export interface IndicatorImportJob extends ImportJobBase {
  kind: 'indicators';
  format: 'csv' | 'xlsx';
  bytes: Uint8Array | null;
  encoding: EncodingChoice;
  preview: IndicatorPreviewResult | null;
}

export interface IndicatorCommit {
  /** Required: where the figures come from (a row's own source wins). */
  source?: string;
  /** Required: official, reported or approximate. */
  confidence?: Exclude<Confidence, 'illustrative'>;
  acceptWarnings?: boolean;
  exclude: readonly number[];
}

/**
 * Imports of indicator values (issue 14, admin): read in a worker thread (indicator-preview.ts),
 * committed as one batch in which every replaced value takes the commit's confidence — so the
 * illustrative marking goes exactly from the values replaced — and the row's source, else the
 * commit's. Province-total warnings must be accepted explicitly.
 */
export class IndicatorImports {
  constructor(
    private readonly store: FeatureStore,
    private readonly catalog: Catalog,
    private readonly registry: ImportRegistry<ImportJobBase>,
    private readonly areas: () => Promise<AreaContext>,
    private readonly clock: () => number,
    private readonly pool: WorkerPool,
  ) {}

  start(input: {
    format: 'csv' | 'xlsx';
    bytes: Uint8Array;
    mediaType: string;
    fileName: string;
    encoding: EncodingChoice;
    owner: string;
  }): IndicatorImportJob {
    const now = this.clock();
    const job: IndicatorImportJob = {
      id: this.registry.newId(input.bytes.byteLength),
      kind: 'indicators',
      owner: input.owner,
      format: input.format,
      bytes: input.bytes,
      encoding: input.encoding,
      mediaType: input.mediaType,
      fileName: input.fileName,
      size: input.bytes.byteLength,
      ...freshJobState(now),
    };
    this.registry.add(job);
    this.#parse(job);
    return job;
  }

  /** PATCH: read again with another encoding. */
  reparse(job: IndicatorImportJob, encoding: EncodingChoice): void {
    if (job.status === 'committed')
      throw new ApiError(409, 'Conflict', `Import '${job.id}' was committed as batch ${job.batchId}.`);
    job.cancel();
    job.encoding = encoding;
    this.#parse(job);
  }

  #parse(job: IndicatorImportJob): void {
    let cancelled = false;
    let stop = () => {
      cancelled = true;
    };
    job.status = 'parsing';
    job.failure = null;
    job.preview = null;
    job.cancel = () => stop();
    job.settled = this.registry.parse(async () => {
      if (cancelled || !job.bytes) return;
      const [areas, current] = await Promise.all([this.areas(), this.store.listIndicatorRows()]);
      const stored = this.catalog.indicators.filter((i) => !i.computed);
      const run = this.pool.run(
        {
          task: 'indicators',
          bytes: job.bytes,
          format: job.format,
          encoding: job.encoding,
          indicators: stored.map((i) => ({
            id: i.id,
            // The unit stored rows use (indicators.csv), else the catalog's English unit.
            unit: current.find((r) => r.indicator === i.id)?.unit ?? i.unit.en,
            names: [i.title.vi, i.title.en],
          })),
          districts: areas.districts.map((d) => ({
            code: d.code,
            names: [
              d.name,
              normalizeText(d.name).replace(/^(huyen|thi xa|thanh pho)\s+/, ''),
              String(d.feature.properties?.name_en ?? ''),
            ].filter(Boolean),
          })),
          provinceCode: PROVINCE_CODE,
          current,
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
      if (outcome.ok) {
        job.preview = outcome.result;
        job.status = 'ready';
      } else {
        job.failure = outcome.failure;
        job.status = 'failed';
      }
    });
  }

  async commit(job: IndicatorImportJob, body: IndicatorCommit, actor: Actor): Promise<BatchInfo> {
    const preview = committablePreview(job);
    const { source, confidence } = body;
    if (!source || !confidence) {
      const missing = [source ? null : 'source', confidence ? null : 'confidence'].filter(
        (f): f is string => f !== null,
      );
      throw new ApiError(
        422,
        'ValidationFailed',
        `Indicator values need ${missing.join(' and ')}: where they come from and how sure they are.`,
        undefined,
        {
          body: { errors: missing.map((field) => ({ field, code: 'Required', message: 'is required' })) },
        },
      );
    }
    const { warnings, rows } = preview;
    if (warnings.length > 0 && !body.acceptWarnings) {
      throw new ApiError(
        422,
        'ValidationFailed',
        `The figures do not match the province totals: ${warnings.map((w) => w.message).join('; ')}. Send acceptWarnings: true to commit them anyway.`,
        undefined,
        {
          body: {
            errors: [
              {
                field: 'acceptWarnings',
                code: 'Required',
                message: 'must be true to commit figures with warnings',
              },
            ],
          },
        },
      );
    }
    const excluded = new Set(body.exclude);
    const changes: IndicatorChange[] = rows.flatMap((r) => {
      if (!r.value || r.change === 'unchanged' || excluded.has(r.row)) return [];
      const after: IndicatorRow = {
        district_code: r.value.district_code,
        year: r.value.year,
        indicator: r.value.indicator,
        value: r.value.value,
        unit: r.value.unit,
        status: confidence,
        source: r.value.source ?? source,
      };
      return [{ before: r.current, after }];
    });
    const batch = await this.store.commitIndicatorBatch(
      {
        kind: 'indicators',
        collection: null,
        fileName: job.fileName,
        details: {
          source,
          confidence,
          rowsRead: rows.length,
          invalid: rows.filter((r) => !r.value).length,
          unchanged: rows.filter((r) => r.change === 'unchanged').length,
          excluded: excluded.size,
          acceptedWarnings: warnings.map((w) => w.message),
        },
        actor,
      },
      changes,
    );
    job.status = 'committed';
    job.batchId = batch.id;
    job.bytes = null;
    job.touchedAt = this.clock();
    return batch;
  }
}
