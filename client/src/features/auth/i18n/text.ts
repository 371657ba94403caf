import { useMemo } from 'react';
import { useI18n } from '../../../i18n/I18n';
import type { Lang } from '../../../lib/format';

export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

/** `{name}` placeholders replaced by plain text (never HTML). Unknown keys return the key. */
export function translator<K extends string>(messages: Record<K, string>): Translate<K> {
  return (key, params) => {
    const template = messages[key] ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

/**
 * A feature's own strings (loaded with the feature, not in the first load) in the app's current
 * language (`useI18n().lang`). `bundles` must be a module-level constant.
 */
export function useFeatureText<K extends string>(
  bundles: Record<Lang, Record<K, string>>,
): { t: Translate<K>; lang: Lang } {
  const { lang } = useI18n();
  return useMemo(() => ({ t: translator(bundles[lang]), lang }), [bundles, lang]);
}
