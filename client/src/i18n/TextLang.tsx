import { citationWords } from '../../../geodata/rules/citation-lang';
import type { Lang } from '../lib/format';
import { type MessageKey, useI18n } from './I18n';

/**
 * What to say after a text written in `textLang` in the UI language: "(tiếng Anh)" after English
 * in the Vietnamese UI, "(in Vietnamese)" after Vietnamese in the English UI; null when the text is
 * in the UI's language, has no words (`zxx`) or its language is unknown. The one rule for data text
 * in another language (schema `x-text-lang`, a record's `source_lang`, an indicator's source).
 */
export function langNoteKey(textLang: unknown, uiLang: Lang): MessageKey | null {
  if (textLang === uiLang) return null;
  if (textLang === 'en') return 'details.english';
  if (textLang === 'vi') return 'details.vietnamese';
  return null;
}

/** The language of a citation text as shown: its record's, unless the text has no words (addresses only). */
export function citationShownLang(text: string, recordLang: unknown): string | undefined {
  if (typeof recordLang !== 'string' || citationWords(text).length === 0) return undefined;
  return recordLang;
}

/** The note after a data text in another language than the UI's (nothing otherwise). */
export function LangNote({ of }: { of: unknown }) {
  const { t, lang } = useI18n();
  const key = langNoteKey(of, lang);
  if (!key) return null;
  return (
    <span className="lang-note" lang={lang} data-testid="lang-note" data-text-lang={String(of)}>
      {' '}
      {t(key)}
    </span>
  );
}

/** The same as plain text (" (tiếng Anh)" or ""), for lists joined into one string. */
export function useLangNoteText(): (textLang: unknown) => string {
  const { t, lang } = useI18n();
  return (textLang) => {
    const key = langNoteKey(textLang, lang);
    return key ? ` ${t(key)}` : '';
  };
}
