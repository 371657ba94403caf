import type { ReactNode } from 'react';
import type { LocalizedText } from '../../../../server/src/contract/api';
import { useI18n } from '../../i18n/I18n';
import type { BasemapId } from '../../lib/urlState';
import { BORDER_COLOR } from '../../map/layers/context';
import { symbolId } from '../../map/layers/symbols';
import { BasemapSwitch } from './BasemapSwitch';
import { type CategoryEntry, CategoryLegend, Swatch, SymbolSwatch } from './Legend';

/**
 * What the legend under one layer toggle lists (the `legend` hint), always the map's own symbols
 * and only what the active filters leave on the map. Texts the catalog does not give (the
 * international border, a generic group) are the panel's own.
 */
export type LegendModel =
  | { kind: 'choropleth' }
  | { kind: 'categories'; entries: CategoryEntry[] }
  | {
      kind: 'swatch';
      /** Features shown after the filters. */
      shown: number;
      color: string;
      /** The map symbol's image id (points); areas show a colour swatch. */
      icon?: string;
      label: string;
      /** The count bubble of merged points (`cluster`), with the catalog's text if it gives one. */
      group?: { color: string; label?: string };
    }
  | {
      kind: 'lines';
      /** The international border of the country context (`context` hint). */
      context: boolean;
      line?: { color: string; label: string };
    }
  | { kind: 'none' };

/** A layer toggle of the catalog with its legend (what the filters leave on the map). */
export interface LayerRow {
  key: string;
  title: LocalizedText;
  legend: LegendModel;
}

interface Props {
  rows: LayerRow[];
  visible: ReadonlySet<string>;
  onToggle: (key: string) => void;
  choroplethLegend: ReactNode;
  /** Some layer draws approximate locations pale (the note under the list). */
  approximateNote: boolean;
  basemap: BasemapId;
  customAvailable: boolean;
  onBasemap: (id: BasemapId) => void;
}

function LegendOf({
  model,
  testId,
  choropleth,
}: {
  model: LegendModel;
  testId: string;
  choropleth: ReactNode;
}) {
  const { t } = useI18n();
  switch (model.kind) {
    case 'choropleth':
      return choropleth;
    case 'categories':
      return <CategoryLegend entries={model.entries} testId={testId} />;
    case 'swatch':
      return (
        <ul className="legend" data-testid={testId}>
          {model.shown === 0 && <li className="muted">{t('legend.noneShown')}</li>}
          {model.shown > 0 && (
            <>
              <li>
                {model.icon ? <SymbolSwatch id={model.icon} /> : <Swatch color={model.color} />}
                {model.label}
              </li>
              {model.group && (
                <li>
                  <Swatch color={model.group.color} shape="dot" />
                  {model.group.label ?? t('legend.clusterCount')}
                </li>
              )}
            </>
          )}
        </ul>
      );
    case 'lines':
      return (
        <ul className="legend" data-testid={testId}>
          {model.context && (
            <li>
              <Swatch color={BORDER_COLOR} shape="border" />
              {t('legend.internationalBorder')}
            </li>
          )}
          {model.line && (
            <li>
              <Swatch color={model.line.color} shape="line" />
              {model.line.label}
            </li>
          )}
        </ul>
      );
    case 'none':
      return null;
  }
}

/** A toggle per catalog layer with its legend (the map's own symbols) beneath; the basemap switch. */
export function LayersPanel(p: Props) {
  const { t, lang } = useI18n();
  return (
    <section aria-labelledby="layers-title" data-testid="layers-panel">
      <h2 id="layers-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {p.rows.map((row) => (
          <li key={row.key}>
            <label className="toggle">
              <input
                type="checkbox"
                data-testid={`layer-toggle-${row.key}`}
                checked={p.visible.has(row.key)}
                onChange={() => p.onToggle(row.key)}
              />
              {row.title[lang]}
            </label>
            {p.visible.has(row.key) && (
              <LegendOf model={row.legend} testId={`legend-${row.key}`} choropleth={p.choroplethLegend} />
            )}
          </li>
        ))}
      </ul>
      {p.approximateNote && (
        <p className="legend-approx">
          <SymbolSwatch id={symbolId('industry', '#555555', true)} />
          {t('legend.approximate')}
        </p>
      )}
      <BasemapSwitch value={p.basemap} customAvailable={p.customAvailable} onChange={p.onBasemap} />
    </section>
  );
}
