import { useState } from 'react';
import { formatNumber } from '../../lib/format';
import { FileDrop } from './FileDrop';
import { ImportProgress } from './ImportProgress';
import { useImportText } from './i18n/useImportText';
import type { ImportApi, IndicatorPreview } from './importApi';
import { importErrorText } from './importError';
import { INDICATOR_EXTENSIONS } from './mediaType';
import { ProblemsTable } from './ProblemsTable';
import { useImportJob } from './useImportJob';

type Confidence = 'official' | 'reported' | 'approximate';
type StoredConfidence = Confidence | 'illustrative';
const CONFIDENCES: readonly Confidence[] = ['official', 'reported', 'approximate'];

interface Props {
  importApi: ImportApi;
  indicatorTitle: (id: string) => string;
  /** The indicator's unit in the UI language (the file's unit must be it). */
  indicatorUnit: (id: string, fallback: string) => string;
  districtName: (code: string) => string | undefined;
  /** Indicator values were written. */
  onCommitted: () => void;
}

/**
 * Admin: district figures from a long-format CSV/XLSX. The preview lists each value against the
 * stored one and the province-total warnings; a commit needs a source, a confidence and, while
 * there are warnings, an explicit "accept".
 */
export function IndicatorImport({
  importApi,
  indicatorTitle,
  indicatorUnit,
  districtName,
  onCommitted,
}: Props) {
  const { t, lang } = useImportText();
  const job = useImportJob(importApi, lang);
  const [source, setSource] = useState('');
  const [confidence, setConfidence] = useState<Confidence | ''>('');
  const [accepted, setAccepted] = useState(false);
  const preview = job.state.step === 'ready' ? (job.state.preview as IndicatorPreview) : null;
  const warnings = preview?.warnings ?? [];
  const canCommit =
    preview !== null && source.trim() !== '' && confidence !== '' && (warnings.length === 0 || accepted);
  const reset = () => {
    setAccepted(false);
    job.reset();
  };

  return (
    <div className="import-flow" data-testid="import-indicators">
      {job.state.step === 'idle' && (
        <>
          <p className="import-hint">{t('indicators.format')}</p>
          <FileDrop
            extensions={INDICATOR_EXTENSIONS}
            testId="indicator-import"
            onFile={(file, type) => void job.upload('indicators', file, type)}
          />
        </>
      )}
      {(job.state.step === 'uploading' || job.state.step === 'parsing') && (
        <ImportProgress preview={job.state.step === 'parsing' ? job.state.preview : null} />
      )}
      {job.state.step === 'failed' && (
        <p className="import-error" role="alert">
          {job.state.preview.problem?.detail}
        </p>
      )}
      {job.error !== null && (
        <p className="import-error" role="alert" data-testid="indicator-import-error">
          {importErrorText(job.error, t)}
        </p>
      )}
      {preview?.summary && (
        <>
          <p data-testid="indicator-import-summary">
            {t('indicators.summary', {
              rows: formatNumber(preview.summary.rowsRead, lang),
              valid: formatNumber(preview.summary.valid, lang),
              invalid: formatNumber(preview.summary.invalid, lang),
              new: formatNumber(preview.summary.new, lang),
              changed: formatNumber(preview.summary.changed, lang),
              unchanged: formatNumber(preview.summary.unchanged, lang),
            })}
          </p>
          <ProblemsTable problems={preview.problems.items} total={preview.problems.numberMatched} />
          <div className="import-table-wrap">
            <table data-testid="indicator-changes">
              <thead>
                <tr>
                  <th scope="col">{t('indicators.district')}</th>
                  <th scope="col">{t('indicators.indicator')}</th>
                  <th scope="col">{t('indicators.value')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.items.map((c) => (
                  <tr key={c.row} data-testid="indicator-change" data-change={c.change}>
                    <td>{districtName(c.districtCode) ?? c.districtCode}</td>
                    <td>{`${indicatorTitle(c.indicator)} (${c.year})`}</td>
                    <td>
                      <span className="import-match">
                        {`${t('indicators.now')}: ${
                          c.current
                            ? `${formatNumber(c.current.value, lang)} ${indicatorUnit(c.indicator, c.current.unit)} (${t(`confidence.${c.current.status as StoredConfidence}`)})`
                            : '—'
                        }`}
                      </span>
                      <span className="import-match">
                        {`${t('indicators.new')}: ${formatNumber(c.value, lang)} ${indicatorUnit(c.indicator, c.unit)} · ${t(`change.${c.change}`)}`}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {warnings.length > 0 && (
            <div className="import-warnings" role="alert" data-testid="indicator-warnings">
              <p>{t('indicators.warnings')}</p>
              <ul>
                {warnings.map((w) => (
                  <li key={`${w.code}:${w.message}`} data-testid="indicator-warning">
                    {w.message}
                  </li>
                ))}
              </ul>
              <label>
                <input
                  type="checkbox"
                  checked={accepted}
                  data-testid="indicator-accept"
                  onChange={(e) => setAccepted(e.target.checked)}
                />
                {t('indicators.accept')}
              </label>
            </div>
          )}
          <label className="import-field">
            {t('indicators.source')}
            <input
              value={source}
              required
              maxLength={500}
              data-testid="indicator-source"
              onChange={(e) => setSource(e.target.value)}
            />
          </label>
          <label className="import-field">
            {t('indicators.confidence')}
            <select
              value={confidence}
              required
              data-testid="indicator-confidence"
              onChange={(e) => setConfidence(e.target.value as Confidence | '')}
            >
              <option value="">{t('indicators.chooseConfidence')}</option>
              {CONFIDENCES.map((c) => (
                <option key={c} value={c}>
                  {t(`confidence.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="import-actions">
            <button
              type="button"
              className="primary"
              data-testid="indicator-commit"
              disabled={!canCommit || job.busy}
              onClick={() =>
                void job
                  .commit({
                    source: source.trim(),
                    confidence: confidence as Confidence,
                    ...(warnings.length > 0 ? { acceptWarnings: accepted } : {}),
                  })
                  .then((b) => b && onCommitted())
              }
            >
              {t('indicators.commit')}
            </button>
            <button type="button" onClick={reset}>
              {t('features.discard')}
            </button>
          </div>
        </>
      )}
      {job.state.step === 'committed' && (
        <div className="import-done" role="status" data-testid="indicator-import-done">
          <p>
            {t('indicators.committed', {
              batch: job.state.batch.id,
              count: formatNumber(job.state.batch.counts.indicators, lang),
            })}
          </p>
          <button type="button" onClick={reset}>
            {t('features.again')}
          </button>
        </div>
      )}
    </div>
  );
}
