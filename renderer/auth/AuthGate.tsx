import { useEffect, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Banner } from '../components/Banner';
import { readKey, useRead } from '../data/hooks';
import { onSessionLost } from './session-token';
import { SetupScreen } from './SetupScreen';
import { SignInScreen } from './SignInScreen';

/**
 * Nothing of the app shows until someone is signed in: first start asks for the administrator, then every
 * workstation signs in. The main process checks every call anyway (electron/host/dispatch.ts); this is the screen.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const { data: status, error } = useRead('auth:status', {});
  // A call answered signed-out or locked: read the status again, so the right screen shows.
  useEffect(
    () => onSessionLost(() => void client.invalidateQueries({ queryKey: readKey('auth:status', {}) })),
    [client],
  );
  if (error) return <Banner message={{ kind: 'error', text: `BoardPrep cannot be reached: ${error.message}` }} />;
  if (!status) return null;
  // A live session first: a print view's read-only session works on a data folder with no users yet (the CLI).
  if (status.user) return <>{children}</>;
  if (status.setupNeeded) return <SetupScreen />;
  return <SignInScreen status={status} />;
}
