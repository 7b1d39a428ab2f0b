import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's own loader and schema check (app-builder-lib comes pinned with electron-builder).
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { NATIVE_BINDING } from '../../../electron/host/paths';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const quietDebug = { isEnabled: false, add() {}, addValue() {} } as unknown as Parameters<
  typeof validateConfiguration
>[1];

async function load(): Promise<Configuration> {
  const config = await getConfig(root, null, null);
  await validateConfiguration(config, quietDebug);
  return config;
}

const targets = (t: unknown) =>
  (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

describe('electron-builder configuration', () => {
  it("loads and passes electron-builder's own schema check", async () => {
    const config = await load();
    expect(config.appId).toBe('org.boardprep.desktop');
    expect(config.productName).toBe('BoardPrep');
  });

  it('a misspelt key would be caught by that check (the check is real)', async () => {
    const config = { ...(await load()), winn: { target: 'nsis' } } as Configuration;
    await expect(validateConfiguration(config, quietDebug)).rejects.toThrow(/winn/);
  });

  it('builds NSIS and MSI for Windows, dmg for macOS, AppImage and deb for Linux', async () => {
    const config = await load();
    expect(targets(config.win?.target)).toEqual(['nsis', 'msi']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.msi?.perMachine).toBe(true);
  });

  it('packages the Electron binding outside the archive where electron/paths.ts looks, and never rebuilds node_modules', async () => {
    const config = await load();
    const binding = NATIVE_BINDING.split(path.sep).join('/');
    // getConfig gathers the list into one filter set.
    const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json', binding]));
    expect(config.asarUnpack).toEqual([`${path.dirname(binding)}/**`]);
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*'] }]);
  });

  it('has every icon it names, in the sizes each platform wants', async () => {
    const config = await load();
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon])
      expect(existsSync(path.join(root, String(icon))), String(icon)).toBe(true);
    const pngSize = (file: string) => readFileSync(path.join(root, config.linux!.icon!, file)).readUInt32BE(16);
    for (const size of [16, 32, 48, 128, 256, 512, 1024]) expect(pngSize(`${size}x${size}.png`)).toBe(size);
    expect(
      readFileSync(path.join(root, String(config.mac?.icon)))
        .subarray(0, 4)
        .toString('ascii'),
    ).toBe('icns');
    expect(readFileSync(path.join(root, String(config.win?.icon))).readUInt16LE(2)).toBe(1); // ICO
  });

  it('npm run dist builds the app and the Electron binding before electron-builder, and nothing is built at install', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.scripts.dist).toMatch(/^npm run build && npm run build:electron-native && electron-builder/);
    for (const [script, flag] of [
      ['dist:win', '--win'],
      ['dist:mac', '--mac'],
      ['dist:linux', '--linux'],
    ])
      expect(pkg.scripts[script]).toContain(flag);
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(pkg.scripts.install).toBeUndefined();
    for (const dep of ['electron-builder', '@electron/rebuild', 'electron'])
      expect(pkg.devDependencies[dep], dep).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
