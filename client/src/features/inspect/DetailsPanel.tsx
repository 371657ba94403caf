import type { ReactNode } from 'react';
import type { ApiFeature } from '../../../../server/src/contract/api';
import type { PropertySchema } from '../../api/schema';
import { isCitation, propertyLabel, textLanguage } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import { LangNote } from '../../i18n/TextLang';
import { featureLabel } from '../../lib/featureLabel';
import { Citation, Value } from './Citation';
import { type DisplayValue, formatProperty, PROVENANCE_KEYS } from './formatProperty';

interface Props {
  /** What the feature is (its collection's item title). */
  kind: string;
  /** Its collection's label property (the catalog's `label`). */
  labelProperty: string;
  feature: ApiFeature | undefined;
  schema: PropertySchema | undefined;
  onZoomTo: () => void;
  onClose: () => void;
  /** Opens the area's profile (districts), when it has one. */
  onProfile?: () => void;
  /** Shown under the actions (the site card, issue 15). */
  children?: ReactNode;
  /** Properties not listed among the attributes (the site card shows them). */
  omit?: ReadonlySet<string>;
}

/** A feature's properties in readable form, its provenance, and "zoom to". Text only, never HTML. */
export function DetailsPanel({
  kind,
  labelProperty,
  feature,
  schema,
  onZoomTo,
  onClose,
  onProfile,
  children,
  omit,
}: Props) {
  const { t, lang, n } = useI18n();
  if (!feature) return <p data-testid="details-missing">{t('details.notFound')}</p>;
  const p = feature.properties ?? {};
  const vi = p[labelProperty];
  const yesNo = { yes: t('details.yes'), no: t('details.no') };
  const keys = schema?.properties ? Object.keys(schema.properties) : Object.keys(p);
  const rows = keys
    .filter((k) => !PROVENANCE_KEYS.has(k) && !omit?.has(k))
    .map((k) => ({ k, v: formatProperty(schema, k, p[k], lang, yesNo) }))
    .filter((r): r is { k: string; v: DisplayValue } => r.v !== undefined);
  const confidence = typeof p.confidence === 'string' ? p.confidence : undefined;
  const approximate = p.location_precision === 'approximate';
  const km = typeof p.location_uncertainty_km === 'number' ? p.location_uncertainty_km : undefined;
  return (
    <article data-testid="details-panel" aria-labelledby="details-title">
      <p className="kicker">{kind}</p>
      <h2 id="details-title" data-testid="details-title">
        {featureLabel(feature, lang, labelProperty)}
      </h2>
      {lang === 'en' && typeof vi === 'string' && vi !== featureLabel(feature, lang, labelProperty) && (
        <p lang="vi">{vi}</p>
      )}
      <div className="actions">
        <button type="button" data-testid="details-zoom" onClick={onZoomTo}>
          {t('details.zoomTo')}
        </button>
        {onProfile && (
          <button type="button" data-testid="details-profile" onClick={onProfile}>
            {t('profile.open')}
          </button>
        )}
        <button type="button" data-testid="details-close" onClick={onClose}>
          {t('details.close')}
        </button>
      </div>
      {children}
      <dl className="props" data-testid="details-props">
        {rows.map(({ k, v }) => (
          <div key={k}>
            <dt>{propertyLabel(schema, k, lang)}</dt>
            <dd>
              {isCitation(schema, k) && typeof p[k] === 'string' ? (
                <Citation text={p[k]} lang={textLanguage(schema, k, p)} />
              ) : (
                <>
                  <Value v={v} />
                  <LangNote of={textLanguage(schema, k, p)} />
                </>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <h3>{t('details.provenance')}</h3>
      <dl className="props" data-testid="details-provenance">
        {typeof p.source === 'string' && (
          <div>
            <dt>{t('details.source')}</dt>
            <dd>
              <Citation text={p.source} lang={p.source_lang} />
              {typeof p.source_url === 'string' && !p.source.includes(p.source_url) && (
                <>
                  {' '}
                  <Value v={{ kind: 'link', text: p.source_url, href: p.source_url }} />
                </>
              )}
            </dd>
          </div>
        )}
        {confidence && (
          <div>
            <dt>{t('details.confidence')}</dt>
            <dd data-testid="details-confidence" className={`confidence confidence-${confidence}`}>
              {t(`confidence.${confidence}` as 'confidence.official')}
            </dd>
          </div>
        )}
        {typeof p.location_precision === 'string' && (
          <div>
            <dt>{t('details.location')}</dt>
            <dd data-testid="details-location">
              {approximate
                ? km !== undefined
                  ? t('details.location.approximate', { km: n(km, 1) })
                  : t('details.location.approximateNoKm')
                : t('details.location.surveyed')}
            </dd>
          </div>
        )}
        {typeof p.location_method === 'string' && (
          <div>
            <dt>{t('details.method')}</dt>
            <dd>
              <span lang={textLanguage(schema, 'location_method', p) ?? undefined}>{p.location_method}</span>
              <LangNote of={textLanguage(schema, 'location_method', p)} />
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
}
