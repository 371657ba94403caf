import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useState } from 'react';
import type { ApiClient, SessionUser } from '../api/client';
import { type Session, useSession } from '../features/auth/useSession';
import { type DiscardGuard, useDiscardGuard } from '../features/edit/useDiscardGuard';

export interface StaffEditing {
  session: Session;
  /**
   * Who the editor works for: the signed-in user, or, while a login after an expired session is
   * pending, the user whose session expired (so the open editor and its draft stay).
   */
  editorUser: SessionUser | null;
  /** Edit mode is on and the user may edit (editor or admin). */
  editing: boolean;
  /** Edit mode is on and the map exists: the editor can be mounted. */
  editorOpen: boolean;
  map: MapLibreMap | null;
  /** For MapView's `onMapReady`: the map once its first style loaded, null on removal. */
  onMapReady: (map: MapLibreMap | null) => void;
  toggleEditing: () => void;
  closeEditor: () => void;
  /** A write answered 401: sign the page out and ask for the login again, keeping the editor. */
  sessionExpired: () => void;
  loginOpen: boolean;
  openLogin: () => void;
  closeLogin: () => void;
  logout: () => Promise<void>;
  /** The editor reports whether its draft has unsaved changes. */
  onDraftDirty: (dirty: boolean) => void;
  /** A new feature is being drawn: map clicks are drawing input (no pick, no chooser). */
  drawing: boolean;
  onDrawing: (drawing: boolean) => void;
  /**
   * Guards leaving the editor (leave edit mode, close, log out): with unsaved changes the action
   * waits for "Discard unsaved changes?" (show `DiscardDialog` while `asking`).
   */
  leaveGuard: DiscardGuard;
}

/**
 * The staff side of the map screen: the session (who am I, login, logout), the login dialog's
 * visibility, edit mode, and the map handle the editor draws on. Logging out ends edit mode; an
 * expired session keeps the editor open behind the login dialog, and closing that dialog without
 * signing in ends edit mode.
 */
export function useStaffEditing(editApi: ApiClient): StaffEditing {
  const session = useSession(editApi);
  const [editing, setEditing] = useState(false);
  const [loginOpen, setLoginOpen] = useState(false);
  const [expiredUser, setExpiredUser] = useState<SessionUser | null>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const [draftDirty, setDraftDirty] = useState(false);
  const [drawing, setDrawing] = useState(false);
  const editorUser = session.user ?? expiredUser;
  const canEdit = editorUser?.role === 'editor' || editorUser?.role === 'admin';
  const leaveGuard = useDiscardGuard(editing && draftDirty);
  const { logout: sessionLogout, expired, user } = session;
  const logout = useCallback(async () => {
    setEditing(false);
    setExpiredUser(null);
    await sessionLogout();
  }, [sessionLogout]);
  const sessionExpired = useCallback(() => {
    setExpiredUser(user);
    expired();
    setLoginOpen(true);
  }, [user, expired]);
  const closeLogin = useCallback(() => {
    setLoginOpen(false);
    // Signed in again (any user: their own role decides), or gave up: the stand-in ends.
    setExpiredUser(null);
  }, []);
  return {
    session,
    editorUser,
    editing: editing && canEdit,
    editorOpen: editing && canEdit && map !== null,
    map,
    onMapReady: setMap,
    toggleEditing: () => setEditing((on) => !on),
    closeEditor: () => setEditing(false),
    sessionExpired,
    loginOpen,
    openLogin: () => setLoginOpen(true),
    closeLogin,
    logout,
    onDraftDirty: setDraftDirty,
    drawing: editing && canEdit && map !== null && drawing,
    onDrawing: setDrawing,
    leaveGuard,
  };
}
