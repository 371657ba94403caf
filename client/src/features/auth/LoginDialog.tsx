import './auth.css';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useModalDialog } from '../dialog/useModalDialog';
import { useAuthText } from './i18n/useAuthText';
import { loginErrorMessage } from './loginError';

interface Props {
  /** Resolves when signed in (the dialog then closes itself via onClose); rejects with the error. */
  onLogin: (username: string, password: string) => Promise<void>;
  onClose: () => void;
}

/** Modal staff login: username and password; 401 and 429 shown as plain, localized messages. */
export function LoginDialog({ onLogin, onClose }: Props) {
  const { t } = useAuthText();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useModalDialog(ref);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (username.trim() === '' || password === '') {
      setError(t('auth.error.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onLogin(username.trim(), password);
      setPassword('');
      onClose();
    } catch (err) {
      const m = loginErrorMessage(err);
      setError(t(m.key, m.params));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="edit-dialog login-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="login-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`}>{t('auth.dialogTitle')}</h2>
        <label htmlFor={`${id}-user`}>{t('auth.username')}</label>
        <input
          id={`${id}-user`}
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="login-username"
        />
        <label htmlFor={`${id}-pass`}>{t('auth.password')}</label>
        <input
          id={`${id}-pass`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="login-password"
        />
        {error && (
          <p role="alert" className="edit-error" data-testid="login-error">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={busy} data-testid="login-submit">
            {busy ? t('auth.submitting') : t('auth.submit')}
          </button>
          <button type="button" onClick={onClose} data-testid="login-cancel">
            {t('auth.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

export default LoginDialog;
