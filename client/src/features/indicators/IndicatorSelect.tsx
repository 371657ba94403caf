import type { IndicatorMeta } from '../../../../server/src/contract/api';
import { useI18n } from '../../i18n/I18n';

interface Props {
  indicators: IndicatorMeta[];
  value: string | undefined;
  onChange: (id: string) => void;
  testId: string;
}

/** The indicator chooser; illustrative indicators say so in their name. */
export function IndicatorSelect({ indicators, value, onChange, testId }: Props) {
  const { t, lang } = useI18n();
  return (
    <label className="field">
      <span>{t('indicators.choose')}</span>
      <select data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {indicators.map((i) => (
          <option key={i.id} value={i.id}>
            {i.statuses.includes('illustrative')
              ? `${i.title[lang]} (${t('indicators.illustrativeTag')})`
              : i.title[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}
