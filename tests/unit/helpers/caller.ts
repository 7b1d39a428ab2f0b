import type { Caller } from '../../../electron/host/dispatch';
import type { SessionInfo } from '../../../electron/services/auth/auth-service';
import { WORKSTATION } from '../../../electron/db/actor';
import type { Role } from '../../../shared/auth/roles';

/**
 * A caller signed in with `role`, for tests about something else than signing in (those use AuthService itself:
 * tests/unit/auth/). The user id is 0: no users row, so nothing may reference it.
 */
export function callerAs(role: Role = 'chair'): Caller {
  const session: SessionInfo = {
    actor: {
      userId: null,
      name: `test-${role}`,
      displayName: `Test ${role}`,
      role,
      sessionId: null,
      workstation: WORKSTATION,
    },
    user: {
      id: 0,
      username: `test-${role}`,
      displayName: `Test ${role}`,
      role,
      specialty: null,
      mustChangePassword: false,
    },
    locked: false,
  };
  return { gate: { resolve: () => session, touch: () => undefined }, token: 'test' };
}

/** The chair can do every clinical thing: the default test caller. */
export const CHAIR = callerAs('chair');
