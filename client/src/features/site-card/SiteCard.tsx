import type { ApiFeature } from '../../../../server/src/contract/api';
import type { ApiClient } from '../../api/client';
import type { CatalogCollection } from '../../catalog/catalog';
import { useI18n } from '../../i18n/I18n';
import { LangNote } from '../../i18n/TextLang';
import type { FeatureRef } from '../../lib/urlState';
import { Citation, Value as ValueText } from '../inspect/Citation';
import { MAX_SHORTLIST, useShortlist } from '../shortlist/shortlistStore';
import { distanceText } from './distanceText';
import { useInvestorText } from './i18n/text';
import { distanceRows, factRows, identityRows } from './siteModel';
import { useSiteFeature } from './useSiteFeature';
import './site-card.css';

interface Props {
  api: ApiClient;
  collection: CatalogCollection & { site: NonNullable<CatalogCollection['site']> };
  feature: ApiFeature;
  onInquire: (refs: FeatureRef[]) => void;
  onNearby: (from: { lon: number; lat: number; name: string }) => void;
  onPrint: (refs: FeatureRef[]) => void;
}

/** "Source · confidence" of one value (text only); `lang`: the language of the source's words. */
export function Provenance({
  source,
  confidence,
  lang,
}: {
  source: string | null;
  confidence: string | null;
  lang?: string | undefined;
}) {
  const { t } = useI18n();
  const it = useInvestorText().t;
  if (!source && !confidence) return null;
  return (
    <span className="site-prov" data-testid="fact-provenance">
      {it('card.source')}: {source ? <Citation text={source} lang={lang} /> : it('card.noSource')}
      {confidence && (
        <>
          {' · '}
          <span className={`confidence confidence-${confidence}`}>
            {t(`confidence.${confidence}` as 'confidence.official')}
          </span>
        </>
      )}
    </span>
  );
}

/**
 * The site card of a feature whose collection has a `site` hint (issue 15): identity, every fact
 * of the schema with its own source and confidence ("not published" when no source gives it),
 * and the API's straight-line distances with both ends' precision. Text only, never HTML.
 */
export function SiteCard({ api, collection, feature, onInquire, onNearby, onPrint }: Props) {
  const { lang } = useI18n();
  const { t } = useInvestorText();
  const shortlist = useShortlist();
  const schema = collection.schema;
  const ref = { collection: collection.id, id: feature.id };
  const withSite = useSiteFeature(api, collection.id, feature);
  const site = withSite.status === 'ready' ? withSite.feature.site : undefined;
  const identity = identityRows(schema, feature, lang);
  const facts = factRows(schema, feature, lang);
  const inList = shortlist.has(ref);
  const name =
    typeof feature.properties?.[collection.label] === 'string'
      ? String(feature.properties[collection.label])
      : '';
  return (
    <section className="site-card" data-testid="site-card" aria-labelledby="site-card-title">
      <h3 id="site-card-title">{t('card.title')}</h3>
      <div className="actions site-actions">
        <button
          type="button"
          data-testid="shortlist-toggle"
          aria-pressed={inList}
          disabled={!inList && shortlist.full}
          title={!inList && shortlist.full ? t('card.shortlistFull', { max: MAX_SHORTLIST }) : undefined}
          onClick={() => (inList ? shortlist.remove(ref) : shortlist.add(ref))}
        >
          {inList ? t('card.removeShortlist') : t('card.addShortlist')}
        </button>
        <button type="button" data-testid="site-inquire" onClick={() => onInquire([ref])}>
          {t('card.inquire')}
        </button>
        {site && (
          <button
            type="button"
            data-testid="site-nearby"
            onClick={() => onNearby({ lon: site.from.coordinates[0]!, lat: site.from.coordinates[1]!, name })}
          >
            {t('card.nearby')}
          </button>
        )}
        <button type="button" data-testid="site-print" onClick={() => onPrint([ref])}>
          {t('card.print')}
        </button>
      </div>
      <DistanceTable
        rows={distanceRows(collection.site, withSite.status === 'ready' ? withSite.feature : feature, lang)}
        state={withSite.status}
      />
      <h4>{t('card.facts')}</h4>
      <dl className="props site-facts" data-testid="site-facts">
        {identity.map((r) => (
          <div key={r.key} data-fact={r.key}>
            <dt>{r.label}</dt>
            <dd>
              {r.value ? (
                <ValueText v={r.value} />
              ) : (
                <span className="not-published">{t('card.notPublished')}</span>
              )}
            </dd>
          </div>
        ))}
        {facts.map((r) => (
          <div key={r.key} data-fact={r.key} data-testid={`fact-${r.key}`}>
            <dt>{r.label}</dt>
            <dd>
              <span data-testid="fact-value">
                {r.value ? (
                  <>
                    <ValueText v={r.value} />
                    <LangNote of={r.valueLang} />
                  </>
                ) : (
                  <span className="not-published">{t('card.notPublished')}</span>
                )}
                {r.extra.map((e) => (
                  <span key={e.label} className="fact-extra">
                    {' '}
                    ({e.label}: <ValueText v={e.value} />)
                  </span>
                ))}
              </span>
              <Provenance source={r.source} confidence={r.confidence} lang={r.sourceLang} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function DistanceTable({
  rows,
  state,
}: {
  rows: ReturnType<typeof distanceRows>;
  state: 'ready' | 'loading' | 'error';
}) {
  const { lang } = useI18n();
  const { t } = useInvestorText();
  return (
    <>
      <h4>{t('card.distances')}</h4>
      <p className="site-note" data-testid="straight-line-note">
        {t('card.straightLine')}
      </p>
      {state === 'loading' && <p role="status">{t('card.loading')}</p>}
      {state === 'error' && <p role="alert">{t('card.loadFailed')}</p>}
      {state === 'ready' && (
        <table className="site-distances" data-testid="site-distances">
          <thead>
            <tr>
              <th scope="col">{t('card.measure')}</th>
              <th scope="col">{t('card.distance')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const d = r.distance;
              const text = d ? distanceText(d, lang) : null;
              const landmark = d?.landmark
                ? lang === 'en'
                  ? (d.landmark.nameEn ?? d.landmark.name)
                  : d.landmark.name
                : null;
              return (
                <tr key={r.key} data-testid={`distance-${r.key}`}>
                  <th scope="row">
                    {r.title}
                    {landmark && <span className="site-landmark">{landmark}</span>}
                  </th>
                  <td data-testid="distance-value">
                    {text ?? <span className="not-published">{t('card.noLandmark')}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
