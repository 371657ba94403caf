import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { type SearchEntry, searchEntries } from '../../lib/search';

interface Props {
  entries: readonly SearchEntry[];
  /** Hits the server finds (`q`) in layers the client does not hold; asked DEBOUNCE_MS after typing stops. */
  remote?: (query: string, signal: AbortSignal) => Promise<SearchEntry[]>;
  onChoose: (entry: SearchEntry) => void;
}

const LIMIT = 12;
const DEBOUNCE_MS = 250;

/** The server's hits for the query, once typing paused (stale answers are dropped). */
function useRemoteHits(remote: Props['remote'], query: string): SearchEntry[] {
  const [hits, setHits] = useState<{ query: string; entries: SearchEntry[] }>({ query: '', entries: [] });
  useEffect(() => {
    const q = query.trim();
    if (!remote || q === '') return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      remote(q, abort.signal).then(
        (entries) => setHits({ query, entries }),
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [remote, query]);
  return hits.query === query ? hits.entries : [];
}

/** Search across all layers (diacritics and case ignored), as an ARIA combobox with a listbox. */
export function SearchBox({ entries, remote, onChoose }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const remoteHits = useRemoteHits(remote, query);
  const hits = useMemo(() => {
    const local = searchEntries(entries, query, LIMIT);
    const seen = new Set(local.map((h) => `${h.collection}/${h.id}`));
    const more = remoteHits.filter((h) => !seen.has(`${h.collection}/${h.id}`));
    return [...local, ...more].slice(0, LIMIT);
  }, [entries, query, remoteHits]);
  const showList = open && query.trim() !== '';

  const choose = (entry: SearchEntry | undefined): void => {
    if (!entry) return;
    onChoose(entry);
    setQuery(entry.label);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(hits[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };
  const optionId = (i: number): string => `${listId}-opt-${i}`;
  return (
    <div className="search" data-testid="search">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        {t('search.label')}
      </label>
      <input
        id={`${listId}-input`}
        data-testid="search-input"
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList && hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={showList && hits[active] ? optionId(active) : undefined}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => setOpen(true)}
      />
      <p className="visually-hidden" aria-live="polite">
        {showList ? t('search.count', { count: hits.length }) : ''}
      </p>
      {showList && hits.length === 0 && (
        <div className="search-results empty" role="status" data-testid="search-empty">
          {t('search.noResults')}
        </div>
      )}
      {showList && hits.length > 0 && (
        <div
          id={listId}
          role="listbox"
          aria-label={t('search.results')}
          className="search-results"
          data-testid="search-results"
        >
          {hits.map((h, i) => (
            <div
              key={`${h.collection}/${h.id}`}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              data-testid="search-result"
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(h);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="hit-label">{h.label}</span>
              <span className="hit-kind">{h.kind ?? ''}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
