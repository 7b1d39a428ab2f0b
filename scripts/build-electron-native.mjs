// Builds better-sqlite3 for Electron's ABI into build/electron-native/ with @electron/rebuild (a pinned
// devDependency): a prebuilt binary if one is published for this Electron and platform, else a compile against
// Electron's headers. node_modules keeps its Node build (vitest and the CLI use it). The desktop app loads this
// one through better-sqlite3's `nativeBinding` (electron/host/paths.ts). Run by `npm run dist` (packaging) or by hand
// for `npm start`; never at launch, never in postinstall. It needs the network once (prebuilt binary or headers).
import { rebuild } from '@electron/rebuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appRoot, electronBinding, electronVersion } from './electron-runtime.mjs';

const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
const { version } = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8'));
const target = electronVersion();
// Inside the project, so @electron/rebuild finds prebuild-install and node-gyp in its node_modules.
const work = path.join(appRoot, 'build', 'electron-native', '.work');
rmSync(work, { recursive: true, force: true });
try {
  const copy = path.join(work, 'node_modules', 'better-sqlite3');
  cpSync(source, copy, { recursive: true, filter: (p) => !p.startsWith(path.join(source, 'build')) });
  writeFileSync(
    path.join(work, 'package.json'),
    JSON.stringify({ name: 'boardprep-electron-native', private: true, dependencies: { 'better-sqlite3': version } }),
  );
  console.log(`Building better-sqlite3 ${version} for Electron ${target} (${process.platform}-${process.arch})...`);
  await rebuild({
    buildPath: work,
    electronVersion: target,
    onlyModules: ['better-sqlite3'],
    force: true,
    mode: 'sequential',
  });
  const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) throw new Error(`the build finished without ${path.relative(work, built)}`);
  mkdirSync(path.dirname(electronBinding), { recursive: true });
  cpSync(built, electronBinding);
  console.log(`better-sqlite3 for Electron ${target}: ${electronBinding}`);
} catch (err) {
  console.error(
    `Could not build better-sqlite3 for Electron ${target}: ${err instanceof Error ? err.message : String(err)}\n` +
      'It needs either a published prebuilt binary for this platform or Electron\'s headers and a C++ toolchain (see README, "Building installers").',
  );
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
