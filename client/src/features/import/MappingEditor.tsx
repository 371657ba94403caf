import { useState } from 'react';
import { useImportText } from './i18n/useImportText';
import type { FeaturePreview } from './importApi';

interface Props {
  preview: FeaturePreview;
  busy: boolean;
  onMapping: (mapping: Record<string, string | null>) => void;
  onDefaults: (defaults: Record<string, unknown>) => void;
}

const IGNORE = '';

/**
 * Which column of the file fills which field (or a location role: lon, lat, WKT, district,
 * commune). The server's suggestions are preselected, each marked with why; a change reads the
 * file again (PATCH). Required fields no column fills can take one value for every row.
 */
export function MappingEditor({ preview, busy, onMapping, onDefaults }: Props) {
  const { t, lang } = useImportText();
  const reasons = new Map(preview.suggestions.map((s) => [s.column, s]));
  const targetTitle = (name: string) => preview.targets.find((x) => x.name === name)?.title[lang] ?? name;
  return (
    <div className="import-mapping">
      <table data-testid="import-mapping">
        <thead>
          <tr>
            <th scope="col">{t('mapping.column')}</th>
            <th scope="col">{t('mapping.field')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.columns.map((column) => {
            const current = preview.mapping[column] ?? null;
            const suggestion = reasons.get(column);
            const suggested = suggestion?.target !== null && suggestion?.target === current;
            return (
              <tr key={column} data-testid="import-mapping-row" data-column={column}>
                <th scope="row">{column}</th>
                <td>
                  <select
                    aria-label={t('mapping.fieldFor', { column })}
                    value={current ?? IGNORE}
                    disabled={busy}
                    data-testid="import-mapping-select"
                    onChange={(e) =>
                      onMapping({
                        ...preview.mapping,
                        [column]: e.target.value === IGNORE ? null : e.target.value,
                      })
                    }
                  >
                    <option value={IGNORE}>{t('mapping.ignore')}</option>
                    {preview.targets.map((target) => (
                      <option key={target.name} value={target.name}>
                        {target.title[lang]}
                        {target.required ? ' *' : ''}
                      </option>
                    ))}
                  </select>
                  {suggested && suggestion?.reason && (
                    <span className="import-hint"> {t(`mapping.reason.${suggestion.reason}`)}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {preview.unfilled.length > 0 && (
        <Defaults
          unfilled={preview.unfilled}
          title={targetTitle}
          busy={busy}
          onApply={(name, value) => onDefaults({ ...preview.defaults, [name]: value })}
        />
      )}
    </div>
  );
}

function Defaults({
  unfilled,
  title,
  busy,
  onApply,
}: {
  unfilled: string[];
  title: (name: string) => string;
  busy: boolean;
  onApply: (name: string, value: string) => void;
}) {
  const { t } = useImportText();
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <div className="import-defaults" data-testid="import-unfilled">
      <p>{t('mapping.unfilled')}</p>
      {unfilled.map((name) => (
        <form
          key={name}
          className="import-default"
          onSubmit={(e) => {
            e.preventDefault();
            const v = values[name]?.trim();
            if (v) onApply(name, v);
          }}
        >
          <label>
            {title(name)}
            <input
              value={values[name] ?? ''}
              data-testid={`import-default-${name}`}
              onChange={(e) => setValues({ ...values, [name]: e.target.value })}
            />
          </label>
          <button type="submit" disabled={busy || !values[name]?.trim()}>
            {t('mapping.applyDefault')}
          </button>
        </form>
      ))}
    </div>
  );
}
