import type { BBox } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { formatNumber } from '../../lib/format';
import { geometryBbox, mergeBboxes } from '../../lib/geometry';
import { type EditorCollection, useEditableCollections } from '../edit/useEditableCollections';
import { type DuplicatePolicy, DuplicatesPanel } from './DuplicatesPanel';
import { EncodingQuestion } from './EncodingQuestion';
import { FileDrop } from './FileDrop';
import { ImportProgress } from './ImportProgress';
import { useImportText } from './i18n/useImportText';
import type { FeaturePreview, ImportApi, ImportFeaturePage } from './importApi';
import { importErrorText } from './importError';
import { MappingEditor } from './MappingEditor';
import { FEATURE_EXTENSIONS } from './mediaType';
import { PreviewSummary } from './PreviewSummary';
import { ProblemsTable } from './ProblemsTable';
import type { PreviewRow } from './previewStyle';
import { RowsTable } from './RowsTable';
import { useImportJob } from './useImportJob';

export interface FeatureImportProps {
  api: ApiClient;
  importApi: ImportApi;
  collections: readonly EditorCollection[];
  /** The rows with a location, drawn on the map as a preview (null: none). */
  onPreview: (rows: PreviewRow[] | null) => void;
  onFit: (bbox: BBox) => void;
  /** A commit wrote to this collection: reload it. */
  onCommitted: (collection: string) => void;
  onShowHistory: () => void;
}

