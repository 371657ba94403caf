import type { StyleSpecification } from 'maplibre-gl';

/**
 * Merges into `next` (our new style) the sources and layers that someone else added to the live
 * map (`live`), e.g. the staff editor's drawing layers, so that our diffed `setStyle` does not
 * remove them. "Ours" = everything in `ownPrevious` (the style we last applied). Foreign layers
 * keep their order and stay on top of ours. Pure.
 */
export function keepForeign(
  live: StyleSpecification | undefined,
  next: StyleSpecification,
  ownPrevious: StyleSpecification | null,
): StyleSpecification {
  if (!live) return next;
  const ownSources = new Set(Object.keys(ownPrevious?.sources ?? {}));
  const ownLayers = new Set((ownPrevious?.layers ?? []).map((l) => l.id));
  const nextLayers = new Set(next.layers.map((l) => l.id));
  const foreignSources = Object.entries(live.sources).filter(
    ([id]) => !ownSources.has(id) && !(id in next.sources),
  );
  const foreignLayers = live.layers.filter((l) => !ownLayers.has(l.id) && !nextLayers.has(l.id));
  if (foreignSources.length === 0 && foreignLayers.length === 0) return next;
  return {
    ...next,
    sources: { ...next.sources, ...Object.fromEntries(foreignSources) },
    layers: [...next.layers, ...foreignLayers],
  };
}
