import type { BBox } from 'geojson';
import { useMemo, useState } from 'react';
import type { IndicatorsResponse } from '../../../../server/src/contract/api';
import type { ApiClient, SessionUser } from '../../api/client';
import type { Catalog } from '../../catalog/catalog';
import type { Filters } from '../../lib/urlState';
import { BatchesPanel } from './BatchesPanel';
import { ExportPanel } from './ExportPanel';
import { FeatureImport } from './FeatureImport';
import { IndicatorImport } from './IndicatorImport';
import { useImportText } from './i18n/useImportText';
import { ImportApi } from './importApi';
import type { PreviewRow } from './previewStyle';
import './import.css';

type Section = 'features' | 'indicators' | 'history' | 'export';

export interface ImportPanelProps {
  api: ApiClient;
  catalog: Catalog;
  user: SessionUser;
  indicators: IndicatorsResponse['indicators'];
  districtName: (code: string) => string | undefined;
  visible: ReadonlySet<string>;
  filters: Filters;
  /** The rows of the import under way, for the map's preview layer (null: none). */
  onPreview: (rows: PreviewRow[] | null) => void;
  onFit: (bbox: BBox) => void;
  /** A commit or revert changed a collection (reload it), or indicator values (null). */
  onDataChanged: (collection: string | null) => void;
}

/**
 * The Import tab (staff, lazy chunk): import features into an editable layer, import indicator
 * figures (admins), the import history with undo, and downloads of the layers shown.
 */
export default function ImportPanel(props: ImportPanelProps) {
  const { api, catalog, user } = props;
  const { t, lang } = useImportText();
  const importApi = useMemo(() => new ImportApi(api), [api]);
  const [section, setSection] = useState<Section>('features');
  const isAdmin = user.role === 'admin';
  const sections: Section[] = isAdmin
    ? ['features', 'indicators', 'history', 'export']
    : ['features', 'history', 'export'];
  const indicatorTitle = (id: string) => props.indicators.find((i) => i.id === id)?.title[lang] ?? id;
  const indicatorUnit = (id: string, fallback: string) =>
    props.indicators.find((i) => i.id === id)?.unit[lang] ?? fallback;
  return (
    <section className="import-panel" aria-labelledby="import-heading" data-testid="import-panel">
      <h2 id="import-heading">{t('panel.title')}</h2>
      <div className="import-sections">
        {sections.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={section === s}
            data-testid={`import-section-${s}`}
            onClick={() => setSection(s)}
          >
            {t(`section.${s}`)}
          </button>
        ))}
      </div>
      {/* The features flow stays mounted, so a preview survives a look at the history. */}
      <div hidden={section !== 'features'}>
        <FeatureImport
          api={api}
          importApi={importApi}
          collections={catalog.collections}
          onPreview={props.onPreview}
          onFit={props.onFit}
          onCommitted={props.onDataChanged}
          onShowHistory={() => setSection('history')}
        />
      </div>
      {section === 'indicators' && isAdmin && (
        <IndicatorImport
          importApi={importApi}
          indicatorTitle={indicatorTitle}
          indicatorUnit={indicatorUnit}
          districtName={props.districtName}
          onCommitted={() => props.onDataChanged(null)}
        />
      )}
      {section === 'history' && (
        <BatchesPanel
          importApi={importApi}
          collectionTitle={(id) => catalog.get(id)?.title[lang] ?? id}
          isAdmin={isAdmin}
          onReverted={props.onDataChanged}
        />
      )}
      {section === 'export' && (
        <ExportPanel
          catalog={catalog}
          visible={props.visible}
          filters={props.filters}
          apiBase={api.baseUrl}
        />
      )}
    </section>
  );
}
