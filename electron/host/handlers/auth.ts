import type { AuthChannel } from '../../../shared/contract/auth';
import type { AuthService, SessionInfo } from '../../services/auth/auth-service';
import type { Call } from '../dispatch';
import type { HandlerSlice } from './slice';

const done = { done: true as const };

/** The dispatcher admits these channels only with a session; this says so to the type system. */
function live(call: Call): SessionInfo {
  if (!call.session) throw new Error('a session channel was called without a session');
  return call.session;
}

export function authHandlers({ auth }: { auth: AuthService }): HandlerSlice<AuthChannel> {
  return {
    'auth:status': (_input, call) => auth.status(call.session),
    'auth:setup': (first) => auth.setup(first),
    'auth:sign-in': ({ username, password }) => auth.signIn(username, password),
    'auth:sign-out': (_input, call) => (auth.signOut(live(call)), done),
    'auth:lock': (_input, call) => (auth.lock(live(call)), done),
    'auth:unlock': ({ password }, call) => auth.unlock(live(call), password),
    'auth:changePassword': ({ current, next }, call) => auth.changePassword(live(call).user.id, current, next),
    'users:directory': () =>
      auth
        .list()
        .filter((u) => !u.disabled)
        .map(({ id, displayName, role, specialty }) => ({ id, displayName, role, specialty })),
    'users:list': () => auth.list(),
    'users:create': ({ password, ...user }) => auth.create({ ...user, password, mustChange: true }),
    'users:update': ({ id, ...changes }, call) => auth.update(id, changes, live(call).actor.userId),
    'users:resetPassword': ({ id, password }) => auth.resetPassword(id, password),
    'settings:security': () => auth.policy(),
    'settings:setSecurity': (settings) => auth.setPolicy(settings),
  };
}
