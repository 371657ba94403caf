import { useI18n } from '../../i18n/I18n';
import type { Filters } from '../../lib/urlState';

export interface Option {
  value: string;
  label: string;
}

interface Props {
  filters: Filters;
  districts: Option[];
  crafts: Option[];
  statuses: Option[];
  onChange: (key: keyof Filters, value: string | undefined) => void;
  onClear: () => void;
}

/** Filter by district, craft and cluster status; the map and lists follow. */
export function FiltersPanel(p: Props) {
  const { t } = useI18n();
  const select = (key: keyof Filters, label: string, options: Option[]) => (
    <label className="field">
      <span>{label}</span>
      <select
        data-testid={`filter-${key}`}
        value={p.filters[key] ?? ''}
        onChange={(e) => p.onChange(key, e.target.value || undefined)}
      >
        <option value="">{t('filters.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section aria-labelledby="filters-title" data-testid="filters-panel">
      <h2 id="filters-title">{t('filters.title')}</h2>
      {select('district', t('filters.district'), p.districts)}
      {select('craft', t('filters.craft'), p.crafts)}
      {select('status', t('filters.status'), p.statuses)}
      <button type="button" onClick={p.onClear} data-testid="filters-clear">
        {t('filters.clear')}
      </button>
    </section>
  );
}
