import type { CSSProperties } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { Choropleth } from '../../lib/choropleth';
import { formatRange } from '../../lib/format';
import { NO_DATA_COLOR } from '../../lib/palette';

export interface CategoryEntry {
  value: string;
  label: string;
  color: string;
}

export function Swatch({
  color,
  shape = 'square',
}: {
  color: string;
  shape?: 'square' | 'dot' | 'ring' | 'halo';
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

/** Class ranges with units, a "no data" swatch, and a plain warning when values are illustrative. */
export function ChoroplethLegend({ title, unit, year, choropleth, illustrative }: ChoroplethLegendProps) {
  const { t, lang } = useI18n();
  if (!choropleth) return null;
  const digits = choropleth.classes.some((c) => c.to - c.from < 10) ? 1 : 0;
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
            {formatRange(c.from, c.to, lang, digits)}
          </li>
        ))}
        {choropleth.hasNoData && (
          <li data-testid="legend-nodata">
            <Swatch color={NO_DATA_COLOR} />
            {t('legend.noData')}
          </li>
        )}
      </ul>
      <p className="note">{t(`legend.method.${choropleth.method}`, { count: choropleth.classes.length })}</p>
      {illustrative && (
        <p className="warning" data-testid="legend-illustrative" role="note">
          {t('legend.illustrative')}
        </p>
      )}
    </div>
  );
}

export function CategoryLegend({ entries, testId }: { entries: CategoryEntry[]; testId: string }) {
  return (
    <ul className="legend" data-testid={testId}>
      {entries.map((e) => (
        <li key={e.value}>
          <Swatch color={e.color} shape="dot" />
          {e.label}
        </li>
      ))}
    </ul>
  );
}
