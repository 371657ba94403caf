import type { BBox } from 'geojson';
import { useEffect, useMemo, useState } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import {
  enumTitle,
  enumValues,
  isCitation,
  propertyLabel,
  propertyUnit,
  textLanguage,
} from '../../api/schema';
import type { CatalogCollection } from '../../catalog/catalog';
import { useI18n } from '../../i18n/I18n';
import { citationShownLang, useLangNoteText } from '../../i18n/TextLang';
import { bboxParam, ITEM_EXPORT_FORMATS, itemExportUrls } from '../../lib/exportUrls';
import type { FeatureRef } from '../../lib/urlState';
import { formatProperty } from '../inspect/formatProperty';
import { useItemsPage } from './useItemsPage';
import './attribute-table.css';

export interface AttributeTableProps {
  api: ApiClient;
  collections: readonly CatalogCollection[];
  /** The map's visible bounds, for "only what is in view". */
  bounds: BBox | undefined;
  selected: FeatureRef | undefined;
  onSelect: (ref: FeatureRef) => void;
}

const PAGE_SIZE = 50;

const DOWNLOAD_LABELS = {
  csv: 'download.csv',
  xlsx: 'download.xlsx',
  kml: 'download.kml',
  geojson: 'download.geojson',
} as const;

type Sort = { key: string; descending: boolean } | undefined;

/** The items `sortby` of a sort (`name` or `-name`). */
const sortbyOf = (sort: Sort) => sort && `${sort.descending ? '-' : ''}${sort.key}`;

/**
 * Every layer as a table (its own chunk): columns from the schema (titles, units, enum titles,
 * locale numbers), pages read from the server with the API's limit/offset (so 100,000 rows cost
 * one page at a time), per-column filters on the layer's queryables (server side) and free text
 * (`q`), "only what is in view" (`bbox`), sort by a column header (the layer's sortables: the
 * server orders the whole layer, `sortby`, and pages it), and a row click selects the feature on
 * the map (the map's selection is marked here).
 */
