import './auth.css';
import type { SessionUser } from '../../api/client';
import { useAuthText } from './i18n/useAuthText';

interface Props {
  user: SessionUser | null;
  /** True while the edit panel is open. */
  editing: boolean;
  onLoginClick: () => void;
  onLogout: () => void;
  onToggleEdit: () => void;
}

/**
 * The staff entry in the top bar: "Staff login" for visitors; for a signed-in user their name and
 * role, "Edit the map" (editors and admins) and "Log out".
 */
export function StaffMenu({ user, editing, onLoginClick, onLogout, onToggleEdit }: Props) {
  const { t } = useAuthText();
  if (!user) {
    return (
      <button type="button" className="staff-login" onClick={onLoginClick} data-testid="staff-login">
        {t('auth.staffLogin')}
      </button>
    );
  }
  const canEdit = user.role === 'editor' || user.role === 'admin';
  return (
    <div className="staff-menu" data-testid="staff-menu">
      <span className="staff-user" data-testid="staff-user">
        {/* The label is visually hidden on phones (still read out), so the row fits. */}
        <span className="staff-user-label">{`${t('auth.signedIn')} `}</span>
        {t('auth.userRole', { username: user.username, role: t(`auth.role.${user.role}`) })}
      </span>
      {canEdit && (
        <button type="button" aria-pressed={editing} onClick={onToggleEdit} data-testid="staff-edit-toggle">
          {editing ? t('auth.exitEdit') : t('auth.editMode')}
        </button>
      )}
      <button type="button" onClick={onLogout} data-testid="staff-logout">
        {t('auth.logout')}
      </button>
    </div>
  );
}
