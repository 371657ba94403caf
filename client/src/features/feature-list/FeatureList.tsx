import { useI18n } from '../../i18n/I18n';
import type { FeatureRef } from '../../lib/urlState';

export interface ListItem extends FeatureRef {
  label: string;
  /** What the feature is (its collection's item title). */
  kind: string;
}

const MAX_SHOWN = 200;

/** The features in the current view (visible layers, filters applied), as a keyboard-usable list. */
export function FeatureList({
  items,
  more = false,
  onChoose,
}: {
  items: ListItem[];
  /** The server has more features in view than it listed (large layers): zoom in to see them all. */
  more?: boolean;
  onChoose: (ref: FeatureRef) => void;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="list-title" data-testid="feature-list">
      <h2 id="list-title">{t('list.title')}</h2>
      <p aria-live="polite">
        {more ? t('list.countMore', { count: items.length }) : t('list.count', { count: items.length })}
      </p>
      {items.length === 0 && <p>{t('list.empty')}</p>}
      <ul className="feature-list">
        {items.slice(0, MAX_SHOWN).map((item) => (
          <li key={`${item.collection}/${item.id}`}>
            <button
              type="button"
              className="link"
              data-testid="feature-list-item"
              onClick={() => onChoose(item)}
            >
              {item.label}
            </button>{' '}
            <span className="hit-kind">{item.kind}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
