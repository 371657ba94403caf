import type { CSSProperties } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { Choropleth } from '../../lib/choropleth';
import { formatNumber, formatRange } from '../../lib/format';
import { NO_DATA_COLOR } from '../../lib/palette';
import { parseSymbolId, symbolDataUrl } from '../../map/layers/symbols';

export interface CategoryEntry {
  value: string;
  label: string;
  color: string;
  /** The map symbol's image id (map/layers/symbols), drawn as the swatch when set. */
  icon?: string;
}

/** The very symbol the map draws (same canvas drawing, as a data: URL: no request). */
export function SymbolSwatch({ id }: { id: string }) {
  const size = parseSymbolId(id)?.size ?? 14;
  const src = symbolDataUrl(id);
  if (!src) return <span className="swatch" aria-hidden="true" />;
  return <img className="symbol-swatch" src={src} alt="" width={size} height={size} aria-hidden="true" />;
}

export function Swatch({
  color,
  shape = 'square',
}: {
  color: string;
  shape?: 'square' | 'dot' | 'ring' | 'halo' | 'line' | 'border';
}) {
  return (
    <span className={`swatch swatch-${shape}`} style={{ '--c': color } as CSSProperties} aria-hidden="true" />
  );
}

interface ChoroplethLegendProps {
  title: string;
  unit: string;
  year: number | null;
  choropleth: Choropleth | undefined;
  illustrative: boolean;
}

/**
 * Class ranges with units (each the smallest to the largest value of its districts, so they never
 * overlap), a "no data" swatch, "all districts have the same value" instead of a single class, and
 * a plain warning when values are illustrative.
 */
export function ChoroplethLegend({ title, unit, year, choropleth, illustrative }: ChoroplethLegendProps) {
  const { t, lang, n } = useI18n();
  if (!choropleth) return null;
  const whole = choropleth.classes.every((c) => Number.isInteger(c.from) && Number.isInteger(c.to));
  const digits = whole ? 0 : 1;
  const range = (from: number, to: number): string =>
    from === to ? formatNumber(from, lang, digits) : formatRange(from, to, lang, digits);
  return (
    <div className="legend" data-testid="legend-choropleth">
      <p className="legend-title">
        {title}
        {year !== null ? ` (${year})` : ''}
        {unit ? ` — ${unit}` : ''}
      </p>
      <ul>
        {choropleth.classes.map((c) => (
          <li key={`${c.from}-${c.to}`} data-testid="legend-class">
            <Swatch color={c.color} />
            {range(c.from, c.to)}
          </li>
        ))}
        {choropleth.hasNoData && (
          <li data-testid="legend-nodata">
            <Swatch color={NO_DATA_COLOR} />
            {t('legend.noData')}
          </li>
        )}
      </ul>
      <p className="note" data-testid="legend-method">
        {choropleth.allEqual !== undefined
          ? t('legend.allEqual', { value: n(choropleth.allEqual) })
          : t(`legend.method.${choropleth.method}`, { count: choropleth.classes.length })}
      </p>
      {illustrative && (
        <p className="warning" data-testid="legend-illustrative" role="note">
          {t('legend.illustrative')}
        </p>
      )}
    </div>
  );
}

export function CategoryLegend({ entries, testId }: { entries: CategoryEntry[]; testId: string }) {
  const { t } = useI18n();
  return (
    <ul className="legend" data-testid={testId}>
      {entries.length === 0 && <li className="muted">{t('legend.noneShown')}</li>}
      {entries.map((e) => (
        <li key={e.value}>
          {e.icon ? <SymbolSwatch id={e.icon} /> : <Swatch color={e.color} shape="dot" />}
          {e.label}
        </li>
      ))}
    </ul>
  );
}
