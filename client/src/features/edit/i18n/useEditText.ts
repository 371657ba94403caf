import { useFeatureText } from '../../auth/i18n/text';
import en from './en.json';
import vi from './vi.json';

export type EditKey = keyof typeof vi;
const BUNDLES = { vi, en };

export function useEditText() {
  return useFeatureText<EditKey>(BUNDLES);
}

/** Formats an ISO timestamp in the language's date-time style (vi: 26/11/2026 23:05). */
export function formatDateTime(iso: string, lang: 'vi' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);
}
