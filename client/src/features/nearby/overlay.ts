/**
 * A tool's own drawing on the map (radius search, measure): one GeoJSON source and its layers,
 * added beside the app's style through MapView's `onMapReady` seam (like the editor's terra-draw;
 * MapView keeps such foreign layers over every restyle). Ids start with the tool's prefix.
 */
import type { FeatureCollection } from 'geojson';
import type {
  CircleLayerSpecification,
  FillLayerSpecification,
  GeoJSONSource,
  LineLayerSpecification,
  Map as MapLibreMap,
} from 'maplibre-gl';

type WithoutSource<T> = T extends unknown ? Omit<T, 'source'> : never;
type OverlayLayer = WithoutSource<FillLayerSpecification | LineLayerSpecification | CircleLayerSpecification>;

export function showOverlay(
  map: MapLibreMap,
  prefix: string,
  data: FeatureCollection,
  layers: OverlayLayer[],
): void {
  const sourceId = `${prefix}-source`;
  const source = map.getSource<GeoJSONSource>(sourceId);
  if (source) source.setData(data);
  else map.addSource(sourceId, { type: 'geojson', data });
  for (const layer of layers) {
    if (!map.getLayer(layer.id))
      map.addLayer({ ...layer, source: sourceId } as
        | FillLayerSpecification
        | LineLayerSpecification
        | CircleLayerSpecification);
  }
}

export function removeOverlay(map: MapLibreMap, prefix: string, layerIds: string[]): void {
  for (const id of layerIds) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(`${prefix}-source`)) map.removeSource(`${prefix}-source`);
}
