import { useI18n } from '../../i18n/I18n';

/** Vietnamese / English; the choice is remembered by the I18nProvider's owner. */
export function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <fieldset className="lang-switch" data-testid="lang-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {(['vi', 'en'] as const).map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          data-testid={`lang-${l}`}
          aria-pressed={lang === l}
          onClick={() => setLang(l)}
        >
          {l === 'vi' ? 'VI' : 'EN'}
          <span className="visually-hidden"> {t(`lang.${l}`)}</span>
        </button>
      ))}
    </fieldset>
  );
}
