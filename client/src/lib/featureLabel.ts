import type { ApiFeature } from '../../../server/src/contract/api';
import type { Lang } from './format';

/** The display name of a feature: `name` in Vietnamese, `name_en` (if any) in English. */
export function featureLabel(f: ApiFeature, lang: Lang): string {
  const p = f.properties ?? {};
  const vi = typeof p.name === 'string' ? p.name : `#${f.id}`;
  if (lang === 'en' && typeof p.name_en === 'string' && p.name_en !== '') return p.name_en;
  return vi;
}

export function refKey(collection: string, id: number): string {
  return `${collection}/${id}`;
}
