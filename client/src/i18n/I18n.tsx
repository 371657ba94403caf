import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Lang } from '../lib/format';
import { formatNumber } from '../lib/format';
import en from './en.json';
import vi from './vi.json';

export type MessageKey = keyof typeof vi;
const MESSAGES: Record<Lang, Record<MessageKey, string>> = { vi, en };

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The message for `key` with `{name}` placeholders replaced (values are plain text). */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** A number in the language's format (vi 6.892, en 6,892). */
  n: (value: number, maxFractionDigits?: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

/**
 * The language to open in: the shared link's, else the one remembered from an earlier visit, else
 * English when the browser prefers English over Vietnamese, else Vietnamese (pure).
 */
export function initialLanguage(sources: {
  link?: Lang;
  stored: string | null;
  browser: readonly string[];
}): Lang {
  if (sources.link) return sources.link;
  if (sources.stored === 'vi' || sources.stored === 'en') return sources.stored;
  const first = sources.browser
    .map((l) => l.toLowerCase())
    .find((l) => l.startsWith('en') || l.startsWith('vi'));
  return first?.startsWith('en') ? 'en' : 'vi';
}

/** Translate a key for a language outside React (pure). */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const template = MESSAGES[lang][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

interface ProviderProps {
  initialLang: Lang;
  /** Called when the user switches language (e.g. to remember it). */
  onLangChange?: (lang: Lang) => void;
  children: ReactNode;
}

export function I18nProvider({ initialLang, onLangChange, children }: ProviderProps) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback(
    (next: Lang) => {
      setLangState(next);
      onLangChange?.(next);
    },
    [onLangChange],
  );
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = MESSAGES[lang]['app.title'];
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      n: (v, digits) => formatNumber(v, lang, digits),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
