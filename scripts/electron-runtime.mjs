// Where the Electron runtime and its better-sqlite3 binding are, and whether they are usable here.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const appRoot = path.resolve(import.meta.dirname, '..');
/** The source layout's binding; keep in step with electron/host/paths.ts (NATIVE_BINDING). */
export const electronBinding = path.join(appRoot, 'build', 'electron-native', 'better_sqlite3.node');

export function electronVersion() {
  return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
}

/**
 * The Electron binary's path, or why it cannot run. The electron package fetches its binary on first use;
 * that download is tried once, quietly, so a machine without it gets one clear line instead of a stack trace.
 */
export function electronBinary() {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  const located = () => {
    if (!existsSync(pathFile)) return null;
    const binary = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'),
      readFileSync(pathFile, 'utf8'),
    );
    return existsSync(binary) ? binary : null;
  };
  let binary = located();
  if (!binary) {
    const fetched = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'pipe', timeout: 180_000 });
    binary = located();
    if (!binary) {
      const detail = `${fetched.stderr ?? ''}`
        .split('\n')
        .find((l) => /error|fail|ENOTFOUND|ECONN/i.test(l))
        ?.trim();
      return {
        reason: `the Electron ${electronVersion()} binary is not installed and could not be downloaded${detail ? `: ${detail.slice(0, 160)}` : ''}`,
      };
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display (DISPLAY is not set)' };
  }
  return { binary };
}
