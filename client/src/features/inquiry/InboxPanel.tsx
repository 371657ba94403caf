import { useCallback, useEffect, useState } from 'react';
import type { InquiryDetail, InquiryList, InquiryPatch } from '../../../../server/src/contract/api';
import { ApiError } from '../../api/ApiError';
import type { ApiClient } from '../../api/client';
import { useInvestorText } from '../site-card/i18n/text';
import './inquiry.css';

interface Props {
  api: ApiClient;
  /** The signed-in staff member (editor or admin). */
  username: string;
}

const STATUSES = ['new', 'answered', 'closed'] as const;
type Status = (typeof STATUSES)[number];
const PAGE = 20;

function StatusOptions() {
  const { t } = useInvestorText();
  return STATUSES.map((s) => (
    <option key={s} value={s}>
      {t(`inbox.status.${s}`)}
    </option>
  ));
}

function useWhen() {
  const { lang } = useInvestorText();
  const f = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (iso: string) => f.format(new Date(iso));
}

/** The staff inbox of investor inquiries (issue 15; lazy chunk): by status, open, assign, note, status. Text only. */
export default function InboxPanel({ api, username }: Props) {
  const { t } = useInvestorText();
  const when = useWhen();
  const [status, setStatus] = useState<Status | ''>('new');
  const [list, setList] = useState<InquiryList | null>(null);
  const [open, setOpen] = useState<InquiryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const [reload, setReload] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` asks for the list again after a change.
  useEffect(() => {
    const ctl = new AbortController();
    setError(null);
    api
      .inquiries(status || undefined, limit, 0, ctl.signal)
      .then(setList)
      .catch((e: ApiError) => !ctl.signal.aborted && setError(e.detail || e.code));
    return () => ctl.abort();
  }, [api, status, limit, reload]);

  const openOne = useCallback(
    (reference: string) => {
      setError(null);
      api.inquiry(reference).then(setOpen, (e: ApiError) => setError(e.detail || e.code));
    },
    [api],
  );
  const change = (patch: InquiryPatch) => {
    if (!open) return;
    setError(null);
    api.updateInquiry(open.reference, patch).then(
      (d) => {
        setOpen(d);
        setReload((r) => r + 1);
      },
      (e: unknown) => setError(e instanceof ApiError ? e.detail || e.code : String(e)),
    );
  };

  if (open)
    return (
      <InquiryView
        inquiry={open}
        username={username}
        error={error}
        when={when}
        onChange={change}
        onBack={() => setOpen(null)}
      />
    );
  return (
    <section data-testid="inbox-panel" aria-labelledby="inbox-title">
      <h2 id="inbox-title">{t('inbox.title')}</h2>
      <label>
        {t('inbox.status')}{' '}
        <select
          data-testid="inbox-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as Status | '')}
        >
          <option value="">{t('inbox.all')}</option>
          <StatusOptions />
        </select>
      </label>
      {error && <p role="alert">{t('inbox.failed', { detail: error })}</p>}
      {list && (
        <>
          <p role="status">
            {list.numberMatched ? t('inbox.count', { count: list.numberMatched }) : t('inbox.empty')}
          </p>
          <ul className="inbox-list" data-testid="inbox-list">
            {list.inquiries.map((q) => (
              <li key={q.reference} data-testid="inbox-item" data-reference={q.reference}>
                <button type="button" onClick={() => openOne(q.reference)}>
                  <strong>{q.reference}</strong> · {t(`inbox.status.${q.status}`)} · {q.name}
                  {q.organisation && ` (${q.organisation})`}
                  <span className="inbox-meta">
                    {' '}
                    — {when(q.createdAt)} · {t('inbox.assignee')}: {q.assignee ?? t('inbox.nobody')}
                  </span>
                  <span className="inbox-preview">{q.preview}</span>
                </button>
              </li>
            ))}
          </ul>
          {list.numberMatched > list.numberReturned && (
            <button type="button" onClick={() => setLimit((l) => Math.min(100, l + PAGE))}>
              {t('inbox.more')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function InquiryView(props: {
  inquiry: InquiryDetail;
  username: string;
  error: string | null;
  when: (iso: string) => string;
  onChange: (patch: InquiryPatch) => void;
  onBack: () => void;
}) {
  const { inquiry: q, username, when, onChange } = props;
  const { t } = useInvestorText();
  const [note, setNote] = useState('');
  const mine = q.assignee === username;
  /** A status change names statuses by their titles; an assignment names users as they are. */
  const word = (action: string, v: string | null) =>
    v === null
      ? '—'
      : action === 'status' && (STATUSES as readonly string[]).includes(v)
        ? t(`inbox.status.${v as Status}`)
        : v;
  return (
    <section data-testid="inbox-detail" aria-labelledby="inbox-detail-title">
      <button type="button" data-testid="inbox-back" onClick={props.onBack}>
        {t('inbox.back')}
      </button>
      <h2 id="inbox-detail-title" data-testid="inbox-reference">
        {q.reference}
      </h2>
      {props.error && <p role="alert">{t('inbox.failed', { detail: props.error })}</p>}
      <dl className="props">
        <div>
          <dt>{t('inbox.status')}</dt>
          <dd data-testid="inbox-detail-status">{t(`inbox.status.${q.status}`)}</dd>
        </div>
        <div>
          <dt>{t('inbox.assignee')}</dt>
          <dd data-testid="inbox-detail-assignee">{q.assignee ?? t('inbox.nobody')}</dd>
        </div>
        <div>
          <dt>{t('inbox.contact')}</dt>
          <dd data-testid="inbox-detail-contact">
            {[q.name, q.organisation, q.email, q.phone].filter(Boolean).join(' · ')} (
            {t(`lang.${q.language}`)})
          </dd>
        </div>
        <div>
          <dt>{t('inbox.received')}</dt>
          <dd>{when(q.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('inquiry.sites')}</dt>
          <dd data-testid="inbox-detail-sites">{q.sites.map((s) => s.name).join(', ') || '—'}</dd>
        </div>
      </dl>
      <h3>{t('inbox.message')}</h3>
      <p className="inbox-message" data-testid="inbox-detail-message">
        {q.message}
      </p>
      <div className="actions site-actions">
        <button
          type="button"
          data-testid="inbox-assign"
          onClick={() => onChange({ assignee: mine ? null : username })}
        >
          {mine ? t('inbox.unassign') : t('inbox.assignMe')}
        </button>
        <label>
          {t('inbox.setStatus')}{' '}
          <select
            data-testid="inbox-set-status"
            value={q.status}
            onChange={(e) => onChange({ status: e.target.value as Status })}
          >
            <StatusOptions />
          </select>
        </label>
      </div>
      <div className="inquiry-field">
        <label htmlFor="inbox-note">{t('inbox.note')}</label>
        <textarea
          id="inbox-note"
          data-testid="inbox-note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="button"
          data-testid="inbox-add-note"
          disabled={note.trim() === ''}
          onClick={() => {
            onChange({ note });
            setNote('');
          }}
        >
          {t('inbox.addNote')}
        </button>
      </div>
      <h3>{t('inbox.history')}</h3>
      <ol className="inbox-history" data-testid="inbox-history">
        {q.history.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end.
          <li key={i}>
            {when(h.at)} — {h.by ?? t('inbox.sender')}: {t(`inbox.action.${h.action}`)}
            {(h.from || h.to) && ` ${word(h.action, h.from)} → ${word(h.action, h.to)}`}
            {h.note && <span className="inbox-message">: {h.note}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