export default function AttributeTable(p: AttributeTableProps) {
  const { t, lang } = useI18n();
  const [collectionId, setCollectionId] = useState(p.collections[0]?.id ?? '');
  const collection = p.collections.find((c) => c.id === collectionId);
  const [offset, setOffset] = useState(0);
  const [inView, setInView] = useState(false);
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [sort, setSort] = useState<Sort>(undefined);
  const [queryables, setQueryables] = useState<string[]>([]);
  const [sortables, setSortables] = useState<string[]>([]);
  // A new layer starts again: first page, no filter, no sort.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a new layer only.
  useEffect(() => {
    setOffset(0);
    setFilters({});
    setSort(undefined);
    setQ('');
    const abort = new AbortController();
    p.api.queryables(collectionId, abort.signal).then(setQueryables, () => setQueryables([]));
    p.api.sortables(collectionId, abort.signal).then(setSortables, () => setSortables([]));
    return () => abort.abort();
  }, [collectionId]);
  const bbox = inView ? p.bounds : undefined;
  const { page, pageOffset, loading, failed } = useItemsPage(p.api, {
    collection: collectionId,
    limit: PAGE_SIZE,
    offset,
    bbox,
    q,
    filters,
    sortby: sortbyOf(sort),
  });
  // The same filters and order as the table, so a download holds exactly the rows it lists (every page).
  const downloads = itemExportUrls(p.api.baseUrl, collectionId, {
    ...filters,
    q,
    bbox: bboxParam(bbox),
    sortby: sortbyOf(sort),
  });
  const schema = collection?.schema;
  const columns = useMemo(() => Object.keys(schema?.properties ?? {}), [schema]);
  const rows = page?.features ?? [];
  const yesNo = { yes: t('details.yes'), no: t('details.no') };
  const cell = (f: ApiFeature, key: string) =>
    formatProperty(schema, key, f.properties?.[key], lang, yesNo)?.text ?? '';
  // The language of a cell's words, for the note after text in another language than the UI's
  // (the details panel's rule: a citation's is its record's source_lang, unless it is only addresses).
  const langNote = useLangNoteText();
  const cellLang = (f: ApiFeature, key: string) => {
    const p = f.properties ?? {};
    const value = p[key];
    if (typeof value !== 'string' || value === '') return undefined;
    const textLang = textLanguage(schema, key, p);
    return isCitation(schema, key) ? citationShownLang(value, textLang) : textLang;
  };
  const matched = page?.numberMatched;
  const hasNext = page ? (page.links ?? []).some((l) => l.rel === 'next') : false;
  const setFilter = (key: string, value: string) => {
    setOffset(0);
    setFilters((f) => ({ ...f, [key]: value }));
  };
  const title = (key: string) => {
    const unit = propertyUnit(schema, key, lang);
    return `${propertyLabel(schema, key, lang)}${unit ? ` (${unit})` : ''}`;
  };
  return (
    <section aria-labelledby="table-title" data-testid="attribute-table">
      <h2 id="table-title">{t('table.title')}</h2>
      <div className="table-controls">
        <label className="field">
          <span>{t('table.layer')}</span>
          <select
            data-testid="table-layer"
            value={collectionId}
            onChange={(e) => setCollectionId(e.target.value)}
          >
            {p.collections.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title[lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('table.search')}</span>
          <input
            type="search"
            data-testid="table-q"
            value={q}
            onChange={(e) => {
              setOffset(0);
              setQ(e.target.value);
            }}
          />
        </label>
        <label className="radio">
          <input
            type="checkbox"
            data-testid="table-in-view"
            checked={inView}
            onChange={(e) => {
              setOffset(0);
              setInView(e.target.checked);
            }}
          />
          {t('table.inView')}
        </label>
      </div>
      <p className="note" aria-live="polite" data-testid="table-status">
        {failed
          ? t('table.failed')
          : page
            ? t('table.rows', {
                from: page.numberReturned === 0 ? 0 : pageOffset + 1,
                to: pageOffset + page.numberReturned,
                total: matched === undefined ? '…' : matched,
              })
            : t('charts.loading')}
        {loading ? ' …' : ''}
      </p>
      <p className="table-downloads" data-testid="table-downloads">
        {t('download.label')}{' '}
        {ITEM_EXPORT_FORMATS.map((f) => (
          <a key={f} href={downloads[f]} download data-testid={`table-download-${f}`}>
            {t(DOWNLOAD_LABELS[f])}
          </a>
        ))}
      </p>
      <div className="table-scroll">
        <table className="attr-table" aria-busy={loading}>
          <thead>
            <tr>
              {columns.map((key) => (
                <th
                  key={key}
                  scope="col"
                  data-testid={`table-col-${key}`}
                  aria-sort={sort?.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {sortables.includes(key) ? (
                    <button
                      type="button"
                      className="link"
                      data-testid={`table-sort-${key}`}
                      title={t('table.sortBy', { column: propertyLabel(schema, key, lang) })}
                      onClick={() => {
                        setOffset(0);
                        setSort({ key, descending: sort?.key === key && !sort.descending });
                      }}
                    >
                      {title(key)}
                      <span aria-hidden="true">
                        {sort?.key === key ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    title(key)
                  )}
                </th>
              ))}
            </tr>
            <tr>
              {columns.map((key) => (
                <td key={key}>
                  {queryables.includes(key) && (
                    <ColumnFilter
                      label={`${t('table.filter')}: ${propertyLabel(schema, key, lang)}`}
                      options={enumValues(schema, key).map((v) => ({
                        value: v,
                        label: enumTitle(schema, key, v, lang),
                      }))}
                      value={filters[key] ?? ''}
                      onChange={(v) => setFilter(key, v)}
                      testId={`table-filter-${key}`}
                    />
                  )}
                </td>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => {
              const isSelected = p.selected?.collection === collectionId && p.selected.id === f.id;
              return (
                <tr
                  key={f.id}
                  data-id={f.id}
                  className={isSelected ? 'selected' : undefined}
                  aria-selected={isSelected}
                  onClick={() => p.onSelect({ collection: collectionId, id: Number(f.id) })}
                >
                  {columns.map((key, i) => (
                    <td key={key}>
                      {/* Before the text: a long cell is cut at its end (ellipsis), the note must show. */}
                      {langNote(cellLang(f, key)) && (
                        <>
                          <span className="lang-note" data-testid="lang-note">
                            {langNote(cellLang(f, key)).trim()}
                          </span>{' '}
                        </>
                      )}
                      {i === 0 ? (
                        <button
                          type="button"
                          className="link"
                          onClick={(e) => {
                            e.stopPropagation();
                            p.onSelect({ collection: collectionId, id: Number(f.id) });
                          }}
                        >
                          {cell(f, key) || `#${f.id}`}
                        </button>
                      ) : (
                        cell(f, key)
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="table-pager">
        <button
          type="button"
          data-testid="table-prev"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          {t('table.prev')}
        </button>
        <button
          type="button"
          data-testid="table-next"
          disabled={!hasNext}
          onClick={() => setOffset(offset + PAGE_SIZE)}
        >
          {t('table.next')}
        </button>
      </div>
    </section>
  );
}

function ColumnFilter(p: {
  label: string;
  options: { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return p.options.length > 0 ? (
    <select
      aria-label={p.label}
      data-testid={p.testId}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
    >
      <option value="">—</option>
      {p.options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  ) : (
    <input
      aria-label={p.label}
      data-testid={p.testId}
      value={p.value}
      onChange={(e) => p.onChange(e.target.value)}
      size={6}
    />
  );
}
