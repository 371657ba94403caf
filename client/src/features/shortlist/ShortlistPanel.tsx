import { useState } from 'react';
import type { FeatureRef } from '../../lib/urlState';
import { useInvestorText } from '../site-card/i18n/text';
import { MAX_SHORTLIST, useShortlist } from './shortlistStore';
import './shortlist.css';

interface Props {
  /** The site's name and kind in the UI language, when it is in the loaded data. */
  describe: (ref: FeatureRef) => { name: string; kind: string } | undefined;
  onChoose: (ref: FeatureRef) => void;
  onCompare: () => void;
  onPrint: () => void;
  onInquire: () => void;
}

/** The shortlist tab: the kept sites, compare, print, share, inquire (issue 15). */
export function ShortlistPanel({ describe, onChoose, onCompare, onPrint, onInquire }: Props) {
  const { t } = useInvestorText();
  const shortlist = useShortlist();
  const [copied, setCopied] = useState(false);
  const items = shortlist.items;
  const share = items.length ? shortlist.shareUrl() : '';
  return (
    <section data-testid="shortlist-panel" aria-labelledby="shortlist-title">
      <h2 id="shortlist-title">{t('tab.shortlist')}</h2>
      {items.length === 0 ? (
        <p data-testid="shortlist-empty">{t('shortlist.empty', { max: MAX_SHORTLIST })}</p>
      ) : (
        <>
          <p className="site-note">{t('shortlist.intro', { max: MAX_SHORTLIST })}</p>
          <ol className="shortlist-items" data-testid="shortlist-items">
            {items.map((ref) => {
              const d = describe(ref);
              return (
                <li key={`${ref.collection}/${ref.id}`} data-testid="shortlist-item">
                  <button type="button" className="link-button" onClick={() => onChoose(ref)}>
                    {d ? d.name : t('shortlist.unknownSite', { ref: `${ref.collection}/${ref.id}` })}
                  </button>
                  <button type="button" data-testid="shortlist-remove" onClick={() => shortlist.remove(ref)}>
                    {t('shortlist.remove')}
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="actions site-actions">
            <button
              type="button"
              data-testid="shortlist-compare"
              disabled={items.length < 2}
              onClick={onCompare}
            >
              {t('shortlist.compare')}
            </button>
            <button type="button" data-testid="shortlist-print" onClick={onPrint}>
              {t('shortlist.print')}
            </button>
            <button type="button" data-testid="shortlist-inquire" onClick={onInquire}>
              {t('shortlist.inquire')}
            </button>
          </div>
          {items.length < 2 && <p className="site-note">{t('shortlist.compareNeeds')}</p>}
          <label>
            {t('shortlist.shareLabel')}
            <input
              className="shortlist-share"
              readOnly
              value={share}
              data-testid="shortlist-share-url"
              onFocus={(e) => e.target.select()}
            />
          </label>
          <div className="actions">
            <button
              type="button"
              data-testid="shortlist-share"
              onClick={() => {
                void navigator.clipboard?.writeText(share).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              {t('shortlist.share')}
            </button>
            {copied && <span role="status">{t('shortlist.copied')}</span>}
          </div>
        </>
      )}
    </section>
  );
}
