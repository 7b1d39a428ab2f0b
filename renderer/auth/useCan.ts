import { hasRight, type Right } from '../../shared/auth/roles';
import type { SignedInUser } from '../../shared/contract/auth';
import { useRead } from '../data/hooks';

/** The signed-in user (the gate shows nothing of the app without one, so inside the app this is set once loaded). */
export function useMe(): SignedInUser | null {
  const { data } = useRead('auth:status', {});
  return data?.user ?? null;
}

/**
 * Whether the signed-in user's role has `right`: to hide or disable what they may not do. Only the screen's
 * courtesy: the main process refuses the call anyway (electron/host/dispatch.ts), naming the right.
 */
export function useCan(right: Right): boolean {
  const me = useMe();
  return me !== null && hasRight(me.role, right);
}
