import { lazy, Suspense } from 'react';
import { StaffMenu } from '../features/auth/StaffMenu';
import type { StaffEditing } from './useStaffEditing';

const LoginDialog = lazy(() => import('../features/auth/LoginDialog'));

interface Props {
  staff: StaffEditing;
  /** Called after the user switched edit mode on or off. */
  onEditToggled: (editing: boolean) => void;
}

/** The top bar's staff entry ("Staff login", or the user, "Edit the map" and "Log out"). */
export function StaffControls({ staff, onEditToggled }: Props) {
  if (staff.session.status === 'loading') return null;
  return (
    <>
      <StaffMenu
        user={staff.session.user}
        editing={staff.editing}
        onLoginClick={staff.openLogin}
        onLogout={() => void staff.logout()}
        onToggleEdit={() => {
          staff.toggleEditing();
          onEditToggled(!staff.editing);
        }}
      />
      {staff.loginOpen && (
        <Suspense fallback={null}>
          <LoginDialog onLogin={staff.session.login} onClose={staff.closeLogin} />
        </Suspense>
      )}
    </>
  );
}
