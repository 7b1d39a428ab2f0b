// Builds better-sqlite3 for Electron's ABI into build/electron-native/, leaving node_modules' Node build
// (which vitest and the CLI use) untouched. The Electron main process loads it via `nativeBinding`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { electronBinding, electronVersion } from './electron-runtime.mjs';

const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
const target = electronVersion();
const work = mkdtempSync(path.join(os.tmpdir(), 'boardprep-native-'));
try {
  cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: target, npm_config_disturl: 'https://electronjs.org/headers' };
  // A prebuilt binary first (fast), else compile against Electron's headers.
  let result = spawnSync('npx', ['--yes', 'prebuild-install', '--runtime', 'electron', '--target', target], { cwd: work, stdio: 'inherit', env });
  if (result.status !== 0) {
    result = spawnSync('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${target}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
      cwd: work,
      stdio: 'inherit',
      env,
    });
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !existsSync(built)) {
    console.error(`Could not build better-sqlite3 for Electron ${target} (no prebuilt binary and no Electron headers reachable).`);
    process.exit(1);
  }
  mkdirSync(path.dirname(electronBinding), { recursive: true });
  cpSync(built, electronBinding);
  console.log(`better-sqlite3 for Electron ${target}: ${electronBinding}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
