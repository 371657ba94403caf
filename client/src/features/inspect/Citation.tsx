import { citationShownLang, LangNote } from '../../i18n/TextLang';
import { EXTERNAL_LINK, safeHref } from '../../lib/safeLink';
import { type DisplayValue, splitCitation } from './formatProperty';

/** A value as text, or as a link when it is one and safeHref lets it through (never otherwise). */
export function Value({ v }: { v: DisplayValue }) {
  const href = v.kind === 'link' ? safeHref(v.href) : undefined;
  return href ? (
    <a href={href} {...EXTERNAL_LINK} data-testid="data-link">
      {v.text}
    </a>
  ) : (
    v.text
  );
}

/** A citation text and the language of its words (a record's `source_lang`; unknown allowed). */
export interface CitationText {
  text: string;
  lang: unknown;
}

/** The non-empty citation texts, each once (the first one's language kept), in order. */
export function uniqueCitations(list: readonly { text: unknown; lang: unknown }[]): CitationText[] {
  const seen = new Map<string, unknown>();
  for (const { text, lang } of list) {
    if (typeof text === 'string' && text.trim() !== '' && !seen.has(text)) seen.set(text, lang);
  }
  return [...seen].map(([text, lang]) => ({ text, lang }));
}

/**
 * A source citation: its web addresses as links (safeHref only, never HTML), then "(tiếng Anh)"
 * (or "(in Vietnamese)") when its words are in another language than the UI's. `lang` is the
 * record's `source_lang` (or an indicator value's); unknown → no note.
 */
export function Citation({ text, lang }: { text: string; lang: unknown }) {
  const shown = citationShownLang(text, lang);
  return (
    <>
      <span lang={shown === 'en' || shown === 'vi' ? shown : undefined} data-testid="citation">
        {splitCitation(text).map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string, never reordered.
          <Value key={i} v={part} />
        ))}
      </span>
      <LangNote of={shown} />
    </>
  );
}
