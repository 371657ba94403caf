import { circle } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import type { NearbyResponse } from '../../../../server/src/contract/api';
import type { ApiError } from '../../api/ApiError';
import type { ApiClient } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import type { FeatureRef } from '../../lib/urlState';
import { distanceText } from '../site-card/distanceText';
import { useInvestorText } from '../site-card/i18n/text';
import { removeOverlay, showOverlay } from './overlay';

export type NearbyFrom =
  | { kind: 'landmark'; id: number }
  | { kind: 'point'; lon: number; lat: number; name?: string };

interface Props {
  api: ApiClient;
  map: MapLibreMap | null;
  landmarks: { id: number; name: string }[];
  /** What one feature of a collection is called (item title), by collection id. */
  kindOf: (collection: string) => string;
  from: NearbyFrom | undefined;
  onFrom: (from: NearbyFrom) => void;
  /** Pick mode: the next map click sets the point. */
  picking: boolean;
  onPicking: (on: boolean) => void;
  onChoose: (ref: FeatureRef) => void;
}

export const RADII = [5, 10, 20, 50, 100];
const PREFIX = 'nearby';
const LAYERS = ['nearby-radius-fill', 'nearby-radius-line', 'nearby-hits'];

function overlay(result: NearbyResponse): FeatureCollection {
  const [lon, lat] = result.center.coordinates as [number, number];
  const ring = circle([lon, lat], result.radiusKm, { steps: 96, units: 'kilometers' }) as Feature;
  const hits: Feature[] = result.results.map((r) => ({
    type: 'Feature',
    properties: { kind: 'hit' },
    geometry: { type: 'Point', coordinates: r.coordinates },
  }));
  const centre: Feature = {
    type: 'Feature',
    properties: { kind: 'centre' },
    geometry: { type: 'Point', coordinates: [lon, lat] },
  };
  return {
    type: 'FeatureCollection',
    features: [{ ...ring, properties: { kind: 'radius' } }, centre, ...hits],
  };
}

/** "What is within N km of this landmark / point": the API's answer listed and drawn (issue 15). */
export default function NearbyPanel(props: Props) {
  const { api, map, landmarks, from, picking } = props;
  const { lang, n } = useI18n();
  const { t } = useInvestorText();
  const [radius, setRadius] = useState(20);
  const [result, setResult] = useState<NearbyResponse | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!from) return;
    const ctl = new AbortController();
    setError(null);
    api
      .nearby(
        from.kind === 'landmark' ? { landmark: from.id } : { lon: from.lon, lat: from.lat },
        radius,
        ctl.signal,
      )
      .then(setResult)
      .catch((e: ApiError) => {
        if (!ctl.signal.aborted) setError(e.detail || e.message);
      });
    return () => ctl.abort();
  }, [api, from, radius]);

  useEffect(() => {
    if (!map || !result) return;
    showOverlay(map, PREFIX, overlay(result), [
      {
        id: LAYERS[0]!,
        type: 'fill',
        filter: ['==', ['get', 'kind'], 'radius'],
        paint: { 'fill-color': '#0969da', 'fill-opacity': 0.06 },
      },
      {
        id: LAYERS[1]!,
        type: 'line',
        filter: ['==', ['get', 'kind'], 'radius'],
        paint: { 'line-color': '#0969da', 'line-width': 2, 'line-dasharray': [2, 2] },
      },
      {
        id: LAYERS[2]!,
        type: 'circle',
        filter: ['!=', ['get', 'kind'], 'radius'],
        paint: {
          'circle-radius': ['match', ['get', 'kind'], 'centre', 6, 9],
          'circle-color': ['match', ['get', 'kind'], 'centre', '#0969da', 'rgba(0,0,0,0)'],
          'circle-stroke-color': '#0969da',
          'circle-stroke-width': 2,
        },
      },
    ]);
  }, [map, result]);
  useEffect(() => () => void (map && removeOverlay(map, PREFIX, LAYERS)), [map]);

  const mode = from?.kind ?? 'landmark';
  return (
    <section data-testid="nearby-panel" aria-labelledby="nearby-title">
      <h2 id="nearby-title">{t('nearby.title')}</h2>
      <fieldset className="nearby-from">
        <legend>{t('nearby.from')}</legend>
        <label>
          {t('nearby.landmark')}{' '}
          <select
            data-testid="nearby-landmark"
            value={from?.kind === 'landmark' ? String(from.id) : ''}
            onChange={(e) => e.target.value && props.onFrom({ kind: 'landmark', id: Number(e.target.value) })}
          >
            <option value="">—</option>
            {landmarks.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="nearby-pick"
          aria-pressed={picking}
          onClick={() => props.onPicking(!picking)}
        >
          {t('nearby.pick')}
        </button>
        {picking && <p role="status">{t('nearby.picking')}</p>}
        {mode === 'point' && from?.kind === 'point' && (
          <p data-testid="nearby-point">
            {from.name
              ? t('nearby.fromSite', { name: from.name })
              : t('nearby.point', { lat: n(from.lat, 4), lon: n(from.lon, 4) })}
          </p>
        )}
      </fieldset>
      <label>
        {t('nearby.radius')}{' '}
        <select
          data-testid="nearby-radius"
          value={radius}
          onChange={(e) => setRadius(Number(e.target.value))}
        >
          {RADII.map((r) => (
            <option key={r} value={r}>
              {n(r)} km
            </option>
          ))}
        </select>
      </label>
      {error && <p role="alert">{t('nearby.failed', { detail: error })}</p>}
      {result && from && (
        <>
          <p role="status" data-testid="nearby-summary">
            {result.numberReturned
              ? t('nearby.results', { count: n(result.numberReturned), km: n(result.radiusKm) })
              : t('nearby.none', { km: n(result.radiusKm) })}
          </p>
          {!result.complete && <p>{t('nearby.incomplete', { km: n(result.searchedKm, 1) })}</p>}
          <p className="site-note">{t('card.straightLine')}</p>
          <ol className="nearby-results" data-testid="nearby-results">
            {result.results.map((r) => (
              <li key={`${r.feature.collection}/${r.feature.id}`} data-testid="nearby-result">
                <button
                  type="button"
                  onClick={() => props.onChoose({ collection: r.feature.collection, id: r.feature.id })}
                >
                  <span className="nearby-name">
                    {lang === 'en' ? (r.feature.nameEn ?? r.feature.name) : r.feature.name}
                  </span>
                  <span className="nearby-kind">{props.kindOf(r.feature.collection)}</span>
                  <span className="nearby-km" data-testid="nearby-km">
                    {distanceText(r, lang)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
