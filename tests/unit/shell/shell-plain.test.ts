import { EventEmitter } from 'node:events';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { aboutText } from '../../../electron/shell/about';
import {
  watchForCrashes,
  type AppEvents,
  type ProcessEvents,
  type ReloadableContents,
} from '../../../electron/shell/crash-handling';
import { openDatabase } from '../../../electron/db/open';
import { schemaVersion } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import type { Logger } from '../../../electron/host/log';
import { menuTemplate, type MenuItem } from '../../../electron/shell/menu-template';
import { missingBindingMessage, runtimePaths } from '../../../electron/host/paths';
import { tempDataDir } from '../helpers/temp';

describe('runtime paths', () => {
  it('from source: everything under the repository root, the Electron binding in build/electron-native', () => {
    const root = path.resolve('/home/dev/boardprep');
    expect(runtimePaths({ packaged: false, appPath: root, resourcesPath: '/ignored' })).toEqual({
      rendererDir: path.join(root, 'out', 'renderer'),
      preload: path.join(root, 'out', 'preload', 'preload.cjs'),
      resourcesDir: path.join(root, 'resources'),
      demoDir: path.join(root, 'resources', 'demo'),
      iconsDir: path.join(root, 'resources', 'icons'),
      nativeBinding: path.join(root, 'build', 'electron-native', 'better_sqlite3.node'),
    });
  });

  it('packaged: bundles inside app.asar, resources as plain files beside it, the binding unpacked from the archive', () => {
    const res = path.resolve('/opt/BoardPrep/resources');
    const asar = path.join(res, 'app.asar');
    expect(runtimePaths({ packaged: true, appPath: asar, resourcesPath: res })).toEqual({
      rendererDir: path.join(asar, 'out', 'renderer'),
      preload: path.join(asar, 'out', 'preload', 'preload.cjs'),
      resourcesDir: path.join(res, 'resources'),
      demoDir: path.join(res, 'resources', 'demo'),
      iconsDir: path.join(res, 'resources', 'icons'),
      nativeBinding: path.join(res, 'app.asar.unpacked', 'build', 'electron-native', 'better_sqlite3.node'),
    });
  });

  it('npm start and npm run build:electron-native look for the binding where the app loads it from source', async () => {
    // scripts/*.mjs cannot import TypeScript: this keeps their copy of the path in step.
    const script = pathToFileURL(path.resolve(import.meta.dirname, '../../../scripts/electron-runtime.mjs')).href;
    const runtime = (await import(script)) as { appRoot: string; electronBinding: string };
    expect(runtime.electronBinding).toBe(
      runtimePaths({ packaged: false, appPath: runtime.appRoot, resourcesPath: '' }).nativeBinding,
    );
  });

  it('a missing binding is one message that says what to do in each layout', () => {
    expect(missingBindingMessage({ packaged: false, appPath: '/r', resourcesPath: '' }, '/r/b.node')).toMatch(
      /\/r\/b\.node is missing.*npm run build:electron-native/,
    );
    expect(missingBindingMessage({ packaged: true, appPath: '/a', resourcesPath: '/a' }, '/x/b.node')).toMatch(
      /missing from this installation \(\/x\/b\.node\)\. Reinstall BoardPrep/,
    );
  });
});

describe('Help > About', () => {
  it('names the version, the database schema version, the data folder and the logs folder', () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const about = aboutText({
      version: '0.1.0',
      schemaVersion: schemaVersion(db),
      dataDir,
      logsDir: path.join(dataDir, 'logs'),
      versions: { electron: '45.4.1', chrome: '142', node: '22' },
    });
    db.close();
    expect(about.message).toBe('BoardPrep 0.1.0');
    expect(about.detail).toContain(`Database schema version: ${MIGRATIONS.length}`);
    expect(about.detail).toContain(`Data folder: ${dataDir}`);
    expect(about.detail).toContain(`Logs: ${path.join(dataDir, 'logs')}`);
    expect(about.detail).toContain('Electron 45.4.1');
  });
});

function find(items: MenuItem[], label: string): MenuItem | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inside = item.submenu && find(item.submenu, label);
    if (inside) return inside;
  }
  return undefined;
}
const roles = (items: MenuItem[]): string[] =>
  items.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])]);

