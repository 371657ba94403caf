import type { BBox } from 'geojson';
import {
  Fragment,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import type { ApiFeature } from '../../../server/src/contract/api';
import type { ApiClient } from '../api/client';
import { hasPoints, linkSchema } from '../catalog/catalog';
import { useChangeValues } from '../features/charts/useChangeValues';
import { FeatureList } from '../features/feature-list/FeatureList';
import { FiltersPanel } from '../features/filters/FiltersPanel';
import { ImportTab } from '../features/import/ImportTab';
import { type PreviewRow, withImportPreview } from '../features/import/previewStyle';
import { IndicatorPanel } from '../features/indicators/IndicatorPanel';
import { resolveIndicator, resolveYear, useIndicatorValues } from '../features/indicators/useIndicatorValues';
import { uniqueCitations } from '../features/inspect/Citation';
import { DetailsPanel } from '../features/inspect/DetailsPanel';
import { FeatureChooser } from '../features/inspect/FeatureChooser';
import { Tooltip } from '../features/inspect/Tooltip';
import { LayersPanel } from '../features/layers/LayersPanel';
import { ChoroplethLegend } from '../features/layers/Legend';
import { SearchBox } from '../features/search/SearchBox';
import { LanguageSwitch } from '../features/settings/LanguageSwitch';
import { useInvestorTools } from '../features/shortlist/useInvestorTools';
import { useI18n } from '../i18n/I18n';
import { citationShownLang, useLangNoteText } from '../i18n/TextLang';
import { refKey } from '../lib/featureLabel';
import { geometryBbox } from '../lib/geometry';
import { decodeUrlState, type FeatureRef, type MapViewState } from '../lib/urlState';
import { type HoverInfo, type MapClick, type MapSnapshot, MapView } from '../map/MapView';
import { labelOf, mergeLists } from './derive';
import { EditorTab } from './EditorTab';
import { choroplethArea, filterChoices } from './filterModel';
import { MapNotices } from './MapNotices';
import { StaffControls } from './StaffControls';
import { appReducer, initialAppState, type TabId } from './state';
import { Tabs } from './Tabs';
import { tooltipText } from './tooltipText';
import type { AppData, DataUpdates } from './useAppData';
import { useBasemapFallback } from './useBasemapFallback';
import { useBasemapStyle } from './useBasemapStyle';
import { useFilterState } from './useFilterState';
import { useLargeLayers } from './useLargeLayers';
import { isIllustrative, useMapModel } from './useMapModel';
import { sheetCover, useMapPadding } from './useMapPadding';
import { type ChooserClick, useSelection } from './useSelection';
import { useStaffEditing } from './useStaffEditing';
import { useUrlSync } from './useUrlSync';
import { useViewEffects } from './useViewEffects';

// The planner's panels (issue 16) are chunks of their own, loaded when first opened.
const ChartPanel = lazy(() => import('../features/charts/ChartPanel'));
const DistrictProfile = lazy(() => import('../features/district-profile/DistrictProfile'));
const AttributeTable = lazy(() => import('../features/attribute-table/AttributeTable'));
const PrintLayout = lazy(() => import('../features/print/PrintLayout'));

/** A tab of the side panel: its content is rendered while it is active (or always, hidden, with keepMounted). */
interface Panel {
  id: TabId;
  label: string;
  content: () => ReactNode;
  keepMounted?: boolean;
}

interface Props {
  /** Reads, sessions and writes (the one HTTP client). */
  api: ApiClient;
  data: AppData;
  /** Puts an edited or fetched feature into the data (no collection is fetched again). */
  updates: DataUpdates;
  testHooks: boolean;
  /** The minimal read-only view for an iframe: the map, its legend and notices only. */
  embed?: boolean;
}

/** The map with its side panel (a bottom sheet on narrow screens). State flows down, events up. */
export function MapScreen({ api, data, updates, testHooks, embed = false }: Props) {
  const { t, lang, n, setLang } = useI18n();
  const langNoteText = useLangNoteText();
  const { catalog } = data;
  const link = useMemo(() => linkSchema(catalog), [catalog]);
  const [state, dispatch] = useReducer(appReducer, undefined, () =>
    initialAppState(decodeUrlState(window.location.hash, link)),
  );
  const [bounds, setBounds] = useState<BBox | undefined>(undefined);
  const [hover, setHover] = useState<HoverInfo | null>(null);
  const [chooser, setChooser] = useState<ChooserClick | null>(null);
  const [sheetOpen, setSheetOpen] = useState(true);
  const panelRef = useRef<HTMLElement>(null);
  const mapWrapRef = useRef<HTMLElement>(null);
  const padding = useMapPadding();
  useUrlSync(state, dispatch, lang, setLang, link);
  const staff = useStaffEditing(api);
  // The edit tab exists only while the editor is open; otherwise its slot falls back to Layers.
  const activeTab: TabId =
    (state.tab === 'edit' && !staff.editorOpen) || (state.tab === 'import' && !staff.editing)
      ? 'layers'
      : state.tab;
  // The rows of an import under way, drawn over the map (features/import).
  const [importRows, setImportRows] = useState<PreviewRow[] | null>(null);
  const [indicatorRevision, setIndicatorRevision] = useState(0);

  // Filters of a link that name nothing known are reported and not applied.
  const checked = useFilterState(catalog, data.features, state.filters);
  const viewState = useMemo(() => ({ ...state, filters: checked.applied }), [state, checked.applied]);
  const choroplethKey = catalog.choropleth?.display.choropleth?.toggle.key;

  const meta = resolveIndicator(data.indicators, state.indicator);
  const year = resolveYear(meta, state.year);
  const values = useIndicatorValues(api, meta?.id, year, indicatorRevision);
  // The change view colours the map by the change between the first and the last year.
  const changeValues = useChangeValues(api, meta, state.change);
  const [chartHover, setChartHover] = useState<string | undefined>(undefined);
  const [printOpen, setPrintOpen] = useState(false);
  const captureRef = useRef<(() => Promise<MapSnapshot>) | null>(null);
  const onCaptureReady = useCallback((c: (() => Promise<MapSnapshot>) | null) => {
    captureRef.current = c;
  }, []);
  const basemapChoice = useBasemapFallback(state.basemap);
  const basemap = useBasemapStyle(basemapChoice.shown, data.customBasemapStyleUrl, catalog.frame?.id);
  const attribution = useMemo(
    () => ({ boundaries: t('attribution.data'), context: t('attribution.context') }),
    [t],
  );
  const model = useMapModel({
    data,
    state: viewState,
    lang,
    basemap,
    context: data.context,
    indicatorValues: changeValues ?? values,
    diverging: changeValues !== undefined,
    bounds,
    highlight: checked.highlight,
    attribution,
  });
  const illustrative = isIllustrative(meta, values);
  const join = catalog.choropleth?.display.choropleth?.joinProperty;
  // The district under the pointer on the map (its code), for the chart; a hovered bar's district for the map.
  const hoverCode =
    hover && join && hover.ref.collection === catalog.choropleth?.id
      ? String(model.index.get(refKey(hover.ref.collection, hover.ref.id))?.feature.properties?.[join] ?? '')
      : undefined;
  // A selected district offers its profile.
  const selectedCode =
    join && model.selected && model.selected.collection.id === catalog.choropleth?.id
      ? String(model.selected.feature.properties?.[join] ?? '')
      : undefined;
  // Outlined on the map: the district of a hovered chart bar, else the one the open profile shows.
  const outlineCode = chartHover ?? (activeTab === 'profile' ? state.profile : undefined);
  const outlined = outlineCode ? choroplethArea(catalog, data.features, outlineCode) : undefined;
  const importShown = staff.editing && importRows !== null;
  const mapStyle = useMemo(
    () => withImportPreview(model.style, importShown ? importRows : null),
    [model.style, importShown, importRows],
  );
  const fitTo = useCallback((bbox: BBox) => dispatch({ type: 'moveTo', request: { kind: 'fit', bbox } }), []);

  const showPanel = useCallback(() => setSheetOpen(true), []);
  const { pick, selectForEdit, onMapClick, zoomTo, chooseAndZoom } = useSelection({
    catalog,
    index: model.index,
    dispatch,
    editing: staff.editorOpen,
    drawing: staff.drawing,
    onShowPanel: showPanel,
    onChooser: setChooser,
  });
  const large = useLargeLayers({
    api,
    data,
    updates,
    filters: checked.applied,
    visible: model.visible,
    bounds,
    listShown: activeTab === 'list',
    selected: state.selected,
    index: model.index,
    lang,
    dispatch,
    pick,
  });
  const choose = (ref: FeatureRef): void => {
    if (!large.chooseFetched(ref)) chooseAndZoom(ref);
  };
  const staffUser = staff.session.user;
  const investor = useInvestorTools({
    api,
    catalog,
    features: data.features,
    map: staff.map,
    staffUser: staffUser && staffUser.role !== 'viewer' ? staffUser.username : null,
    chooseAndZoom: choose,
    showTab: (tab) => dispatch({ type: 'tab', tab }),
  });
  const selectedSite = investor.siteCard(model.selected?.collection, model.selected?.feature);
  const onDataChanged = useCallback(
    (change: { collection: string; id: number; feature: ApiFeature | null }) => {
      updates.applyChange(change);
      const wasSelected = state.selected?.collection === change.collection && state.selected.id === change.id;
      if (change.feature === null && wasSelected) dispatch({ type: 'select', ref: undefined });
    },
    [updates, state.selected],
  );
  const onViewChange = useCallback((view: MapViewState, b: BBox) => {
    dispatch({ type: 'view', view });
    setBounds(b);
  }, []);
  // The ranking names and opens areas of the choropleth by their code.
  const selectArea = (code: string): void => {
    const a = choroplethArea(catalog, data.features, code);
    if (a) chooseAndZoom({ collection: a.collection, id: a.feature.id });
  };
  const areaName = (code: string): string | undefined => {
    const a = choroplethArea(catalog, data.features, code);
    const c = a && catalog.get(a.collection);
    return a && c ? labelOf(c, a.feature, lang) : undefined;
  };

  const districts = (catalog.choropleth ? (data.features[catalog.choropleth.id] ?? []) : []).map((f) => {
    const code = String(f.properties?.[join ?? ''] ?? '');
    return { code, name: areaName(code) ?? code };
  });

  useViewEffects({
    selected: state.selected,
    hasLinkView: state.view !== undefined,
    area: checked.chosenArea && refKey(checked.chosenArea.collection, checked.chosenArea.feature.id),
    areaBbox: () => (checked.chosenArea ? geometryBbox(checked.chosenArea.feature.geometry) : undefined),
    detailsShown: activeTab === 'details',
    panel: panelRef,
    zoomTo,
    fitTo: (bbox) => dispatch({ type: 'moveTo', request: { kind: 'fit', bbox } }),
  });

  const hoverText =
    hover && !chooser
      ? tooltipText(large.hoverHit(hover), {
          lang,
          t,
          n,
          values: choroplethKey && model.visible.has(choroplethKey) ? values : undefined,
        })
      : undefined;
  const chooserItems = (chooser?.refs ?? []).flatMap((ref) => {
    const hit = model.index.get(refKey(ref.collection, ref.id));
    const row = hit
      ? { label: labelOf(hit.collection, hit.feature, lang), kind: hit.collection.itemTitle[lang] }
      : large.fetchedItem(ref);
    return row ? [{ ref, ...row }] : [];
  });
  // A click on stacked points of a tiled layer: the server says which features are there.
  const onFeatureClick = (click: MapClick): void => {
    if (click.stacked.length === 0) {
      onMapClick(click);
      return;
    }
    large.resolveStacked(click).then(
      (resolved) => {
        if (resolved.refs.length === 1) large.adoptFetched(resolved.refs[0]!);
        onMapClick(resolved);
      },
      () => undefined,
    );
  };

  const choroplethLegend = (
    <ChoroplethLegend
      title={
        changeValues && meta
          ? t('legend.changeTitle', {
              title: meta.title[lang],
              from: meta.years[0] ?? '',
              to: meta.years.at(-1) ?? '',
            })
          : (meta?.title[lang] ?? '')
      }
      unit={state.change === 'pct' && changeValues ? '%' : (values?.unit[lang] ?? meta?.unit[lang] ?? '')}
      year={changeValues ? null : (values?.year ?? null)}
      choropleth={model.choropleth}
      illustrative={illustrative}
    />
  );
  const filterTitle = (key: string) => catalog.filters.find((f) => f.key === key)?.title[lang] ?? key;
  const activeFilters = Object.values(checked.applied).filter(Boolean).length;
  // The side panel's tabs, in order: a new tab is one more entry (and its TabId in state.ts).
  const panels: Panel[] = [
    {
      id: 'layers',
      label: t('tab.layers'),
      content: () => (
        <LayersPanel
          rows={catalog.toggles.map((toggle) => ({
            key: toggle.key,
            title: toggle.title,
            legend: model.legend[toggle.key] ?? { kind: 'none' },
          }))}
          visible={model.visible}
          onToggle={(layer) => dispatch({ type: 'toggleLayer', layer })}
          choroplethLegend={choroplethLegend}
          approximateNote={catalog.collections.some((c) => c.display.uncertainty && hasPoints(c))}
          basemap={state.basemap}
          customAvailable={data.customBasemapStyleUrl !== null}
          onBasemap={(basemap) => dispatch({ type: 'basemap', basemap })}
        />
      ),
    },
    {
      id: 'indicators',
      label: t('tab.indicators'),
      content: () => (
        <>
          <IndicatorPanel
            indicators={data.indicators}
            meta={meta}
            year={year}
            values={values}
            method={state.classMethod}
            onIndicator={(indicator) => dispatch({ type: 'indicator', indicator })}
            onYear={(y) => dispatch({ type: 'year', year: y })}
            onMethod={(method) => dispatch({ type: 'classMethod', method })}
            onDistrict={selectArea}
            onProfile={(code) => dispatch({ type: 'profile', code })}
            districtName={areaName}
            apiBase={api.baseUrl}
          />
          {choroplethLegend}
        </>
      ),
    },
    {
      id: 'filters',
      label: activeFilters ? t('tab.filtersActive', { count: activeFilters }) : t('tab.filters'),
      content: () => (
        <FiltersPanel
          choices={filterChoices(catalog, data.features, lang)}
          filters={checked.applied}
          onChange={(key, value) => dispatch({ type: 'filter', key, value })}
          onClear={() => dispatch({ type: 'clearFilters' })}
        />
      ),
    },
    {
      id: 'list',
      label: t('tab.list'),
      content: () => (
        <FeatureList
          items={large.hasTiled ? mergeLists(model.listItems, large.serverList.items, lang) : model.listItems}
          more={large.serverList.more}
          onChoose={choose}
        />
      ),
    },
    {
      id: 'details',
      label: t('tab.details'),
      content: () =>
        state.selected ? (
          <DetailsPanel
            kind={model.selected?.collection.itemTitle[lang] ?? ''}
            labelProperty={model.selected?.collection.label ?? 'name'}
            feature={model.selected?.feature}
            schema={model.selected?.collection.schema}
            onZoomTo={() => state.selected && zoomTo(state.selected)}
            onClose={() => dispatch({ type: 'select', ref: undefined })}
            onProfile={
              selectedCode === undefined ? undefined : () => dispatch({ type: 'profile', code: selectedCode })
            }
            omit={selectedSite.omit}
          >
            {selectedSite.card}
          </DetailsPanel>
        ) : (
          <p>{t('details.none')}</p>
        ),
    },
    ...investor.panels,
    {
      id: 'charts',
      label: t('tab.charts'),
      content: () => (
        <Suspense fallback={<p className="note">{t('charts.loading')}</p>}>
          <ChartPanel
            api={api}
            indicators={data.indicators}
            meta={meta}
            onIndicator={(indicator) => dispatch({ type: 'indicator', indicator })}
            change={state.change}
            onChange={(change) => dispatch({ type: 'change', change })}
            highlight={hoverCode}
            onHover={setChartHover}
            onDistrict={(code) => dispatch({ type: 'profile', code })}
            districtName={areaName}
          />
          {choroplethLegend}
        </Suspense>
      ),
    },
    {
      id: 'profile',
      label: t('tab.profile'),
      content: () => (
        <Suspense fallback={<p className="note">{t('charts.loading')}</p>}>
          <DistrictProfile
            api={api}
            indicators={data.indicators}
            code={state.profile}
            districts={districts}
            onChoose={(code) => dispatch({ type: 'profile', code })}
            onZoom={selectArea}
          />
        </Suspense>
      ),
    },
    {
      id: 'table',
      label: t('tab.table'),
      content: () => (
        <Suspense fallback={<p className="note">{t('charts.loading')}</p>}>
          <AttributeTable
            api={api}
            collections={catalog.collections}
            bounds={bounds}
            selected={state.selected}
            onSelect={(ref) => {
              dispatch({ type: 'select', ref, tab: 'table' });
              zoomTo(ref);
            }}
          />
        </Suspense>
      ),
    },
    // Kept mounted (hidden) on other tabs, so a draft survives a look at the details.
    ...(staff.editorOpen
      ? [
          {
            id: 'edit' as const,
            label: t('tab.edit'),
            keepMounted: true,
            content: () => (
              <EditorTab
                staff={staff}
                editApi={api}
                catalog={catalog}
                selected={state.selected}
                onDataChanged={onDataChanged}
                onKeepDraft={selectForEdit}
                onClose={() => {
                  staff.closeEditor();
                  dispatch({ type: 'tab', tab: 'layers' });
                }}
              />
            ),
          },
        ]
      : []),
    // Kept mounted (hidden) on other tabs, so an import's preview survives a look elsewhere.
    ...(staff.editing && staff.editorUser
      ? [
          {
            id: 'import' as const,
            label: t('tab.import'),
            keepMounted: true,
            content: () =>
              staff.editorUser && (
                <ImportTab
                  api={api}
                  catalog={catalog}
                  user={staff.editorUser}
                  indicators={data.indicators}
                  districtName={areaName}
                  visible={model.visible}
                  filters={checked.applied}
                  onPreview={setImportRows}
                  onFit={fitTo}
                  onDataChanged={(collection) =>
                    collection === null
                      ? setIndicatorRevision((r) => r + 1)
                      : void updates.reloadCollection(collection)
                  }
                />
              ),
          },
        ]
      : []),
  ];
  const wrap = mapWrapRef.current;

  return (
    <div
      className={`app${activeTab === 'table' ? ' wide-panel' : ''}${embed ? ' embed' : ''}`}
      data-testid="app"
      data-lang={lang}
    >
      <a className="skip-link" href="#side-panel" data-testid="skip-link">
        {t('app.skipToPanel')}
      </a>
      <header className="topbar">
        <h1 className="app-title">{t('app.title')}</h1>
        <SearchBox
          entries={model.searchEntries}
          remote={large.hasTiled ? large.remoteSearch : undefined}
          onChoose={choose}
        />
        <StaffControls
          staff={staff}
          onEditToggled={(on) => dispatch({ type: 'tab', tab: on ? 'edit' : 'layers' })}
        />
        <button type="button" data-testid="print-open" onClick={() => setPrintOpen(true)}>
          {t('print.open')}
        </button>
        <LanguageSwitch />
      </header>
      <main className="map-wrap" ref={mapWrapRef}>
        <MapView
          style={mapStyle}
          initialView={state.view}
          initialBbox={model.initialBbox}
          padding={padding}
          viewRequest={state.viewRequest}
          ariaLabel={t('map.label')}
          testHooks={testHooks}
          onFeatureClick={onFeatureClick}
          onHover={setHover}
          interaction={model.interaction}
          onViewChange={onViewChange}
          onMapReady={staff.onMapReady}
          onBasemapError={basemapChoice.onBasemapError}
          highlighted={outlined && { collection: outlined.collection, id: outlined.feature.id }}
          onCaptureReady={onCaptureReady}
          onClickAt={investor.onClickAt}
        />
        {investor.overlay}
        <MapNotices
          illustrative={illustrative && choroplethKey !== undefined && model.visible.has(choroplethKey)}
          unknownFilters={checked.unknown.map((u) => ({ ...u, title: filterTitle(u.key) }))}
          onDropUnknown={() => {
            for (const u of checked.unknown) dispatch({ type: 'filter', key: u.key, value: undefined });
          }}
          basemapFailed={basemapChoice.failed}
        />
        {embed && (
          <div className="embed-legend" data-testid="embed-legend">
            {choroplethLegend}
            <a href={window.location.href.replace(/[?&]embed\b[^#]*/, '')} target="_blank" rel="noopener">
              {t('share.openFull')}
            </a>
          </div>
        )}
        {hover && hoverText && <Tooltip x={hover.x} y={hover.y} text={hoverText} />}
        {chooser && chooserItems.length > 0 && (
          <FeatureChooser
            x={chooser.x}
            y={chooser.y}
            width={wrap?.clientWidth ?? 320}
            height={(wrap?.clientHeight ?? 320) - sheetCover(sheetOpen)}
            items={chooserItems}
            total={chooser.total}
            more={chooser.more}
            onChoose={(ref) => {
              setChooser(null);
              large.adoptFetched(ref);
              pick(ref);
            }}
            onClose={() => setChooser(null)}
          />
        )}
      </main>
      {printOpen && captureRef.current && (
        <Suspense fallback={null}>
          <PrintLayout
            capture={captureRef.current}
            defaultTitle={`${t('app.title')} — ${meta?.title[lang] ?? ''}`}
            legend={choroplethLegend}
            legendTitle={meta?.title[lang] ?? ''}
            legendRows={(model.choropleth?.classes ?? []).map((c) => ({
              color: c.color,
              label: c.from === c.to ? n(c.from) : `${n(c.from)} – ${n(c.to)}`,
            }))}
            layers={catalog.toggles.filter((x) => model.visible.has(x.key)).map((x) => x.title[lang])}
            illustrative={illustrative && choroplethKey !== undefined && model.visible.has(choroplethKey)}
            sources={uniqueCitations([
              { text: values?.province?.source, lang: values?.province?.source_lang },
              ...(values?.values ?? []).map((v) => ({ text: v.source, lang: v.source_lang })),
            ]).map((c) => `${c.text}${langNoteText(citationShownLang(c.text, c.lang))}`)}
            attribution={`${t('attribution.data')} | ${t('attribution.context')}`}
            shareUrl={window.location.href}
            onClose={() => setPrintOpen(false)}
          />
        </Suspense>
      )}
      <aside
        ref={panelRef}
        id="side-panel"
        tabIndex={-1}
        className={`panel ${sheetOpen ? 'open' : 'collapsed'}`}
        aria-label={t('app.panel')}
        data-testid="side-panel"
      >
        <button
          type="button"
          className="sheet-handle"
          data-testid="sheet-toggle"
          aria-expanded={sheetOpen}
          onClick={() => setSheetOpen((o) => !o)}
        >
          {sheetOpen ? t('app.collapsePanel') : t('app.expandPanel')}
        </button>
        <Tabs
          label={t('map.tabs')}
          tabs={panels}
          active={activeTab}
          onSelect={(tab) => dispatch({ type: 'tab', tab })}
        >
          {panels.map((panel) =>
            panel.keepMounted ? (
              <div key={panel.id} hidden={activeTab !== panel.id} data-testid={`${panel.id}-tabpanel`}>
                {panel.content()}
              </div>
            ) : (
              activeTab === panel.id && <Fragment key={panel.id}>{panel.content()}</Fragment>
            ),
          )}
        </Tabs>
      </aside>
    </div>
  );
}
