/**
 * What BoardPrep's pages may do beyond drawing themselves: navigate (only within boardprep://app), open windows
 * (never; a user's click on an allow-listed https link opens the system browser), ask for permissions (only full
 * screen and writing the clipboard, only from our origin), reach devices (never). Plain Node and typed
 * structurally, so the decisions and their wiring are unit-tested without Electron; electron/shell/main.ts attaches them
 * to every web contents the app creates (main, audience, offscreen print) on `web-contents-created`.
 */

/** The renderer's own scheme and origin (electron/shell/app-protocol.ts serves it). */
export const APP_SCHEME = 'boardprep';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export function isTrustedUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Hosts a link may open in the system browser: the video meeting services a board's "video link" points to.
 * A subdomain counts (hospital.zoom.us); anything else stays closed.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'teams.microsoft.com',
  'teams.live.com',
  'zoom.us',
  'meet.google.com',
  'webex.com',
  'whereby.com',
  'meet.jit.si',
];

/** https, no credentials in the URL, a host on the list. */
export function isAllowedExternal(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/** How long after a click or key press a window.open still counts as the user's. */
export const USER_ACTIVATION_MS = 1000;

/**
 * Whether the user just did something in a page. Electron does not say whether window.open came from a gesture, so
 * main watches the page's own input (before-mouse-event, before-input-event): a link opens only right after a click
 * or Enter, never from script on its own.
 */
export class UserActivation {
  private last = Number.NEGATIVE_INFINITY;
  constructor(private readonly now: () => number = Date.now) {}
  noteMouse(type: string): void {
    if (type === 'mouseUp') this.last = this.now();
  }
  noteKey(type: string, key: string): void {
    if (type === 'keyDown' && (key === 'Enter' || key === ' ')) this.last = this.now();
  }
  isActive(): boolean {
    return this.now() - this.last <= USER_ACTIVATION_MS;
  }
}

/** The permissions a BoardPrep page may have: the audience's full screen (F), copying text. Nothing else. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isTrustedUrl(requestingUrl ?? '');
}

/** The slice of Electron's WebContents the guards use (electron.WebContents satisfies it). */
export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationEvent extends PreventableEvent {
  url: string;
}
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: NavigationEvent) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'before-mouse-event', listener: (event: unknown, mouse: { type: string }) => void): unknown;
  on(event: 'before-input-event', listener: (event: unknown, input: { type: string; key: string }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardDeps {
  openExternal(url: string): void;
  /** Refusals are logged with the host only (a URL may carry a patient's name in its query). */
  refused(what: string, url: string): void;
  now?: () => number;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url.slice(0, 40);
  } catch {
    return 'malformed URL';
  }
}

export function guardWebContents(contents: GuardedContents, deps: GuardDeps): void {
  const activation = new UserActivation(deps.now);
  const stayInApp = (what: string) => (event: NavigationEvent) => {
    if (isTrustedUrl(event.url)) return;
    event.preventDefault();
    deps.refused(what, hostOf(event.url));
  };
  contents.on('will-navigate', stayInApp('navigation'));
  contents.on('will-redirect', stayInApp('redirect'));
  contents.on('will-frame-navigate', stayInApp('frame navigation'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.refused('webview', '');
  });
  contents.on('before-mouse-event', (_event, mouse) => activation.noteMouse(mouse.type));
  contents.on('before-input-event', (_event, input) => activation.noteKey(input.type, input.key));
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the outside world (a meeting's video link) open in the system browser, never inside the app.
    if (activation.isActive() && isAllowedExternal(url)) deps.openExternal(url);
    else
      deps.refused(
        activation.isActive() ? 'external link (host not allowed)' : 'window.open without a click',
        hostOf(url),
      );
    return { action: 'deny' };
  });
}
