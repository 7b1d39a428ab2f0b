import { signMediaPath } from '../shared/media-signature';

/**
 * How the page proves itself to the loopback web host (see electron/host/web.ts). The printed address carries the
 * per-run token once; the page keeps it in sessionStorage (this tab only, survives a reload, never sent by the
 * browser on its own) and takes it out of the address bar. API calls and uploads send it in the X-BoardPrep-Token
 * header; files an <img> or a download link fetch get a short-lived signature of their own path instead. In the
 * desktop app (window.boardprep set) there is no token: the boardprep:// protocol answers only this app.
 */
const STORAGE_KEY = 'boardprep.token';
const TOKEN_HEADER = 'X-BoardPrep-Token';

/** Called once before the app renders. */
export function adoptAddressToken(): void {
  if (window.boardprep) return;
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  sessionStorage.setItem(STORAGE_KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}

function webToken(): string | null {
  return window.boardprep ? null : sessionStorage.getItem(STORAGE_KEY);
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
