import type { IndicatorValuesResponse } from '../../../../server/src/contract/api';
import { useI18n } from '../../i18n/I18n';
import type { Change } from './chartData';
import { districtOrder } from './chartData';

interface Props {
  series: IndicatorValuesResponse[];
  /** The change rows when the change view is on. */
  changes: Change[] | undefined;
  unit: string;
  name: (code: string) => string;
  onDistrict: (code: string) => void;
}

/** The chart's figures as a table (the text alternative for screen readers, and for copying). */
export function ChartTable({ series, changes, unit, name, onDistrict }: Props) {
  const { t, n } = useI18n();
  const mark = (illustrative: boolean) => (illustrative ? ` (${t('indicators.illustrativeTag')})` : '');
  const district = (code: string) => (
    <button type="button" className="link" onClick={() => onDistrict(code)}>
      {name(code)}
    </button>
  );
  return (
    <details className="chart-table" data-testid="chart-table" open>
      <summary>{t('charts.table')}</summary>
      {changes ? (
        <table className="ranking">
          <thead>
            <tr>
              <th scope="col">{t('indicators.district')}</th>
              <th scope="col" className="num">
                {series[0]?.year}
              </th>
              <th scope="col" className="num">
                {series.at(-1)?.year}
              </th>
              <th scope="col" className="num">
                {t('charts.abs')}
              </th>
              <th scope="col" className="num">
                %
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.code} data-code={c.code}>
                <th scope="row">{district(c.code)}</th>
                <td className="num">{n(c.from)}</td>
                <td className="num">{n(c.to)}</td>
                <td className="num">{n(c.abs)}</td>
                <td className="num">
                  {c.pct === null ? t('charts.noPct') : `${n(Math.round(c.pct * 10) / 10)}%`}
                  {mark(c.illustrative)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <table className="ranking">
          <thead>
            <tr>
              <th scope="col">{t('indicators.district')}</th>
              {series.map((s) => (
                <th key={s.year ?? 'now'} scope="col" className="num">
                  {s.year ?? t('profile.now')} ({unit})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {districtOrder(series).map((code) => (
              <tr key={code} data-code={code}>
                <th scope="row">{district(code)}</th>
                {series.map((s) => {
                  const v = s.values.find((x) => x.district_code === code);
                  return (
                    <td key={s.year ?? 'now'} className="num">
                      {v?.value === null || v === undefined ? t('legend.noData') : n(v.value)}
                      {mark(v?.status === 'illustrative')}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
