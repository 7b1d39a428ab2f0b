import { app, BrowserWindow, dialog, ipcMain, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ORIGIN, registerAppSchemeAsPrivileged, serveAppProtocol } from './app-protocol';
import { openDatabase, type Db } from './db/open';
import { handlersFor } from './host/handlers';
import { answerMedia } from './host/media';
import { createServices } from './host/services';
import { startupSweep } from './host/startup';
import { electronPdfSource } from './export-pdf-electron';
import { serveOverIpc } from './host/ipc';
import { installMenu } from './menu';
import { secureWebPreferences } from './secure-web-preferences';
import { audienceHandler } from './presenter-window';
import { GRANT_PATHS_CHANNEL, OPEN_AUDIENCE_CHANNEL } from '../shared/contract/contract';

// The Electron shell only: windows, menu, protocol and security. Everything else lives in services.
const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rendererDir = path.join(appRoot, 'out', 'renderer');
/** better-sqlite3 built for Electron's ABI (npm run build:electron-native); node_modules keeps the Node build for tests. */
const preloadPath = path.join(appRoot, 'out', 'preload', 'preload.cjs');
const electronBinding = path.join(appRoot, 'build', 'electron-native', 'better_sqlite3.node');

app.setName('BoardPrep');
registerAppSchemeAsPrivileged();

function dataDirFromArgs(): string {
  const i = process.argv.indexOf('--data');
  const chosen = i >= 0 ? process.argv[i + 1] : process.env.BOARDPREP_DATA;
  return chosen ? path.resolve(chosen) : app.getPath('userData');
}

function isTrustedUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}

function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the outside world (e.g. a guideline) open in the system browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: 'BoardPrep',
    show: false,
    webPreferences: secureWebPreferences(preloadPath, { spellcheck: true }),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = dataDirFromArgs();
  let db: Db;
  try {
    db = openDatabase(dataDir, { nativeBinding: existsSync(electronBinding) ? electronBinding : undefined });
  } catch (err) {
    dialog.showErrorBox('BoardPrep cannot open its database', `${dataDir}\n\n${(err as Error).message}`);
    app.exit(1);
    return;
  }
  const ctx = { db, dataDir, resourcesDir: path.join(appRoot, 'resources'), version: app.getVersion() };
  await startupSweep(ctx, (line) => console.log(line));
  const services = createServices(ctx);
  // PDF exports: the print views in an offscreen window of this app (printToPDF).
  services.exports.usePdf(electronPdfSource(APP_ORIGIN, preloadPath));
  hardenSessions();
  serveAppProtocol(rendererDir, (method, url, body) => answerMedia(services, method, url, body));
  serveOverIpc(handlersFor(services), isTrustedUrl, { log: (message, error) => console.error(message, error) });
  // Files the user dropped or chose, sent by the preload only (see electron/host/chosen-paths.ts).
  ipcMain.handle(GRANT_PATHS_CHANNEL, (event, paths: unknown) => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '') || !Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && path.isAbsolute(p))) return [];
    return services.chosenPaths.grant(paths);
  });
  ipcMain.handle(OPEN_AUDIENCE_CHANNEL, audienceHandler({ appOrigin: APP_ORIGIN, preload: preloadPath, isTrustedUrl }));
  installMenu();
  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('will-quit', () => {
    services.jobs.cancelAll();
    db.close();
  });
}

void start();
