import type { FieldDef } from '../form/form.model';
import { useEditText } from '../i18n/useEditText';
import { type DiffRow, displayValue, geometrySummary } from './diff.model';

interface Props {
  rows: DiffRow[];
  fields: FieldDef[];
  testId?: string;
}

/** A before/after table of changed fields (plain text; geometry summarised). */
export function DiffTable({ rows, fields, testId }: Props) {
  const { t, lang } = useEditText();
  if (rows.length === 0) return <p data-testid={testId}>{t('history.noDiff')}</p>;
  const words = { yes: t('form.yes'), no: t('form.no') };
  const byName = new Map(fields.map((f) => [f.name, f]));
  const show = (field: string, v: unknown) =>
    field === 'geometry' ? geometrySummary(v, lang) : displayValue(byName.get(field), v, lang, words);
  return (
    <table className="diff-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('diff.field')}</th>
          <th scope="col">{t('diff.before')}</th>
          <th scope="col">{t('diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field} data-field={r.field}>
            <th scope="row">
              {r.field === 'geometry' ? t('diff.geometry') : (byName.get(r.field)?.label[lang] ?? r.field)}
            </th>
            <td>{show(r.field, r.before)}</td>
            <td>{show(r.field, r.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
