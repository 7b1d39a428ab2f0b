import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../electron/secure-web-preferences';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

describe('Electron windows', () => {
  it('are isolated, sandboxed and without Node, whatever a caller adds', () => {
    const relaxed = { sandbox: false, contextIsolation: false, nodeIntegration: true, webSecurity: false } as unknown as Parameters<typeof secureWebPreferences>[1];
    expect(secureWebPreferences('/app/preload.cjs', { ...relaxed, spellcheck: true })).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    });
  });

  it('are all created with those preferences (every `new BrowserWindow` in electron/)', () => {
    const windows = sources('electron').flatMap((f) => {
      const text = readFileSync(path.join(root, f), 'utf8');
      return [...text.matchAll(/new BrowserWindow\(\{[\s\S]*?\n\s*\}\);/g)].map((m) => ({ f, text: m[0] }));
    });
    expect(windows.map((w) => w.f).sort()).toEqual(['electron/export-pdf-electron.ts', 'electron/main.ts', 'electron/presenter-window.ts']);
    for (const w of windows) expect(w.text, w.f).toMatch(/webPreferences: secureWebPreferences\(/);
  });
});
