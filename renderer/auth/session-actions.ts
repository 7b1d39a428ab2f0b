import { createContext, useContext } from 'react';

/**
 * What the signed-in page can do with its session, given by the gate (renderer/auth/AuthGate.tsx), which owns the
 * session's screens: lock it now, or end it (sign out, or hand the workstation to someone else).
 */
export interface SessionActions {
  /** Locks the session: the page stays as it is (unsaved edits too) behind the lock screen. */
  lock: () => Promise<void>;
  /** Ends the session and drops everything the page held for this user, unsaved edits included. */
  signOut: () => Promise<void>;
}

export const SessionActionsContext = createContext<SessionActions | null>(null);

export function useSessionActions(): SessionActions {
  const actions = useContext(SessionActionsContext);
  if (!actions) throw new Error('useSessionActions is used outside the sign-in gate');
  return actions;
}
