import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileFor } from '../electron/shell/app-protocol-path';
import { PINNED_WEB_PREFERENCES, secureWebPreferences } from '../electron/shell/secure-web-preferences';
import {
  guardWebContents,
  isAllowedExternal,
  permissionAllowed,
  USER_ACTIVATION_MS,
  type GuardedContents,
} from '../electron/shell/web-guards';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

describe('Electron windows', () => {
  it('pin every security-relevant preference, whatever a caller adds', () => {
    const relaxed = {
      sandbox: false,
      contextIsolation: false,
      nodeIntegration: true,
      webSecurity: false,
      webviewTag: true,
      spellcheck: true,
      nodeIntegrationInWorker: true,
    } as unknown as Parameters<typeof secureWebPreferences>[1];
    expect(secureWebPreferences('/app/preload.cjs', { ...relaxed, offscreen: true })).toEqual({
      preload: '/app/preload.cjs',
      offscreen: true,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Chromium's spellcheck downloads dictionaries: off in an offline app.
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
    expect(Object.keys(PINNED_WEB_PREFERENCES)).toEqual(
      expect.arrayContaining([
        'nodeIntegrationInWorker',
        'nodeIntegrationInSubFrames',
        'webviewTag',
        'allowRunningInsecureContent',
        'experimentalFeatures',
        'spellcheck',
      ]),
    );
  });

  it('are all created with those preferences (every `new BrowserWindow` in electron/)', () => {
    const windows = sources('electron').flatMap((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      return [...text.matchAll(/new BrowserWindow\(\{[\s\S]*?\n\s*\}\);/g)].map((m) => ({ f, text: m[0] }));
    });
    expect(windows.map((w) => w.f).sort()).toEqual([
      'electron/shell/export-pdf-electron.ts',
      'electron/shell/main.ts',
      'electron/shell/presenter-window.ts',
    ]);
    for (const w of windows) expect(w.text, w.f).toMatch(/webPreferences: secureWebPreferences\([^)]*\)/);
  });

  it('all get the guards: main attaches them to every web contents the app creates, and sets the session handlers', () => {
    const main = readFileSync(path.join(root, 'electron/shell/main.ts'), 'utf8');
    expect(main).toMatch(/app\.on\('web-contents-created', \(_event, contents\) => \{\s*guardWebContents\(contents,/);
    for (const handler of ['setPermissionRequestHandler', 'setPermissionCheckHandler', 'setDevicePermissionHandler'])
      expect(main).toContain(`ses.${handler}(`);
    // The guards are in place before the first window exists.
    expect(main.indexOf('hardenSessions(log);')).toBeLessThan(main.indexOf('createWindow();'));
    expect(main).toMatch(/setDevicePermissionHandler\(\(\) => false\)/);
  });
});

/** A web contents as far as the guards see it. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded(now = () => 1_000_000) {
  const contents = new FakeContents();
  const opened: string[] = [];
  const refused: string[] = [];
  guardWebContents(contents as unknown as GuardedContents, {
    openExternal: (u) => opened.push(u),
    refused: (what, host) => refused.push(`${what} ${host}`),
    now,
  });
  return { contents, opened, refused };
}

describe('navigation and window guards', () => {
  it('keep every navigation, redirect and frame navigation inside boardprep://app', () => {
    const { contents, refused } = guarded();
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate'] as const) {
      expect(contents.navigate(event, 'boardprep://app/index.html#/cases/3'), event).toBe(false);
      expect(contents.navigate(event, 'https://evil.example/phish?name=Halverson'), event).toBe(true);
      expect(contents.navigate(event, 'file:///etc/passwd'), event).toBe(true);
      expect(contents.navigate(event, 'boardprep://app.evil/x'), event).toBe(true);
    }
    // Logged by host only: a URL's query may carry a patient's name.
    expect(refused).toContain('redirect evil.example');
    expect(refused.join('\n')).not.toContain('Halverson');
  });

  it('refuse <webview>', () => {
    const { contents } = guarded();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('open an allow-listed https link in the system browser only right after a click, and never a window in the app', () => {
    let now = 5_000;
    const { contents, opened, refused } = guarded(() => now);
    const teams = 'https://teams.microsoft.com/l/meetup-join/abc';
    // Script alone (no click): refused.
    expect(contents.openHandler!({ url: teams })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
    expect(refused).toEqual(['window.open without a click teams.microsoft.com']);
    // A click: opened outside, still denied inside.
    contents.emit('before-mouse-event', {}, { type: 'mouseUp' });
    expect(contents.openHandler!({ url: teams })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual([teams]);
    // Long after the click: refused again. Enter on a focused link counts as a click.
    now += USER_ACTIVATION_MS + 1;
    contents.openHandler!({ url: teams });
    expect(opened).toHaveLength(1);
    contents.emit('before-input-event', {}, { type: 'keyDown', key: 'Enter' });
    contents.openHandler!({ url: teams });
    expect(opened).toHaveLength(2);
  });

  it('allow-list: https to a listed host or its subdomains, nothing else', () => {
    expect(isAllowedExternal('https://hospital.zoom.us/j/123')).toBe(true);
    expect(isAllowedExternal('https://meet.google.com/abc-defg-hij')).toBe(true);
    expect(isAllowedExternal('http://teams.microsoft.com/')).toBe(false);
    expect(isAllowedExternal('https://zoom.us.evil.example/')).toBe(false);
    expect(isAllowedExternal('https://evilzoom.us/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@zoom.us/')).toBe(false);
    expect(isAllowedExternal('file:///C:/Windows/System32/calc.exe')).toBe(false);
    expect(isAllowedExternal('not a url')).toBe(false);
  });

  it('permissions: full screen and clipboard writes for our own pages only; camera, microphone, devices never', () => {
    expect(permissionAllowed('fullscreen', 'boardprep://app/index.html#/meetings/1/audience')).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'boardprep://app/index.html')).toBe(true);
    expect(permissionAllowed('fullscreen', 'https://evil.example/')).toBe(false);
    expect(permissionAllowed('fullscreen', undefined)).toBe(false);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'hid',
      'usb',
      'serial',
      'openExternal',
      'clipboard-read',
    ]) {
      expect(permissionAllowed(p, 'boardprep://app/index.html'), p).toBe(false);
    }
  });
});

describe('the boardprep://app protocol', () => {
  const dir = path.resolve('/srv/renderer');
  it('answers malformed percent-encoding with 400, not an exception', () => {
    expect(appFileFor(dir, '/assets/%E0%A4%A.js')).toEqual({
      status: 400,
      text: expect.stringContaining('percent-encoding'),
    });
    expect(appFileFor(dir, '/%')).toMatchObject({ status: 400 });
    expect(appFileFor(dir, '/index.html%00.png')).toMatchObject({ status: 400 });
  });

  it('serves files inside the renderer folder only', () => {
    expect(appFileFor(dir, '/')).toEqual({ file: path.join(dir, 'index.html') });
    expect(appFileFor(dir, '/assets/app%20x.js')).toEqual({ file: path.join(dir, 'assets', 'app x.js') });
    expect(appFileFor(dir, '/%2e%2e/secret.txt')).toMatchObject({ status: 403 });
    expect(appFileFor(dir, '/..%2F..%2Fetc%2Fpasswd')).toMatchObject({ status: 403 });
  });
});
