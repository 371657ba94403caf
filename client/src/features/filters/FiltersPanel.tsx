import { useI18n } from '../../i18n/I18n';
import type { Filters } from '../../lib/urlState';

/** One filter of the catalog with its choices (app/filterModel). */
export interface FilterChoice {
  key: string;
  title: string;
  options: { value: string; label: string }[];
}

interface Props {
  /** The catalog's filters, in order. */
  choices: FilterChoice[];
  filters: Filters;
  onChange: (key: string, value: string | undefined) => void;
  onClear: () => void;
}

/** A select per filter of the catalog (district, craft, cluster status…); the map and lists follow. */
export function FiltersPanel(p: Props) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="filters-title" data-testid="filters-panel">
      <h2 id="filters-title">{t('filters.title')}</h2>
      {p.choices.map((choice) => (
        <label className="field" key={choice.key}>
          <span>{choice.title}</span>
          <select
            data-testid={`filter-${choice.key}`}
            value={p.filters[choice.key] ?? ''}
            onChange={(e) => p.onChange(choice.key, e.target.value || undefined)}
          >
            <option value="">{t('filters.all')}</option>
            {choice.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <button type="button" onClick={p.onClear} data-testid="filters-clear">
        {t('filters.clear')}
      </button>
    </section>
  );
}
