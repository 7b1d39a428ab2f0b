import { app, BrowserWindow, crashReporter, dialog, ipcMain, session, shell } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { aboutText } from './about';
import { registerAppSchemeAsPrivileged, serveAppProtocol } from './app-protocol';
import { watchForCrashes } from './crash-handling';
import { currentActor } from '../db/actor';
import { openDatabase, type Db } from '../db/open';
import { schemaVersion } from '../db/migrate';
import { handlersFor } from '../host/handlers';
import { answerMedia } from '../host/media';
import { createServices } from '../host/services';
import { startupSweep } from '../host/startup';
import { loadDemoIfEmpty } from '../host/demo-start';
import { scheduleDailyBackup } from '../host/backup-schedule';
import { electronPdfSource } from './export-pdf-electron';
import { serveOverIpc } from './ipc';
import { logsDir, openLog, type Logger } from '../host/log';
import { installMenu } from './menu';
import { missingBindingMessage, runtimePaths, type LayoutFacts } from '../host/paths';
import { secureWebPreferences } from './secure-web-preferences';
import { audienceHandler } from './presenter-window';
import { APP_ORIGIN, guardWebContents, isTrustedUrl, permissionAllowed } from './web-guards';
import {
  GRANT_PATHS_CHANNEL,
  MENU_COMMAND_CHANNEL,
  OPEN_AUDIENCE_CHANNEL,
  type MenuCommand,
} from '../../shared/contract/contract';

// The Electron shell only: windows, menu, protocol and security. Everything else lives in services; the decisions
// (paths, guards, crash handling, menu, about) live in plain modules with their own tests.
const layout: LayoutFacts = {
  packaged: app.isPackaged,
  appPath: app.getAppPath(),
  resourcesPath: process.resourcesPath,
};
const paths = runtimePaths(layout);

app.setName('BoardPrep');
registerAppSchemeAsPrivileged();

function dataDirFromArgs(): string {
  // Not strict: Chromium's and Electron's own switches share the line; '--data DIR' and '--data=DIR' both work.
  const { data } = parseArgs({
    args: process.argv.slice(1),
    options: { data: { type: 'string' } },
    strict: false,
  }).values;
  const chosen = typeof data === 'string' && data ? data : process.env.BOARDPREP_DATA;
  return chosen ? path.resolve(chosen) : app.getPath('userData');
}

function hardenSessions(log: Logger): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionAllowed(permission, details.requestingUrl)),
  );
  ses.setPermissionCheckHandler((_wc, permission, _origin, details) =>
    permissionAllowed(permission, details.requestingUrl),
  );
  ses.setDevicePermissionHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, {
      openExternal: (url) =>
        void shell.openExternal(url).catch((err: unknown) => log.error('could not open a link in the browser', err)),
      refused: (what, host) => log.warn(`refused: ${what}`, { host }),
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
    webPreferences: secureWebPreferences(paths.preload),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function focus(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  // A second launch hands over to the first (its window comes to the front) and quits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => focus(BrowserWindow.getAllWindows()[0]));
  const dataDir = dataDirFromArgs();
  const log = openLog(dataDir, 'desktop', { console: !app.isPackaged });
  // Minidumps stay on this machine (<userData>/Crashpad); nothing is ever uploaded.
  crashReporter.start({ uploadToServer: false });
  watchForCrashes(process, app, {
    log,
    askReload: async (message) => {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'BoardPrep',
        message,
        buttons: ['Reload', 'Not now'],
        defaultId: 0,
        cancelId: 1,
      });
      return response === 0;
    },
    reloadAll: () => BrowserWindow.getAllWindows().forEach((w) => w.webContents.reload()),
  });
  await app.whenReady();
  log.info('BoardPrep started', {
    version: app.getVersion(),
    electron: process.versions.electron,
    packaged: app.isPackaged,
    dataDir,
  });

  if (!existsSync(paths.nativeBinding)) {
    const message = missingBindingMessage(layout, paths.nativeBinding);
    log.error(message);
    dialog.showErrorBox('BoardPrep cannot start', message);
    app.exit(1);
    return;
  }
  let db: Db;
  try {
    db = openDatabase(dataDir, { nativeBinding: paths.nativeBinding, notice: (line) => log.info(line) });
  } catch (err) {
    log.error('could not open the database', err);
    dialog.showErrorBox('BoardPrep cannot open its database', `${dataDir}\n\n${(err as Error).message}`);
    app.exit(1);
    return;
  }
  const ctx = { db, dataDir, resourcesDir: paths.resourcesDir, version: app.getVersion(), log };
  await startupSweep(ctx, (line) => log.info(line));
  // npm start -- --demo: the demo board, its images and its users, into a database without cases.
  if (process.argv.includes('--demo')) for (const line of await loadDemoIfEmpty(ctx)) log.info(line);
  const services = createServices(ctx);
  scheduleDailyBackup(services, log);
  // PDF exports: the print views in an offscreen window of this app (printToPDF).
  services.exports.usePdf(
    electronPdfSource(APP_ORIGIN, paths.preload, () => services.auth.printSession(currentActor())),
  );
  hardenSessions(log);
  serveAppProtocol(paths.rendererDir, (method, url, body) => answerMedia(services, method, url, body));
  serveOverIpc(handlersFor(services), services.auth, isTrustedUrl, {
    log: (message, error) => log.error(message, error),
  });
  // Files the user dropped or chose, sent by the preload only (see electron/host/chosen-paths.ts).
  ipcMain.handle(GRANT_PATHS_CHANNEL, (event, chosen: unknown) => {
    if (
      !isTrustedUrl(event.senderFrame?.url ?? '') ||
      !Array.isArray(chosen) ||
      !chosen.every((p) => typeof p === 'string' && path.isAbsolute(p))
    )
      return [];
    return services.chosenPaths.grant(chosen);
  });
  ipcMain.handle(
    OPEN_AUDIENCE_CHANNEL,
    audienceHandler({ appOrigin: APP_ORIGIN, preload: paths.preload, isTrustedUrl }),
  );

  const openFolder = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    void shell.openPath(dir).then((error) => error && log.warn('could not open a folder', { error }));
  };
  installMenu(
    { isMac: process.platform === 'darwin', development: !app.isPackaged },
    {
      send: (command: MenuCommand) => {
        const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
        win?.webContents.send(MENU_COMMAND_CHANNEL, command);
      },
      openDataFolder: () => openFolder(dataDir),
      openLogsFolder: () => openFolder(logsDir(dataDir)),
      showAbout: () => {
        const about = aboutText({
          version: app.getVersion(),
          schemaVersion: schemaVersion(db),
          dataDir,
          logsDir: logsDir(dataDir),
          versions: process.versions,
        });
        void dialog.showMessageBox({
          type: 'info',
          title: about.title,
          message: about.message,
          detail: about.detail,
          buttons: ['OK'],
        });
      },
    },
  );
  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('will-quit', () => {
    services.jobs.cancelAll();
    db.close();
    log.info('BoardPrep stopped');
  });
}

void start();
