import { useI18n } from '../i18n/I18n';
import type { UnknownFilter } from '../lib/filters';
import type { BasemapId } from '../lib/urlState';

interface Props {
  /** The choropleth on the map shows illustrative values. */
  illustrative: boolean;
  /** Filters of the link that name nothing known, with the filter's label. */
  unknownFilters: (UnknownFilter & { title: string })[];
  onDropUnknown: () => void;
  basemapFailed: BasemapId | null;
}

/**
 * Notes over the map itself (not only in the side panel): illustrative values on the map, filters
 * of a link that name nothing known (ignored, not silently hiding everything), and an online
 * basemap that cannot be reached (the built-in one is shown instead).
 */
export function MapNotices({ illustrative, unknownFilters, onDropUnknown, basemapFailed }: Props) {
  const { t } = useI18n();
  if (!illustrative && unknownFilters.length === 0 && !basemapFailed) return null;
  return (
    <div className="map-notices">
      {illustrative && (
        <p className="map-notice map-notice-illustrative" role="note" data-testid="map-illustrative">
          {t('map.illustrative')}
        </p>
      )}
      {unknownFilters.length > 0 && (
        <div className="map-notice map-notice-warning" role="alert" data-testid="map-unknown-filter">
          {unknownFilters.map((u) => (
            <p key={u.key}>{t('filters.unknown', { what: u.title, value: u.value })}</p>
          ))}
          <button type="button" onClick={onDropUnknown} data-testid="map-unknown-filter-drop">
            {t('filters.dropUnknown')}
          </button>
        </div>
      )}
      {basemapFailed && (
        <p className="map-notice map-notice-warning" role="alert" data-testid="map-basemap-offline">
          {t('basemap.unreachable', { name: t(`basemap.${basemapFailed}`) })}
        </p>
      )}
    </div>
  );
}
