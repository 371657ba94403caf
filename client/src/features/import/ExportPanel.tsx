import type { Catalog } from '../../catalog/catalog';
import type { Filters } from '../../lib/urlState';
import { EXPORT_FORMATS, exportLayers } from './exportLinks';
import { useImportText } from './i18n/useImportText';

interface Props {
  catalog: Catalog;
  visible: ReadonlySet<string>;
  filters: Filters;
  apiBase: string;
}

/** Download the layers shown now, with the filters applied now, as CSV, XLSX, KML or GeoJSON. */
export function ExportPanel({ catalog, visible, filters, apiBase }: Props) {
  const { t, lang } = useImportText();
  const layers = exportLayers(catalog, visible, filters, apiBase);
  return (
    <section className="import-export" data-testid="import-export">
      <p className="import-hint">{t('export.hint')}</p>
      {layers.length === 0 && <p>{t('export.none')}</p>}
      <ul>
        {layers.map((l) => (
          <li key={l.collection} data-testid="export-layer" data-collection={l.collection}>
            <p className="import-batch-title">
              {catalog.get(l.collection)?.title[lang] ?? l.collection}
              {l.filtered && ` · ${t('export.filtered')}`}
            </p>
            <p className="import-links">
              {EXPORT_FORMATS.map((f) => (
                <a key={f} href={l.links[f]} download data-testid={`export-${f}`}>
                  {t(`export.${f}`)}
                </a>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
