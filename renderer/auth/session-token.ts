/**
 * The signed-in user's session token (auth:sign-in answers it). Kept in sessionStorage: this tab only, kept across
 * a reload, gone when the window closes; never in localStorage, never in a cookie. Every API call carries it
 * (renderer/api.ts). A print view or an audience window gets it in its address once (`?session=`), like the web
 * host's token, and takes it out of the address bar.
 */
const KEY = 'boardprep.session';

export function sessionToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function setSessionToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, token);
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called when a call answers signed-out or locked: the gate reads auth:status again and shows the right screen. */
export function onSessionLost(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function sessionLost(): void {
  for (const listener of listeners) listener();
}
