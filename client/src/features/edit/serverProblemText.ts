import type { FieldProblem } from '../../../../server/src/contract/api';
import { formatNumber, type Lang } from '../../lib/format';
import type { EditKey } from './i18n/useEditText';

type Translate = (key: EditKey, params?: Record<string, string | number>) => string;

const COMPARISON: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };
/** Years are written plain (1900, not 1.900). */
const YEAR_FIELD = /(^|[._])(\w+_)?year$/;

/**
 * A server field problem (422 `errors[]`) in the UI language: the message for its `code`, filled
 * with its `params` (numbers in the locale's format). A code this client does not know falls back
 * to the server's English text, marked as English in the Vietnamese UI.
 */
export function serverProblemText(
  problem: Omit<FieldProblem, 'code'> & { code: string },
  t: Translate,
  lang: Lang,
): string {
  const key = `server.error.${problem.code}` as EditKey;
  const template = t(key);
  if (template === key) return lang === 'en' ? problem.message : `${problem.message} ${t('form.english')}`;
  const params: Record<string, string | number> = {};
  const plainNumbers = YEAR_FIELD.test(problem.field);
  for (const [name, value] of Object.entries(problem.params ?? {})) {
    params[name] =
      name === 'comparison'
        ? (COMPARISON[String(value)] ?? value)
        : typeof value === 'number' && !plainNumbers
          ? formatNumber(value, lang)
          : value;
  }
  return t(key, params);
}
