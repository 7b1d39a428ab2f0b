import type { WebPreferences } from 'electron';

/**
 * Every security-relevant web preference, pinned in this one place; every BoardPrep window (main, audience,
 * offscreen print) gets them: the renderer is isolated from the preload, sandboxed, without Node anywhere (page,
 * workers, sub-frames), with web security on, no <webview>, no insecure content, no experimental features, and no
 * spellcheck (Chromium downloads its dictionaries from the network). Callers may add only painting options;
 * the spread puts the pinned settings last in case a cast sneaks something else in.
 */
export const PINNED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

/** What a window may add: how it paints, nothing about what the page may do. */
export type WindowPaintingPreferences = Pick<WebPreferences, 'offscreen' | 'backgroundThrottling'>;

export function secureWebPreferences(preload: string, extra: WindowPaintingPreferences = {}): WebPreferences {
  return { ...extra, preload, ...PINNED_WEB_PREFERENCES };
}
