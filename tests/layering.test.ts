import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * VS Code-style layering, enforced: shared/ imports neither electron nor electron/ nor renderer/ nor Node;
 * renderer/ never imports electron or electron/; services run without Electron.
 */
const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|mts)$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

/** Every module specifier a file imports (static, dynamic, require, export-from). */
function imports(file: string): { spec: string; resolved: string }[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const specs = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
  return specs.map((spec) => ({
    spec,
    resolved: spec.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), spec)) : spec,
  }));
}

function violations(dir: string, forbidden: (i: { spec: string; resolved: string }) => boolean): string[] {
  return sources(dir).flatMap((f) =>
    imports(f)
      .filter(forbidden)
      .map((i) => `${f} imports ${i.spec}`),
  );
}

const isElectron = (i: { spec: string }) => i.spec === 'electron' || i.spec.startsWith('electron/');
const under = (folder: string) => (i: { resolved: string; spec: string }) =>
  i.spec.startsWith('.') && (i.resolved === folder || i.resolved.startsWith(`${folder}/`));
/** Files that are the Electron shell itself; everything else in electron/ must run under plain Node. */
const ELECTRON_SHELL = new Set([
  'electron/main.ts',
  'electron/preload.ts',
  'electron/menu.ts',
  'electron/app-protocol.ts',
  'electron/host/ipc.ts',
  'electron/export-pdf-electron.ts',
  'electron/presenter-window.ts',
  'electron/secure-web-preferences.ts',
]);

describe('layering', () => {
  it('finds the imports it checks (the checker itself works)', () => {
    expect(imports('electron/main.ts').map((i) => i.spec)).toContain('electron');
    expect(imports('renderer/App.tsx').some((i) => i.resolved.startsWith('shared/'))).toBe(true);
  });

  it('shared/ imports neither electron, electron/, renderer/, React nor Node built-ins', () => {
    expect(
      violations(
        'shared',
        (i) => isElectron(i) || under('electron')(i) || under('renderer')(i) || /^(react|node:|fs$|path$)/.test(i.spec),
      ),
    ).toEqual([]);
  });

  it('renderer/ never imports electron or electron/', () => {
    expect(violations('renderer', (i) => isElectron(i) || under('electron')(i))).toEqual([]);
  });

  it('only the Electron shell files import electron; services, db, host and CLI run under plain Node', () => {
    const offenders = sources('electron')
      .filter((f) => !ELECTRON_SHELL.has(f))
      .flatMap((f) =>
        imports(f)
          .filter(isElectron)
          .map((i) => `${f} imports ${i.spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('electron/ never imports renderer/', () => {
    expect(violations('electron', under('renderer'))).toEqual([]);
  });
});
