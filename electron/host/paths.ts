import path from 'node:path';

/**
 * Every file the app needs at run time, for both layouts it runs from. Plain Node: the layout facts come in as
 * parameters (Electron's app.isPackaged, app.getAppPath(), process.resourcesPath), so both are unit-tested.
 *
 * Source layout (npm start, the CLI, tests): everything under the repository root.
 * Packaged layout (electron-builder, see electron-builder.yml):
 *   <resourcesPath>/app.asar/out/...                         main, preload and renderer bundles
 *   <resourcesPath>/resources/...                            resources/ as plain files (extraResources): demo board, icons
 *   <resourcesPath>/app.asar.unpacked/build/electron-native/  better-sqlite3 for Electron (asarUnpack: a .node file cannot load from an archive)
 */

export interface LayoutFacts {
  packaged: boolean;
  /** app.getAppPath(): the repository root from source, `<resourcesPath>/app.asar` when packaged. */
  appPath: string;
  /** process.resourcesPath; only read when packaged. */
  resourcesPath: string;
}

export interface RuntimePaths {
  /** The built renderer (index.html, assets, decoders). */
  rendererDir: string;
  /** The sandboxed preload bundle every window gets. */
  preload: string;
  /** The project's resources/ folder (demo board, icons). */
  resourcesDir: string;
  demoDir: string;
  iconsDir: string;
  /** better-sqlite3 built for Electron's ABI; node_modules keeps the Node build for tests and the CLI. */
  nativeBinding: string;
}

/** Where `npm run build:electron-native` writes the binding, relative to the app (and to app.asar.unpacked). */
export const NATIVE_BINDING = path.join('build', 'electron-native', 'better_sqlite3.node');

export function runtimePaths(facts: LayoutFacts): RuntimePaths {
  const app = facts.appPath;
  const resourcesDir = facts.packaged ? path.join(facts.resourcesPath, 'resources') : path.join(app, 'resources');
  return {
    rendererDir: path.join(app, 'out', 'renderer'),
    preload: path.join(app, 'out', 'preload', 'preload.cjs'),
    resourcesDir,
    demoDir: path.join(resourcesDir, 'demo'),
    iconsDir: path.join(resourcesDir, 'icons'),
    nativeBinding: facts.packaged
      ? path.join(facts.resourcesPath, 'app.asar.unpacked', NATIVE_BINDING)
      : path.join(app, NATIVE_BINDING),
  };
}

/** The one message for a missing Electron binding: what is missing, where, and what to do. */
export function missingBindingMessage(facts: LayoutFacts, binding: string): string {
  return facts.packaged
    ? `BoardPrep's database driver is missing from this installation (${binding}). Reinstall BoardPrep; the installer must be built with "npm run dist".`
    : `better-sqlite3 is not built for Electron yet (${binding} is missing). Run "npm run build:electron-native" once (it needs Electron's headers or a prebuilt binary), then start again.`;
}
