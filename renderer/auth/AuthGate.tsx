import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Banner } from '../components/Banner';
import { invoke } from '../api';
import { readKey, useRead } from '../data/hooks';
import { useRoute } from '../router';
import { ChangePasswordScreen } from './ChangePasswordScreen';
import { LockScreen } from './LockScreen';
import { SessionActionsContext, type SessionActions } from './session-actions';
import { onSessionLost, setSessionToken } from './session-token';
import { SetupScreen } from './SetupScreen';
import { SignInScreen } from './SignInScreen';
import { useIdleLock } from './useIdleLock';

/**
 * Nothing of the app shows until someone is signed in: first start asks for the administrator, then every
 * workstation signs in. The main process checks every call anyway (electron/host/dispatch.ts); this is the screen.
 *
 * A locked session keeps the app mounted under the lock screen, so what was being typed is still there after the
 * unlock. Ending the session (sign out, "Sign in as someone else") drops the token, the cache and the app itself
 * (remounted under a new key): the next user never sees the previous one's unsaved drafts.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const route = useRoute();
  const { data: status, error } = useRead('auth:status', {});
  // Bumped when a session ends: the app below is mounted afresh, and the status is read again from nothing.
  const [generation, setGeneration] = useState(0);
  // A call answered signed-out or locked: read the status again, so the right screen shows.
  useEffect(
    () => onSessionLost(() => void client.invalidateQueries({ queryKey: readKey('auth:status', {}) })),
    [client],
  );

  // A new session (signed in) or none (signed out): forget everything read under the old one and read it afresh.
  const restart = useCallback(() => {
    client.clear();
    setGeneration((g) => g + 1);
  }, [client]);
  const lock = useCallback(async () => {
    await invoke('auth:lock', {});
    await client.invalidateQueries({ queryKey: readKey('auth:status', {}) });
  }, [client]);
  const signOut = useCallback(async () => {
    // Whatever the main process answers, this page forgets the session and everything read under it.
    await invoke('auth:sign-out', {});
    setSessionToken(null);
    restart();
  }, [restart]);
  const actions = useMemo<SessionActions>(() => ({ lock, signOut }), [lock, signOut]);

  const user = status?.user ?? null;
  const locked = status?.locked ?? false;
  // The audience screen and print views take no input: they must not lock the presenter's session.
  const watched = route.name !== 'audience' && route.name !== 'print';
  useIdleLock(
    status?.lockMinutes ?? 15,
    () => void lock(),
    Boolean(user && user.id > 0 && !user.mustChangePassword && !locked && watched),
  );

  if (error) return <Banner message={{ kind: 'error', text: `BoardPrep cannot be reached: ${error.message}` }} />;
  if (!status) return null;
  // A live session first: a print view's read-only session works on a data folder with no users yet (the CLI).
  if (user && user.mustChangePassword)
    return (
      <SessionActionsContext.Provider value={actions}>
        <ChangePasswordScreen user={user} policy={status.policy} />
      </SessionActionsContext.Provider>
    );
  if (user)
    return (
      <SessionActionsContext.Provider value={actions}>
        {/* While locked the app stays mounted but out of reach: inert (no focus, no clicks) and hidden from readers. */}
        <div key={generation} className="gate" inert={locked} aria-hidden={locked || undefined}>
          {children}
        </div>
        {locked && <LockScreen status={status} user={user} />}
      </SessionActionsContext.Provider>
    );
  if (status.setupNeeded) return <SetupScreen onSignedIn={restart} />;
  return <SignInScreen status={status} onSignedIn={restart} />;
}
