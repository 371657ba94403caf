import type { IndicatorMeta, IndicatorValuesResponse } from '../../../../server/src/contract/api';
import { useI18n } from '../../i18n/I18n';
import type { ClassMethod } from '../../lib/classify';
import { INDICATOR_EXPORT_FORMATS, indicatorExportUrls } from '../../lib/exportUrls';
import { IndicatorSelect } from './IndicatorSelect';

interface Props {
  indicators: IndicatorMeta[];
  meta: IndicatorMeta | undefined;
  year: number | undefined;
  values: IndicatorValuesResponse | undefined;
  method: ClassMethod;
  onIndicator: (id: string) => void;
  onYear: (year: number) => void;
  onMethod: (method: ClassMethod) => void;
  onDistrict: (code: string) => void;
  /** Opens the district's profile (a button in each ranking row) when given. */
  onProfile?: (code: string) => void;
  /** The district's name in the UI language (the API's `district_name` is Vietnamese). */
  districtName: (code: string) => string | undefined;
  /** The API's base path, for the table's downloads (`f=csv|xlsx`); none when not given. */
  apiBase?: string;
}

/** Choose indicator, year and classification; the nine districts ranked by the value. */
export function IndicatorPanel(p: Props) {
  const { t, lang, n } = useI18n();
  const unit = p.values?.unit[lang] ?? p.meta?.unit[lang] ?? '';
  const ranked = [...(p.values?.values ?? [])].sort(
    (a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity),
  );
  return (
    <section aria-labelledby="ind-title" data-testid="indicator-panel">
      <h2 id="ind-title">{t('indicators.title')}</h2>
      <IndicatorSelect
        indicators={p.indicators}
        value={p.meta?.id}
        onChange={p.onIndicator}
        testId="indicator-select"
      />
      {p.meta && p.meta.years.length > 0 && (
        <label className="field">
          <span>{t('indicators.year')}</span>
          <select
            data-testid="year-select"
            value={p.year ?? ''}
            onChange={(e) => p.onYear(Number(e.target.value))}
          >
            {p.meta.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      )}
      {p.meta?.computed && <p className="note">{t('indicators.computed')}</p>}
      {p.meta?.statuses.includes('illustrative') && (
        <p className="warning" data-testid="indicator-illustrative">
          {t('legend.illustrative')}
        </p>
      )}
      {p.meta?.description && <p className="note">{p.meta.description[lang]}</p>}
      <fieldset className="field">
        <legend>{t('indicators.method')}</legend>
        {(['quantile', 'jenks'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="class-method" checked={p.method === m} onChange={() => p.onMethod(m)} />
            {t(`indicators.method.${m}`)}
          </label>
        ))}
      </fieldset>
      {p.values?.province && (
        <p data-testid="province-total">
          {t('indicators.province', { value: `${n(p.values.province.value)} ${unit}` })} ·{' '}
          {t(`confidence.${p.values.province.status}`)}
        </p>
      )}
      <h3>{t('indicators.ranking')}</h3>
      <table className="ranking" data-testid="district-ranking">
        <thead>
          <tr>
            <th scope="col">{t('indicators.district')}</th>
            <th scope="col" className="num">
              {t('indicators.value')} ({unit})
            </th>
            {p.onProfile && (
              <th scope="col">
                <span className="visually-hidden">{t('profile.open')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {ranked.map((v) => (
            <tr key={v.district_code}>
              <td>
                <button type="button" className="link" onClick={() => p.onDistrict(v.district_code)}>
                  {p.districtName(v.district_code) ?? v.district_name}
                </button>
              </td>
              <td className="num">
                {v.value === null ? t('legend.noData') : n(v.value)}
                {v.status === 'illustrative' ? ' *' : ''}
              </td>
              {p.onProfile && (
                <td>
                  <button
                    type="button"
                    className="link profile-link"
                    data-testid="ranking-profile"
                    aria-label={`${t('profile.open')}: ${p.districtName(v.district_code) ?? v.district_name}`}
                    onClick={() => p.onProfile?.(v.district_code)}
                  >
                    {t('profile.open')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {ranked.some((v) => v.status === 'illustrative') && (
        <p className="note">* {t('legend.illustrative')}</p>
      )}
      {p.apiBase !== undefined && p.meta && (
        <p className="table-downloads" data-testid="indicator-downloads">
          {t('download.label')}{' '}
          {INDICATOR_EXPORT_FORMATS.map((f) => (
            <a
              key={f}
              href={indicatorExportUrls(p.apiBase ?? '', p.meta?.id ?? '', p.year)[f]}
              download
              data-testid={`indicator-download-${f}`}
            >
              {t(f === 'csv' ? 'download.csv' : 'download.xlsx')}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}
