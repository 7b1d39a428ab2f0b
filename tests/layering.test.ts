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
/**
 * The layers inside electron/, lowest first: each folder may import its own layer and the ones below, never one
 * above. shell (the Electron app) and cli (the command line and web host) both sit on host; neither imports the
 * other, and shell is the only folder that may import electron itself.
 */
const ELECTRON_LAYERS = { db: 0, services: 1, host: 2, shell: 3, cli: 3 } as const;
type ElectronLayer = keyof typeof ELECTRON_LAYERS;

/** The layer of a path inside electron/ (a file or an import's target), or null for a file outside every layer. */
function layerOf(file: string): ElectronLayer | null {
  const folder = /^electron\/([^/]+)\//.exec(file)?.[1];
  return folder && folder in ELECTRON_LAYERS ? (folder as ElectronLayer) : null;
}

/** What is wrong with `file` importing `i`, by the layering inside electron/; null if allowed. */
function electronLayerViolation(file: string, i: { spec: string; resolved: string }): string | null {
  const from = layerOf(file);
  if (!from) return `${file} is in no layer (put it in one of ${Object.keys(ELECTRON_LAYERS).join(', ')})`;
  if (isElectron(i)) return from === 'shell' ? null : `${file} (${from}) imports ${i.spec}: only shell may`;
  if (!under('electron')(i)) return null;
  const to = layerOf(i.resolved);
  if (!to) return `${file} imports ${i.spec}, which is in no layer`;
  if (to === from) return null;
  if (ELECTRON_LAYERS[to] >= ELECTRON_LAYERS[from]) return `${file} (${from}) imports ${i.spec} (${to})`;
  return null;
}

describe('layering', () => {
  it('finds the imports it checks (the checker itself works)', () => {
    expect(imports('electron/shell/main.ts').map((i) => i.spec)).toContain('electron');
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

  it('inside electron/, db < services < host < shell and cli: no layer imports one above or beside it, only shell imports electron', () => {
    const offenders = sources('electron').flatMap((f) => imports(f).flatMap((i) => electronLayerViolation(f, i) ?? []));
    expect(offenders).toEqual([]);
  });

  it('the electron/ layer rule refuses what it should (the checker itself works)', () => {
    const at = (file: string, spec: string) =>
      electronLayerViolation(file, {
        spec,
        resolved: spec.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), spec)) : spec,
      });
    expect(at('electron/host/web.ts', '../db/open')).toBeNull();
    expect(at('electron/shell/main.ts', 'electron')).toBeNull();
    expect(at('electron/cli/cli.ts', '../host/log')).toBeNull();
    expect(at('electron/db/open.ts', '../services/errors')).toMatch(/\(db\) imports .* \(services\)/);
    expect(at('electron/services/x.ts', '../host/web')).toMatch(/\(services\) imports .* \(host\)/);
    expect(at('electron/host/web.ts', '../shell/web-guards')).toMatch(/\(host\) imports .* \(shell\)/);
    expect(at('electron/shell/main.ts', '../cli/cli')).toMatch(/\(shell\) imports .* \(cli\)/);
    expect(at('electron/cli/cli.ts', '../shell/main')).toMatch(/\(cli\) imports .* \(shell\)/);
    expect(at('electron/host/ipc.ts', 'electron')).toMatch(/only shell may/);
    expect(at('electron/main.ts', '../shared/x')).toMatch(/in no layer/);
  });

  it('electron/ never imports renderer/', () => {
    expect(violations('electron', under('renderer'))).toEqual([]);
  });
});