/** Features import: choose a layer and a file → the server reads it → preview → commit as one batch. */
export function FeatureImport({
  api,
  importApi,
  collections,
  onPreview,
  onFit,
  onCommitted,
  onShowHistory,
}: FeatureImportProps) {
  const { t, lang } = useImportText();
  const editable = useEditableCollections(api, collections, lang);
  const [collection, setCollection] = useState<string>('');
  const job = useImportJob(importApi, lang);
  const [page, setPage] = useState<ImportFeaturePage | null>(null);
  const [excluded, setExcluded] = useState<ReadonlySet<number>>(new Set());
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const chosen = collection || editable.list[0]?.id || '';
  const preview =
    job.state.step === 'ready' || job.state.step === 'committed'
      ? (job.state.preview as FeaturePreview)
      : null;
  const label = collections.find((c) => c.id === (preview?.collection ?? chosen))?.label ?? 'name';

  // The rows with a location, for the map and the table (read again after every PATCH).
  const readyPreview = job.state.step === 'ready' ? job.state.preview : null;
  useEffect(() => {
    if (!readyPreview) return;
    const ctrl = new AbortController();
    importApi
      .features(readyPreview.id, ctrl.signal)
      .then((p) => {
        if (ctrl.signal.aborted) return;
        setPage(p);
        const box = mergeBboxes(p.features.map((f) => geometryBbox(f.geometry)));
        if (box) onFit(box);
      })
      .catch(() => undefined);
    return () => ctrl.abort();
  }, [importApi, readyPreview, onFit]);
  useEffect(() => {
    onPreview(
      job.state.step === 'ready' && page
        ? page.features.map((f) => ({
            geometry: f.geometry,
            row: f.import.row,
            valid: f.import.valid,
            approximate: f.import.approximate !== null,
          }))
        : null,
    );
  }, [job.state.step, page, onPreview]);
  useEffect(() => () => onPreview(null), [onPreview]);

  const rowNames = useMemo(() => {
    const m = new Map<number, string>();
    for (const f of page?.features ?? []) {
      const v = f.properties[label];
      m.set(f.import.row, typeof v === 'string' ? v : '');
    }
    return m;
  }, [page, label]);

  const start = (file: File, mediaType: string) => {
    setPage(null);
    setExcluded(new Set());
    setPolicy('skip');
    void job.upload({ collection: chosen }, file, mediaType);
  };
  const reset = () => {
    setPage(null);
    job.reset();
  };
  const s = preview?.summary;
  const toWrite = s ? s.valid - [...excluded].length - (policy === 'skip' ? s.duplicates : 0) : 0;

  return (
    <div className="import-flow" data-testid="import-features">
      {job.state.step === 'idle' && (
        <>
          <label className="import-field">
            {t('features.layer')}
            <select
              value={chosen}
              data-testid="import-collection"
              disabled={editable.list.length === 0}
              onChange={(e) => setCollection(e.target.value)}
            >
              {editable.list.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          {editable.status === 'ready' && editable.list.length === 0 ? (
            <p>{t('features.noLayer')}</p>
          ) : (
            <FileDrop extensions={FEATURE_EXTENSIONS} disabled={!chosen} testId="import" onFile={start} />
          )}
        </>
      )}
      {(job.state.step === 'uploading' || job.state.step === 'parsing') && (
        <ImportProgress preview={job.state.step === 'parsing' ? job.state.preview : null} />
      )}
      {job.state.step === 'failed' && (
        <p className="import-error" role="alert" data-testid="import-failed">
          {job.state.preview.problem?.detail ?? t('error.generic', { status: 0, detail: '' })}
        </p>
      )}
      {job.error !== null && (
        <p className="import-error" role="alert" data-testid="import-error">
          {importErrorText(job.error, t)}
        </p>
      )}
      {preview && job.state.step === 'ready' && (
        <>
          <PreviewSummary preview={preview} />
          <EncodingQuestion
            preview={preview}
            samples={[...rowNames.values()].filter(Boolean).slice(0, 3)}
            busy={job.busy}
            onChoose={(encoding) => void job.patch({ encoding })}
          />
          <details className="import-section" open={preview.unfilled.length > 0 || undefined}>
            <summary>{t('mapping.title')}</summary>
            <MappingEditor
              preview={preview}
              busy={job.busy}
              onMapping={(mapping) => void job.patch({ mapping })}
              onDefaults={(defaults) => void job.patch({ defaults })}
            />
          </details>
          <ProblemsTable problems={preview.problems.items} total={preview.problems.numberMatched} />
          <DuplicatesPanel
            preview={preview}
            rowName={(row) => rowNames.get(row) ?? ''}
            policy={policy}
            onPolicy={setPolicy}
          />
          <MapLegend />
          <RowsTable
            rows={page?.features ?? []}
            total={page?.numberMatched ?? 0}
            rowName={(f) => rowNames.get(f.import.row) ?? ''}
            excluded={excluded}
            onExclude={(row, on) => {
              const next = new Set(excluded);
              if (on) next.add(row);
              else next.delete(row);
              setExcluded(next);
            }}
          />
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              data-testid="import-commit"
              disabled={job.busy || toWrite <= 0}
              onClick={() =>
                void job
                  .commit({ exclude: [...excluded], duplicates: policy })
                  .then((batch) => batch && onCommitted(preview.collection))
              }
            >
              {t('features.commit', { count: formatNumber(Math.max(toWrite, 0), lang) })}
            </button>
            <button type="button" data-testid="import-discard" onClick={reset}>
              {t('features.discard')}
            </button>
          </div>
        </>
      )}
      {job.state.step === 'committed' && (
        <div className="import-done" role="status" data-testid="import-done">
          <p>
            {t('features.committed', {
              batch: job.state.batch.id,
              created: formatNumber(job.state.batch.counts.created, lang),
              updated: formatNumber(job.state.batch.counts.updated, lang),
            })}
          </p>
          <button type="button" onClick={onShowHistory} data-testid="import-to-history">
            {t('history.title')}
          </button>
          <button type="button" onClick={reset} data-testid="import-again">
            {t('features.again')}
          </button>
        </div>
      )}
      {(job.state.step === 'failed' || (job.state.step === 'parsing' && job.error !== null)) && (
        <button type="button" onClick={reset} data-testid="import-again">
          {t('features.again')}
        </button>
      )}
    </div>
  );
}

/** What the preview layer's styles mean (the same colours as previewStyle.ts). */
function MapLegend() {
  const { t } = useImportText();
  return (
    <ul className="import-legend" data-testid="import-legend">
      <li>
        <span className="swatch valid" aria-hidden="true" />
        {t('legend.valid')}
      </li>
      <li>
        <span className="swatch approximate" aria-hidden="true" />
        {t('legend.approximate')}
      </li>
      <li>
        <span className="swatch invalid" aria-hidden="true" />
        {t('legend.invalid')}
      </li>
    </ul>
  );
}
