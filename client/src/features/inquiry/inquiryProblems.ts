/** The server's 422 `errors[]` of an inquiry as messages per field, in the UI language (by code). */
import type { FieldProblem } from '../../../../server/src/contract/api';
import type { Translate } from '../auth/i18n/text';
import type { InvestorKey } from '../site-card/i18n/text';

export type Field = 'name' | 'organisation' | 'email' | 'phone' | 'language' | 'message' | 'sites';
export const FIELDS: Field[] = ['name', 'organisation', 'email', 'phone', 'language', 'message', 'sites'];

function fieldOf(p: FieldProblem): Field | undefined {
  const f = p.field.replace(/^\/?(properties\/)?/, '').split(/[/.[]/)[0] ?? '';
  return (FIELDS as string[]).includes(f) ? (f as Field) : undefined;
}

export function problemsByField(
  problems: readonly FieldProblem[],
  t: Translate<InvestorKey>,
): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const contactMissing = ['email', 'phone'].every((f) =>
    problems.some((p) => fieldOf(p) === f && p.code === 'Required'),
  );
  for (const p of problems) {
    const field = fieldOf(p);
    if (!field || out[field]) continue;
    const limit = p.params && 'limit' in p.params ? String(p.params.limit) : '';
    const known: Record<string, InvestorKey> = {
      Required:
        contactMissing && (field === 'email' || field === 'phone')
          ? 'field.RequiredContact'
          : 'field.Required',
      InvalidFormat: 'field.InvalidFormat',
      TooLong: 'field.TooLong',
      OutOfRange: 'field.OutOfRange',
      Invalid: 'field.Invalid',
    };
    const key = known[p.code];
    out[field] = key ? t(key, { limit }) : t('field.other', { message: p.message });
  }
  return out;
}
