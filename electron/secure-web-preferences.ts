import type { WebPreferences } from 'electron';

/**
 * The one set of web preferences every BoardPrep window gets (main, audience, offscreen print): the renderer is
 * isolated from the preload, sandboxed, without Node, with web security on. Callers may add to it (spellcheck,
 * offscreen painting), never relax it: the spread puts these settings last.
 */
export function secureWebPreferences(preload: string, extra: Omit<WebPreferences, 'preload' | 'contextIsolation' | 'sandbox' | 'nodeIntegration' | 'webSecurity'> = {}): WebPreferences {
  return { spellcheck: false, ...extra, preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true };
}
