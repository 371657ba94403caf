import type { ApiFeature } from '../../../server/src/contract/api';
import type { Lang } from './format';

/**
 * The display name of a feature from its label property (the catalog's `label`, default `name`):
 * `<label>` in Vietnamese, `<label>_en` (if any) in English; `#id` when it has none.
 */
export function featureLabel(f: ApiFeature, lang: Lang, property = 'name'): string {
  const p = f.properties ?? {};
  const own = p[property];
  const vi = typeof own === 'string' && own !== '' ? own : `#${f.id}`;
  const en = p[`${property}_en`];
  if (lang === 'en' && typeof en === 'string' && en !== '') return en;
  return vi;
}

export function refKey(collection: string, id: number): string {
  return `${collection}/${id}`;
}
