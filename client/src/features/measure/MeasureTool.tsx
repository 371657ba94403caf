import type { Feature, FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { removeOverlay, showOverlay } from '../nearby/overlay';
import { useInvestorText } from '../site-card/i18n/text';
import { areaText, type LonLat, lengthText, measure } from './measureModel';
import './measure.css';

interface Props {
  map: MapLibreMap;
  /** While open, map clicks add points (the handler returns true: consumed). */
  onClickConsumer: (consumer: ((lonLat: LonLat) => boolean) | null) => void;
  onClose: () => void;
}

const PREFIX = 'measure';
const LAYERS = ['measure-fill', 'measure-line', 'measure-points'];
const PAN_PX = 80;

function drawing(points: LonLat[]): FeatureCollection {
  const features: Feature[] = points.map((p) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Point', coordinates: p },
  }));
  if (points.length >= 2)
    features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: points } });
  if (points.length >= 3)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...points, points[0]!]] },
    });
  return { type: 'FeatureCollection', features };
}

/**
 * Measure distance and area (issue 15), keyboard first: the map moves with the arrow keys, Enter
 * adds the point under the centre cross, Backspace removes the last, Esc closes; clicks add too.
 */
export default function MeasureTool({ map, onClickConsumer, onClose }: Props) {
  const { lang } = useI18n();
  const { t } = useInvestorText();
  const [points, setPoints] = useState<LonLat[]>([]);
  const addButton = useRef<HTMLButtonElement>(null);
  const add = (p: LonLat) => setPoints((ps) => [...ps, p]);

  useEffect(() => {
    onClickConsumer((p) => {
      setPoints((ps) => [...ps, p]);
      return true;
    });
    addButton.current?.focus();
    return () => onClickConsumer(null);
  }, [onClickConsumer]);

  useEffect(() => {
    showOverlay(map, PREFIX, drawing(points), [
      {
        id: LAYERS[0]!,
        type: 'fill',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#bf3989', 'fill-opacity': 0.12 },
      },
      {
        id: LAYERS[1]!,
        type: 'line',
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': '#bf3989', 'line-width': 2.5 },
      },
      {
        id: LAYERS[2]!,
        type: 'circle',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': 4,
          'circle-color': '#fff',
          'circle-stroke-color': '#bf3989',
          'circle-stroke-width': 2,
        },
      },
    ]);
  }, [map, points]);
  useEffect(() => () => removeOverlay(map, PREFIX, LAYERS), [map]);

  const addCentre = () => {
    const c = map.getCenter();
    add([c.lng, c.lat]);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [-PAN_PX, 0],
      ArrowRight: [PAN_PX, 0],
      ArrowUp: [0, -PAN_PX],
      ArrowDown: [0, PAN_PX],
    };
    if (pan[e.key]) map.panBy(pan[e.key]!, { duration: 0 });
    else if (e.key === 'Backspace') setPoints((ps) => ps.slice(0, -1));
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
  };
  const m = measure(points);
  return (
    <>
      <div className="measure-cross" aria-hidden="true" />
      <fieldset
        className="measure-panel"
        aria-labelledby="measure-title"
        aria-describedby="measure-help"
        data-testid="measure-panel"
        onKeyDown={onKeyDown}
      >
        <legend id="measure-title">{t('measure.title')}</legend>
        <p id="measure-help" className="site-note">
          {t('measure.help')}
        </p>
        <p aria-live="polite" data-testid="measure-result">
          <span data-testid="measure-count">{t('measure.points', { count: points.length })}</span>
          <br />
          <span data-testid="measure-length">{t('measure.distance', { value: lengthText(m.km, lang) })}</span>
          <br />
          <span data-testid="measure-area">
            {m.areaM2 === null
              ? t('measure.areaNeeds')
              : t('measure.area', { value: areaText(m.areaM2, lang) })}
          </span>
        </p>
        <div className="actions">
          <button ref={addButton} type="button" data-testid="measure-add" onClick={addCentre}>
            {t('measure.add')}
          </button>
          <button type="button" data-testid="measure-undo" onClick={() => setPoints((ps) => ps.slice(0, -1))}>
            {t('measure.undo')}
          </button>
          <button type="button" data-testid="measure-clear" onClick={() => setPoints([])}>
            {t('measure.clear')}
          </button>
          <button type="button" data-testid="measure-close" onClick={onClose}>
            {t('measure.close')}
          </button>
        </div>
      </fieldset>
    </>
  );
}
