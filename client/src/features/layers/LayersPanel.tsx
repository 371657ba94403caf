import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { BasemapId, LayerId } from '../../lib/urlState';
import { LAYER_IDS } from '../../lib/urlState';
import { LANDMARK_COLOR } from '../../map/style';
import { BasemapSwitch } from './BasemapSwitch';
import { type CategoryEntry, CategoryLegend, Swatch } from './Legend';

interface Props {
  visible: ReadonlySet<LayerId>;
  onToggle: (layer: LayerId) => void;
  choroplethLegend: ReactNode;
  statusEntries: CategoryEntry[];
  craftEntries: CategoryEntry[];
  basemap: BasemapId;
  customAvailable: boolean;
  onBasemap: (id: BasemapId) => void;
}

/** A toggle per layer with its legend entry beneath; the basemap switch. */
export function LayersPanel(p: Props) {
  const { t } = useI18n();
  const legendOf: Record<LayerId, ReactNode> = {
    choropleth: p.choroplethLegend,
    districts: null,
    clusters: <CategoryLegend entries={p.statusEntries} testId="legend-status" />,
    villages: <CategoryLegend entries={p.craftEntries} testId="legend-crafts" />,
    facilities: (
      <ul className="legend">
        <li>
          <Swatch color="#7a2a5c" shape="dot" />
          {t('legend.clusterCount')}
        </li>
      </ul>
    ),
    landmarks: (
      <ul className="legend">
        <li>
          <Swatch color={LANDMARK_COLOR} shape="dot" />
          {t('layer.landmarks')}
        </li>
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
        <Swatch color="#555555" shape="halo" />
        {t('legend.approximate')}
      </p>
      <BasemapSwitch value={p.basemap} customAvailable={p.customAvailable} onChange={p.onBasemap} />
    </section>
  );
}
