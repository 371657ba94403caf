import type { Lang } from '../../../lib/format';
import type { EditKey } from '../i18n/useEditText';
import { type FieldDef, type FormValue, mustFill } from './form.model';

interface Props {
  field: FieldDef;
  id: string;
  value: FormValue;
  lang: Lang;
  t: (key: EditKey, params?: Record<string, string | number>) => string;
  invalid: boolean;
  describedBy?: string;
  onChange: (value: FormValue) => void;
  onBlur: () => void;
}

/** The right input for one schema property (text, textarea, number with unit, year, select, checkbox, list). */
export function FieldInput({ field, id, value, lang, t, invalid, describedBy, onChange, onBlur }: Props) {
  const common = {
    id,
    name: field.name,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': mustFill(field) || undefined,
    readOnly: field.computed,
    onBlur,
    'data-testid': `field-${field.name}`,
  };
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'checkbox':
      return (
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          disabled={field.computed}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'select':
      return (
        <select {...common} value={text} disabled={field.computed} onChange={(e) => onChange(e.target.value)}>
          {(field.nullable || field.fromLocation || text === '') && (
            <option value="">
              {field.fromLocation
                ? t('form.fromLocation')
                : field.nullable
                  ? t('form.none')
                  : t('form.choose')}
            </option>
          )}
          {(field.options ?? [])
            .filter((o): o is { value: string; title: { vi: string; en: string } } => o.value !== null)
            .map((o) => (
              <option key={o.value} value={o.value}>
                {o.title[lang]}
              </option>
            ))}
        </select>
      );
    case 'textarea':
      return <textarea {...common} rows={3} value={text} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
    case 'integer':
    case 'year': {
      const input = (
        <input
          {...common}
          type="text"
          inputMode={field.kind === 'number' ? 'decimal' : 'numeric'}
          size={field.kind === 'year' ? 6 : 12}
          maxLength={field.kind === 'year' ? 4 : undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      const unit = field.unit?.[lang];
      return unit ? (
        <span className="field-with-unit">
          {input} <span className="unit">{unit}</span>
        </span>
      ) : (
        input
      );
    }
    case 'stringList':
      return <ListInput {...{ field, id, value, t, invalid, onChange, onBlur }} />;
    default:
      return (
        <input
          {...common}
          type={field.kind === 'url' ? 'url' : 'text'}
          value={text}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

function ListInput({
  field,
  id,
  value,
  t,
  onChange,
  onBlur,
  invalid,
}: Pick<Props, 'field' | 'id' | 'value' | 't' | 'invalid' | 'onChange' | 'onBlur'>) {
  const list = Array.isArray(value) ? value : [];
  const set = (i: number, s: string) => onChange(list.map((x, j) => (j === i ? s : x)));
  return (
    <fieldset
      className="field-list"
      id={id}
      aria-labelledby={`${id}-label`}
      aria-invalid={invalid || undefined}
      data-testid={`field-${field.name}`}
      disabled={field.computed}
    >
      {list.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity of list items being typed.
        <div key={i} className="field-list-item">
          <input
            aria-label={t('form.item', { n: i + 1 })}
            value={item}
            onChange={(e) => set(i, e.target.value)}
            onBlur={onBlur}
          />
          <button
            type="button"
            aria-label={t('form.removeItem', { n: i + 1 })}
            onClick={() => onChange(list.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...list, ''])}>
        {t('form.addItem')}
      </button>
    </fieldset>
  );
}
