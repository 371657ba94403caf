import { type FormEvent, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { FieldProblem, InquiryReceipt } from '../../../../server/src/contract/api';
import { ApiError } from '../../api/ApiError';
import type { ApiClient } from '../../api/client';
import type { Lang } from '../../lib/format';
import type { FeatureRef } from '../../lib/urlState';
import { useModalDialog } from '../dialog/useModalDialog';
import { useInvestorText } from '../site-card/i18n/text';
import { type Field, problemsByField } from './inquiryProblems';
import '../shortlist/shortlist.css';
import './inquiry.css';

interface Props {
  api: ApiClient;
  /** The sites concerned, with their names for the list. */
  sites: { ref: FeatureRef; name: string }[];
  onClose: () => void;
}

type Failure = { kind: 'tooMany'; minutes: number } | { kind: 'fields' } | { kind: 'failed'; detail: string };
type Form = Record<'name' | 'organisation' | 'email' | 'phone' | 'message', string>;
const EMPTY: Form = { name: '', organisation: '', email: '', phone: '', message: '' };

/**
 * The investor's inquiry (issue 15; lazy chunk): sends the form and the chosen sites, shows the
 * reference; the server's problems next to their fields in the UI language; 429 says when to retry.
 */
export default function InquiryDialog({ api, sites, onClose }: Props) {
  const { t, lang } = useInvestorText();
  const ref = useRef<HTMLDialogElement>(null);
  useModalDialog(ref);
  const [form, setForm] = useState<Form>(EMPTY);
  const [answerLang, setAnswerLang] = useState<Lang>(lang);
  const [chosen, setChosen] = useState(() => new Set(sites.map((s) => `${s.ref.collection}/${s.ref.id}`)));
  // Kept as the server sent them, so the messages follow a change of the UI language.
  const [fieldProblems, setFieldProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<Failure | null>(null);
  const errors: Partial<Record<Field, string>> = problemsByField(fieldProblems, t);
  const problem =
    failure?.kind === 'tooMany'
      ? t('inquiry.tooMany', { minutes: failure.minutes })
      : failure?.kind === 'fields'
        ? t('inquiry.problems')
        : failure
          ? t('inquiry.failed', { detail: failure.detail })
          : null;
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<InquiryReceipt | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setFailure(null);
    setFieldProblems([]);
    const opt = (v: string) => (v.trim() === '' ? undefined : v);
    try {
      const r = await api.sendInquiry({
        name: form.name,
        organisation: opt(form.organisation),
        email: opt(form.email),
        phone: opt(form.phone),
        language: answerLang,
        message: form.message,
        sites: sites.filter((s) => chosen.has(`${s.ref.collection}/${s.ref.id}`)).map((s) => s.ref),
      });
      setReceipt(r);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.status === 429) {
        setFailure({
          kind: 'tooMany',
          minutes: Math.max(1, Math.ceil((err.retryAfterSeconds ?? 3600) / 60)),
        });
      } else if (err.fieldErrors.length) {
        setFieldProblems(err.fieldErrors);
        setFailure({ kind: 'fields' });
        const first = Object.keys(problemsByField(err.fieldErrors, t))[0];
        if (first) ref.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      } else setFailure({ kind: 'failed', detail: err.detail || err.code });
    } finally {
      setSending(false);
    }
  };

  const input = (name: keyof Form, label: string, type = 'text') => (
    <div className="inquiry-field">
      <label htmlFor={`inquiry-${name}`}>{label}</label>
      {name === 'message' ? (
        <textarea
          id={`inquiry-${name}`}
          name={name}
          rows={5}
          value={form[name]}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? `inquiry-${name}-error` : undefined}
          onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        />
      ) : (
        <input
          id={`inquiry-${name}`}
          name={name}
          type={type}
          value={form[name]}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={errors[name] ? `inquiry-${name}-error` : undefined}
          onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        />
      )}
      {errors[name] && (
        <span className="field-error" id={`inquiry-${name}-error`} data-testid={`inquiry-error-${name}`}>
          {errors[name]}
        </span>
      )}
    </div>
  );

  return createPortal(
    <dialog
      ref={ref}
      className="investor-dialog inquiry-dialog"
      aria-labelledby="inquiry-title"
      data-testid="inquiry-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="inquiry-title">{t('inquiry.title')}</h2>
      {receipt ? (
        <>
          <p role="status" data-testid="inquiry-receipt">
            {t('inquiry.sent', { reference: receipt.reference })}
          </p>
          <p>
            <strong data-testid="inquiry-reference">{receipt.reference}</strong> — {t('inquiry.keepRef')}
          </p>
          <div className="actions">
            {/* biome-ignore lint/a11y/noAutofocus: the only action left. */}
            <button type="button" autoFocus data-testid="inquiry-close" onClick={onClose}>
              {t('inquiry.close')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate data-testid="inquiry-form">
          <p className="site-note">{t('inquiry.intro')}</p>
          {input('name', t('inquiry.name'))}
          {input('organisation', t('inquiry.organisation'))}
          <p className="site-note">{t('inquiry.contactHint')}</p>
          {input('email', t('inquiry.email'), 'email')}
          {input('phone', t('inquiry.phone'), 'tel')}
          <div className="inquiry-field">
            <label htmlFor="inquiry-language">{t('inquiry.language')}</label>
            <select
              id="inquiry-language"
              name="language"
              value={answerLang}
              onChange={(e) => setAnswerLang(e.target.value as Lang)}
            >
              <option value="vi">{t('lang.vi')}</option>
              <option value="en">{t('lang.en')}</option>
            </select>
          </div>
          {input('message', t('inquiry.message'))}
          <fieldset className="inquiry-field" data-testid="inquiry-sites">
            <legend>{t('inquiry.sites')}</legend>
            {sites.length === 0 && <p>{t('inquiry.noSites')}</p>}
            {sites.map((s) => {
              const key = `${s.ref.collection}/${s.ref.id}`;
              return (
                <label key={key} className="inquiry-site">
                  <input
                    type="checkbox"
                    name="sites"
                    checked={chosen.has(key)}
                    onChange={(e) => {
                      const next = new Set(chosen);
                      if (e.target.checked) next.add(key);
                      else next.delete(key);
                      setChosen(next);
                    }}
                  />{' '}
                  {s.name}
                </label>
              );
            })}
            {errors.sites && (
              <span className="field-error" data-testid="inquiry-error-sites">
                {errors.sites}
              </span>
            )}
          </fieldset>
          {problem && (
            <p role="alert" className="field-error" data-testid="inquiry-problem">
              {problem}
            </p>
          )}
          <div className="actions">
            <button type="button" data-testid="inquiry-cancel" onClick={onClose}>
              {t('inquiry.cancel')}
            </button>
            <button type="submit" data-testid="inquiry-send" disabled={sending}>
              {sending ? t('inquiry.sending') : t('inquiry.send')}
            </button>
          </div>
        </form>
      )}
    </dialog>,
    document.body,
  );
}
