import { useId, useState } from 'react';
import type { FieldProblem } from '../../../../../server/src/contract/api';
import { useEditText } from '../i18n/useEditText';
import { serverProblemText } from '../serverProblemText';
import { FieldInput } from './FieldInput';
import { type FieldDef, type FormValue, type FormValues, mustFill } from './form.model';
import type { FormIssues } from './form.validation';

interface Props {
  fields: FieldDef[];
  values: FormValues;
  /** Client-side issues (validateForm), recomputed by the parent on every change. */
  issues: FormIssues;
  /** Server field problems (422 `errors[]`) by field name, shown in the UI language. */
  serverErrors: Record<string, FieldProblem[]>;
  /** After a save attempt every issue shows, not only those of fields already touched. */
  showAllIssues: boolean;
  onChange: (name: string, value: FormValue) => void;
}

/**
 * The attribute form generated from a collection's schema: one labelled input per property,
 * issues shown next to their field as the user types (after the field is touched), server
 * errors next to the same fields, computed properties read-only. Text only, never HTML.
 */
export function AttributeForm({ fields, values, issues, serverErrors, showAllIssues, onChange }: Props) {
  const { t, lang } = useEditText();
  const formId = useId();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const touch = (name: string) => setTouched((prev) => (prev.has(name) ? prev : new Set([...prev, name])));

  return (
    <div className="attribute-form" data-testid="attribute-form">
      {fields.map((f) => {
        const id = `${formId}-${f.name}`;
        const issue = showAllIssues || touched.has(f.name) ? issues[f.name] : undefined;
        const server = serverErrors[f.name] ?? [];
        const errorId = issue || server.length > 0 ? `${id}-error` : undefined;
        return (
          <div key={f.name} className={`field field-${f.kind}`} data-field={f.name}>
            {f.kind === 'stringList' ? (
              <span className="field-label" id={`${id}-label`}>
                {f.label[lang]}
              </span>
            ) : (
              <label htmlFor={id}>
                {f.label[lang]}
                {mustFill(f) && <span className="field-required"> ({t('form.required')})</span>}
                {f.computed && <span className="field-computed"> ({t('form.computed')})</span>}
              </label>
            )}
            {f.fromLocation && (
              <p className="field-hint" id={`${id}-hint`}>
                {t('editor.fromLocationHint')}
              </p>
            )}
            <FieldInput
              field={f}
              id={id}
              value={values[f.name] ?? ''}
              lang={lang}
              t={t}
              invalid={Boolean(issue) || server.length > 0}
              describedBy={
                [errorId, f.fromLocation ? `${id}-hint` : undefined].filter(Boolean).join(' ') || undefined
              }
              onChange={(v) => {
                touch(f.name);
                onChange(f.name, v);
              }}
              onBlur={() => touch(f.name)}
            />
            {errorId && (
              <div id={errorId} className="field-error" data-testid={`field-error-${f.name}`}>
                {issue && <p>{t(`form.error.${issue.code}`, issue.params)}</p>}
                {server.map((p) => (
                  <p key={`${p.code}:${p.message}`}>{serverProblemText(p, t, lang)}</p>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
