import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { FeatureRef } from '../../lib/urlState';

export interface ChooserItem {
  ref: FeatureRef;
  label: string;
  kind: string;
}

interface Props {
  /** Where the click was, in CSS px from the map's top-left corner. */
  x: number;
  y: number;
  /** Room on the map (CSS px: its size less what the phone's bottom sheet covers), to keep the list on screen. */
  width: number;
  height: number;
  items: ChooserItem[];
  /** How many features are here when more than `items` (a server count of a tiled layer's stack). */
  total?: number | undefined;
  /** Some features here are not listed and their number is unknown. */
  more?: boolean | undefined;
  onChoose: (ref: FeatureRef) => void;
  onClose: () => void;
}

/** Height of one row of the list (CSS px). */
const ROW = 36;

/**
 * "N features here": the features near a map click as a list of buttons, so that features at the
 * same place all stay reachable. Focus starts on the first; Esc or a click elsewhere closes it and
 * gives the focus back to where it was.
 */
export function FeatureChooser({ x, y, width, height, items, total, more, onChoose, onClose }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.querySelector('button')?.focus();
    const outside = (e: PointerEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      if (opener?.isConnected) opener.focus();
    };
  }, [onClose]);
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };
  const boxWidth = Math.min(280, width - 16);
  const left = Math.max(8, Math.min(x + 8, width - boxWidth - 8));
  const unlisted = (total ?? 0) > items.length || more === true;
  const count = (total ?? 0) > items.length ? (total as number) : more ? `${items.length}+` : items.length;
  const top = Math.max(8, Math.min(y + 8, height - 40 - (unlisted ? 44 : 0) - ROW * items.length));
  return (
    <div
      ref={ref}
      className="chooser"
      role="dialog"
      aria-label={t('chooser.title', { count })}
      data-testid="feature-chooser"
      style={{ left, top, width: boxWidth }}
      onKeyDown={onKeyDown}
    >
      <p className="chooser-title">{t('chooser.title', { count })}</p>
      {unlisted && (
        <p className="chooser-more" data-testid="chooser-more">
          {t('chooser.more', { shown: items.length })}
        </p>
      )}
      <ul>
        {items.map((item) => (
          <li key={`${item.ref.collection}/${item.ref.id}`}>
            <button type="button" data-testid="chooser-item" onClick={() => onChoose(item.ref)}>
              <span className="hit-label">{item.label}</span>
              <span className="hit-kind">{item.kind}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
