import type { Map as MapLibreMap } from 'maplibre-gl';
import { lazy, type ReactNode, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import type { Catalog, CatalogCollection } from '../../catalog/catalog';
import { featureLabel } from '../../lib/featureLabel';
import type { FeatureRef } from '../../lib/urlState';
import type { NearbyFrom } from '../nearby/NearbyPanel';
import { useInvestorText } from '../site-card/i18n/text';
import { SiteCard } from '../site-card/SiteCard';
import { siteCardKeys } from '../site-card/siteModel';
import { ShortlistPanel } from './ShortlistPanel';
import { takeCompareRequest, useShortlist } from './shortlistStore';

// Out of the first load: each is its own chunk, loaded on first use.
const NearbyPanel = lazy(() => import('../nearby/NearbyPanel'));
const MeasureTool = lazy(() => import('../measure/MeasureTool'));
const CompareDialog = lazy(() => import('./CompareDialog'));
const PrintView = lazy(() => import('./PrintView'));
const InquiryDialog = lazy(() => import('../inquiry/InquiryDialog'));
const InboxPanel = lazy(() => import('../inquiry/InboxPanel'));

export type InvestorTab = 'nearby' | 'shortlist' | 'inbox';

interface Options {
  api: ApiClient;
  catalog: Catalog;
  features: Readonly<Record<string, ApiFeature[]>>;
  map: MapLibreMap | null;
  /** The signed-in user, when an editor or admin (the inbox). */
  staffUser: string | null;
  chooseAndZoom: (ref: FeatureRef) => void;
  showTab: (tab: InvestorTab) => void;
}

type Dialog = { kind: 'compare' | 'print' | 'inquiry'; refs: FeatureRef[] } | null;

/**
 * The investor tools of the map screen (issue 15), in one place: the site card for the details
 * panel, the Nearby / Shortlist / Inquiries tabs, the measure tool over the map, and the lazy
 * dialogs (compare, print page, inquiry). MapScreen adds what this returns; map clicks go through
 * `onClickAt` first (a tool that takes them returns true).
 */
export function useInvestorTools(o: Options) {
  const { api, catalog, features, map } = o;
  const { t, lang } = useInvestorText();
  const shortlist = useShortlist();
  const [dialog, setDialog] = useState<Dialog>(() =>
    takeCompareRequest() && shortlist.items.length > 0 ? { kind: 'compare', refs: shortlist.items } : null,
  );
  const [nearbyFrom, setNearbyFrom] = useState<NearbyFrom | undefined>(undefined);
  const [picking, setPicking] = useState(false);
  const [measuring, setMeasuring] = useState(false);
  const measureClick = useRef<((p: [number, number]) => boolean) | null>(null);
  const setMeasureClick = useCallback((c: ((p: [number, number]) => boolean) | null) => {
    measureClick.current = c;
  }, []);

  const landmarkCollection = catalog.collections.find((c) => c.site)?.site?.landmarks;
  const landmarks = useMemo(
    () =>
      (landmarkCollection ? (features[landmarkCollection] ?? []) : []).map((f) => ({
        id: f.id,
        name: featureLabel(f, lang, catalog.get(landmarkCollection ?? '')?.label ?? 'name'),
      })),
    [features, landmarkCollection, catalog, lang],
  );
  const describe = (ref: FeatureRef) => {
    const c = catalog.get(ref.collection);
    const f = features[ref.collection]?.find((x) => x.id === ref.id);
    return c && f ? { name: featureLabel(f, lang, c.label), kind: c.itemTitle[lang] } : undefined;
  };

  const onClickAt = (p: [number, number]): boolean => {
    if (measureClick.current) return measureClick.current(p);
    if (picking) {
      setPicking(false);
      setNearbyFrom({ kind: 'point', lon: p[0], lat: p[1] });
      return true;
    }
    return false;
  };

  /** The site card under a selected feature's header, when its collection has a `site` hint. */
  const siteCard = (collection: CatalogCollection | undefined, feature: ApiFeature | undefined) => {
    const site = collection?.site;
    if (!collection || !site || !feature) return { card: null, omit: undefined };
    return {
      omit: siteCardKeys(collection.schema),
      card: (
        <SiteCard
          api={api}
          collection={{ ...collection, site }}
          feature={feature}
          onInquire={(refs) => setDialog({ kind: 'inquiry', refs })}
          onPrint={(refs) => setDialog({ kind: 'print', refs })}
          onNearby={(from) => {
            setNearbyFrom({ kind: 'point', ...from });
            o.showTab('nearby');
          }}
        />
      ),
    };
  };

  const panels: { id: InvestorTab; label: string; content: () => ReactNode }[] = [
    {
      id: 'nearby',
      label: t('tab.nearby'),
      content: () => (
        <Suspense fallback={null}>
          <NearbyPanel
            api={api}
            map={map}
            landmarks={landmarks}
            kindOf={(c) => catalog.get(c)?.itemTitle[lang] ?? c}
            from={nearbyFrom}
            onFrom={setNearbyFrom}
            picking={picking}
            onPicking={setPicking}
            onChoose={o.chooseAndZoom}
          />
        </Suspense>
      ),
    },
    {
      id: 'shortlist',
      label: shortlist.items.length
        ? t('tab.shortlistCount', { count: shortlist.items.length })
        : t('tab.shortlist'),
      content: () => (
        <ShortlistPanel
          describe={describe}
          onChoose={o.chooseAndZoom}
          onCompare={() => setDialog({ kind: 'compare', refs: shortlist.items })}
          onPrint={() => setDialog({ kind: 'print', refs: shortlist.items })}
          onInquire={() => setDialog({ kind: 'inquiry', refs: shortlist.items })}
        />
      ),
    },
    ...(o.staffUser
      ? [
          {
            id: 'inbox' as const,
            label: t('tab.inbox'),
            content: () => (
              <Suspense fallback={null}>
                <InboxPanel api={api} username={o.staffUser ?? ''} />
              </Suspense>
            ),
          },
        ]
      : []),
  ];

  const close = () => setDialog(null);
  const overlay = (
    <Suspense fallback={null}>
      {map && !measuring && (
        <button
          type="button"
          className="measure-open"
          data-testid="measure-open"
          onClick={() => setMeasuring(true)}
        >
          {t('measure.open')}
        </button>
      )}
      {map && measuring && (
        <MeasureTool map={map} onClickConsumer={setMeasureClick} onClose={() => setMeasuring(false)} />
      )}
      {dialog?.kind === 'compare' && (
        <CompareDialog api={api} catalog={catalog} refs={dialog.refs} onClose={close} />
      )}
      {dialog?.kind === 'print' && (
        <PrintView api={api} catalog={catalog} map={map} refs={dialog.refs} onClose={close} />
      )}
      {dialog?.kind === 'inquiry' && (
        <InquiryDialog
          api={api}
          sites={dialog.refs.map((ref) => ({
            ref,
            name: describe(ref)?.name ?? `${ref.collection}/${ref.id}`,
          }))}
          onClose={close}
        />
      )}
    </Suspense>
  );
  return { panels, siteCard, overlay, onClickAt };
}