describe('the application menu', () => {
  const sent: string[] = [];
  const calls: string[] = [];
  const actions = {
    send: (c: string) => sent.push(c),
    openDataFolder: () => calls.push('data'),
    openLogsFolder: () => calls.push('logs'),
    showAbout: () => calls.push('about'),
  };

  it('has File and Help items that do what they say', () => {
    const menu = menuTemplate({ isMac: false, development: false }, actions);
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['&File', 'editMenu', '&View', 'windowMenu', '&Help']);
    for (const label of ['New case', 'Import imaging...', 'Export meeting...', 'Keyboard shortcuts', 'Search cases'])
      find(menu, label)!.click!();
    expect(sent).toEqual(['new-case', 'import-imaging', 'export-meeting', 'shortcuts', 'search']);
    for (const label of ['Open data folder', 'Open logs folder', 'About BoardPrep']) find(menu, label)!.click!();
    expect(calls).toEqual(['data', 'logs', 'about']);
  });

  it("shows the page's shortcuts as accelerators without taking the keys from the page", () => {
    const menu = menuTemplate({ isMac: false, development: false }, actions);
    expect(find(menu, 'New case')).toMatchObject({ accelerator: 'CmdOrCtrl+N', registerAccelerator: false });
    expect(find(menu, 'Search cases')).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    expect(find(menu, 'Keyboard shortcuts')).toMatchObject({ accelerator: '?', registerAccelerator: false });
    // macOS: no bare-key equivalents (they would take "?" from text fields).
    expect(
      find(menuTemplate({ isMac: true, development: false }, actions), 'Keyboard shortcuts')!.accelerator,
    ).toBeUndefined();
  });

  it('has reload and developer tools only in development', () => {
    expect(roles(menuTemplate({ isMac: false, development: false }, actions))).not.toEqual(
      expect.arrayContaining(['reload']),
    );
    expect(
      roles(menuTemplate({ isMac: false, development: false }, actions)).filter((r) => /reload|DevTools/i.test(r)),
    ).toEqual([]);
    expect(roles(menuTemplate({ isMac: false, development: true }, actions))).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
    expect(roles(menuTemplate({ isMac: true, development: false }, actions))).toEqual(
      expect.arrayContaining(['appMenu', 'close']),
    );
  });
});

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    file: '',
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m, e, f) => lines.push(`error ${m} ${e instanceof Error ? e.message : ''} ${JSON.stringify(f ?? {})}`),
  };
}

function crashRig(answer: boolean) {
  const proc = new EventEmitter();
  const app = new EventEmitter();
  const log = recordingLog();
  const questions: string[] = [];
  let release: () => void = () => {};
  const reloads: string[] = [];
  watchForCrashes(proc as unknown as ProcessEvents, app as unknown as AppEvents, {
    log,
    askReload: (message) => {
      questions.push(message);
      return new Promise((resolve) => (release = () => resolve(answer)));
    },
    reloadAll: () => reloads.push('all'),
  });
  return { proc, app, log, questions, reloads, answer: () => release() };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('errors that would vanish', () => {
  it('an uncaught exception or unhandled rejection is logged and a reload offered, one question at a time', async () => {
    const rig = crashRig(true);
    rig.proc.emit('uncaughtException', new Error('boom'));
    rig.proc.emit('unhandledRejection', new Error('later'));
    expect(rig.log.lines).toEqual([
      expect.stringMatching(/^error uncaught exception in the main process boom/),
      expect.stringMatching(/^error unhandled rejection.* later/),
    ]);
    expect(rig.questions).toEqual([expect.stringContaining('unexpected error (boom)')]);
    rig.answer();
    await settle();
    expect(rig.reloads).toEqual(['all']);
    rig.proc.emit('unhandledRejection', 'plain reason');
    expect(rig.questions).toHaveLength(2);
  });

  it('a renderer that dies is logged and that window reloaded if the user says so; a clean exit is only logged', async () => {
    const rig = crashRig(true);
    const contents: ReloadableContents & { reloaded: number } = {
      id: 3,
      reloaded: 0,
      isDestroyed: () => false,
      reload() {
        this.reloaded += 1;
      },
    };
    rig.app.emit('render-process-gone', {}, contents, { reason: 'crashed', exitCode: 139 });
    expect(rig.log.lines[0]).toMatch(/a window's page stopped .*"contentsId":3,"reason":"crashed"/);
    expect(rig.questions[0]).toMatch(/stopped working \(crashed\)/);
    rig.answer();
    await settle();
    expect(contents.reloaded).toBe(1);
    rig.app.emit('render-process-gone', {}, contents, { reason: 'clean-exit', exitCode: 0 });
    expect(rig.questions).toHaveLength(1);
  });

  it('a child process that dies is logged and a reload offered; "not now" reloads nothing', async () => {
    const rig = crashRig(false);
    rig.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'oom', exitCode: 1 });
    expect(rig.log.lines[0]).toMatch(/a helper process stopped .*"type":"GPU","reason":"oom"/);
    expect(rig.questions[0]).toMatch(/helper process \(GPU\) stopped \(oom\)/);
    rig.answer();
    await settle();
    expect(rig.reloads).toEqual([]);
  });
});
