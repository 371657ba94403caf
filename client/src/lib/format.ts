/** Locale-aware formatting. Locales: 'vi' (6.892; 1,5) and 'en' (6,892; 1.5). */
export type Lang = 'vi' | 'en';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Formats a number with at most `maxFractionDigits` decimals in the locale's style. */
export function formatNumber(value: number, lang: Lang, maxFractionDigits = 2): string {
  const key = `${lang}:${maxFractionDigits}`;
  let fmt = numberFormats.get(key);
  if (!fmt) {
    fmt = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', {
      maximumFractionDigits: maxFractionDigits,
    });
    numberFormats.set(key, fmt);
  }
  return fmt.format(value);
}

const ATTACHED_UNITS = new Set(['%', '°', '′', '″']);

/** A value with its unit ("6.892 ha"); symbol units ("%", "°", "′") attach without a space ("104,25°"). */
export function formatWithUnit(
  value: number,
  unit: string | undefined,
  lang: Lang,
  maxFractionDigits = 2,
): string {
  const n = formatNumber(value, lang, maxFractionDigits);
  if (!unit) return n;
  return ATTACHED_UNITS.has(unit) ? `${n}${unit}` : `${n} ${unit}`;
}

/** A class range for a legend: "1.302 – 3.150". */
export function formatRange(from: number, to: number, lang: Lang, maxFractionDigits = 1): string {
  return `${formatNumber(from, lang, maxFractionDigits)} – ${formatNumber(to, lang, maxFractionDigits)}`;
}

/** Formats an ISO timestamp in the language's short date-time style (as the editor's history shows it). */
export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);
}
