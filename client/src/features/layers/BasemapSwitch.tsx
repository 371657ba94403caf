import { useI18n } from '../../i18n/I18n';
import type { BasemapId } from '../../lib/urlState';

interface Props {
  value: BasemapId;
  customAvailable: boolean;
  onChange: (id: BasemapId) => void;
}

export function BasemapSwitch({ value, customAvailable, onChange }: Props) {
  const { t } = useI18n();
  const options: BasemapId[] = customAvailable ? ['offline', 'osm', 'custom'] : ['offline', 'osm'];
  return (
    <fieldset className="field" data-testid="basemap-switch">
      <legend>{t('basemap.label')}</legend>
      {options.map((id) => (
        <label key={id} className="radio">
          <input
            type="radio"
            name="basemap"
            data-testid={`basemap-${id}`}
            checked={value === id}
            onChange={() => onChange(id)}
          />
          {t(`basemap.${id}`)}
        </label>
      ))}
    </fieldset>
  );
}
