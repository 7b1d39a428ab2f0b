import { signMediaPath } from '../shared/media-signature';
import { setSessionToken } from './auth/session-token';

/**
 * How the page proves itself to the loopback web host (see electron/host/web.ts). The printed address carries the
 * per-run token once; the page keeps it in sessionStorage (this tab only, survives a reload, never sent by the
 * browser on its own) and takes it out of the address bar. API calls and uploads send it in the X-BoardPrep-Token
 * header; files an <img> or a download link fetch get a short-lived signature of their own path instead. In the
 * desktop app (window.boardprep set) there is no token: the boardprep:// protocol answers only this app.
 */
const STORAGE_KEY = 'boardprep.token';
const TOKEN_HEADER = 'X-BoardPrep-Token';

/**
 * Called once before the app renders: the web host's token (browser only) and a session handed to a print view or
 * an audience window (`?session=`, renderer/auth/session-token.ts) move from the address into sessionStorage.
 */
export function adoptAddressToken(): void {
  const url = new URL(window.location.href);
  const token = window.boardprep ? null : url.searchParams.get('token');
  const session = url.searchParams.get('session');
  if (token === null && session === null) return;
  if (token !== null) {
    sessionStorage.setItem(STORAGE_KEY, token);
    known = token;
  }
  if (session !== null) setSessionToken(session);
  url.searchParams.delete('token');
  url.searchParams.delete('session');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

/** The token as read once from sessionStorage (a read per image tile was a tenth of drawing one). */
let known: string | null | undefined;

function webToken(): string | null {
  if (window.boardprep) return null;
  if (known === undefined) known = sessionStorage.getItem(STORAGE_KEY);
  return known;
}

/** Headers that authorise a fetch to the web host (none in the desktop app). */
export function authHeaders(): Record<string, string> {
  const token = webToken();
  return token ? { [TOKEN_HEADER]: token } : {};
}

/** The address to put in an <img src> or a download link for a /media/ path. */
export function mediaSrc(path: string): string {
  const token = webToken();
  return token && path.startsWith('/media/') ? signMediaPath(token, path, Date.now()) : path;
}
