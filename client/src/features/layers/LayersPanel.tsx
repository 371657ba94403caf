import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { BasemapId, LayerId } from '../../lib/urlState';
import { LAYER_IDS } from '../../lib/urlState';
import {
  BORDER_COLOR,
  FACILITY_COLOR,
  LANDMARK_COLOR,
  LANDMARK_COLORS,
  LANDMARK_SHAPES,
  POINT_PRESENTATION,
} from '../../map/layers/presentation';
import { symbolId } from '../../map/layers/symbols';
import { BasemapSwitch } from './BasemapSwitch';
import { type CategoryEntry, CategoryLegend, Swatch, SymbolSwatch } from './Legend';

/** What the legends list: only what the active filters leave on the map. */
export interface LayerLegend {
  status: CategoryEntry[];
  crafts: CategoryEntry[];
  /** Facilities shown (after filters). */
  facilities: number;
  /** Landmark kinds shown, with their titles. */
  landmarkKinds: { value: string; label: string }[];
}

interface Props {
  visible: ReadonlySet<LayerId>;
  onToggle: (layer: LayerId) => void;
  choroplethLegend: ReactNode;
  legend: LayerLegend;
  basemap: BasemapId;
  customAvailable: boolean;
  onBasemap: (id: BasemapId) => void;
}

/** A toggle per layer with its legend (the map's own symbols) beneath; the basemap switch. */
export function LayersPanel(p: Props) {
  const { t } = useI18n();
  const withIcons = (entries: CategoryEntry[], shape: 'square' | 'circle') =>
    entries.map((e) => ({ ...e, icon: symbolId(shape, e.color, false) }));
  const legendOf: Record<LayerId, ReactNode> = {
    choropleth: p.choroplethLegend,
    districts: (
      <ul className="legend" data-testid="legend-borders">
        <li>
          <Swatch color={BORDER_COLOR} shape="border" />
          {t('legend.internationalBorder')}
        </li>
        <li>
          <Swatch color="#4a4a4a" shape="line" />
          {t('legend.districtBorder')}
        </li>
      </ul>
    ),
    clusters: (
      <CategoryLegend
        entries={withIcons(p.legend.status, POINT_PRESENTATION['industrial-clusters'].shape)}
        testId="legend-status"
      />
    ),
    villages: (
      <CategoryLegend
        entries={withIcons(p.legend.crafts, POINT_PRESENTATION['craft-villages'].shape)}
        testId="legend-crafts"
      />
    ),
    facilities: (
      <ul className="legend" data-testid="legend-facilities">
        {p.legend.facilities === 0 && <li className="muted">{t('legend.noneShown')}</li>}
        {p.legend.facilities > 0 && (
          <>
            <li>
              <SymbolSwatch id={symbolId(POINT_PRESENTATION.facilities.shape, FACILITY_COLOR, false)} />
              {t('legend.singleFacility')}
            </li>
            <li>
              <Swatch color={FACILITY_COLOR} shape="dot" />
              {t('legend.clusterCount')}
            </li>
          </>
        )}
      </ul>
    ),
    landmarks: (
      <ul className="legend" data-testid="legend-landmarks">
        {p.legend.landmarkKinds.length === 0 && <li className="muted">{t('legend.noneShown')}</li>}
        {p.legend.landmarkKinds.map((k) => (
          <li key={k.value}>
            <SymbolSwatch
              id={symbolId(
                LANDMARK_SHAPES[k.value] ?? 'seat',
                LANDMARK_COLORS[k.value] ?? LANDMARK_COLOR,
                false,
              )}
            />
            {k.label}
          </li>
        ))}
      </ul>
    ),
  };
  return (
    <section aria-labelledby="layers-title" data-testid="layers-panel">
      <h2 id="layers-title">{t('layers.title')}</h2>
      <ul className="layer-list">
        {LAYER_IDS.map((id) => (
          <li key={id}>
            <label className="toggle">
              <input
                type="checkbox"
                data-testid={`layer-toggle-${id}`}
                checked={p.visible.has(id)}
                onChange={() => p.onToggle(id)}
              />
              {t(`layer.${id}`)}
            </label>
            {p.visible.has(id) && legendOf[id]}
          </li>
        ))}
      </ul>
      <p className="legend-approx">
        <SymbolSwatch id={symbolId('square', '#555555', true)} />
        {t('legend.approximate')}
      </p>
      <BasemapSwitch value={p.basemap} customAvailable={p.customAvailable} onChange={p.onBasemap} />
    </section>
  );
}
