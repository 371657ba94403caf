import { lazy, Suspense } from 'react';
import { StaffMenu } from '../features/auth/StaffMenu';
import { DiscardDialog } from '../features/edit/DiscardDialog';
import type { StaffEditing } from './useStaffEditing';

const LoginDialog = lazy(() => import('../features/auth/LoginDialog'));

interface Props {
  staff: StaffEditing;
  /** Called after the user switched edit mode on or off. */
  onEditToggled: (editing: boolean) => void;
}

/**
 * The top bar's staff entry ("Staff login", or the user, "Edit the map" and "Log out"). Leaving
 * edit mode or logging out with an unsaved draft asks "Discard unsaved changes?" first.
 */
export function StaffControls({ staff, onEditToggled }: Props) {
  if (staff.session.status === 'loading') return null;
  return (
    <>
      <StaffMenu
        user={staff.session.user}
        editing={staff.editing}
        onLoginClick={staff.openLogin}
        onLogout={() => staff.leaveGuard.guard(() => void staff.logout())}
        onToggleEdit={() => {
          const toggle = () => {
            staff.toggleEditing();
            onEditToggled(!staff.editing);
          };
          if (staff.editing) staff.leaveGuard.guard(toggle);
          else toggle();
        }}
      />
      {staff.leaveGuard.asking && (
        <DiscardDialog onKeep={staff.leaveGuard.keep} onDiscard={staff.leaveGuard.discard} />
      )}
      {staff.loginOpen && (
        <Suspense fallback={null}>
          <LoginDialog onLogin={staff.session.login} onClose={staff.closeLogin} />
        </Suspense>
      )}
    </>
  );
}
