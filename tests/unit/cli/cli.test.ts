import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { platformDataDir, resolveDataDir } from '../../../electron/host/data-folder';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { tempDataDir } from '../helpers/temp';

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => {} };
  const code = await runCli(argv, { appRoot, version: '9.9.9' }, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('boardprep CLI', () => {
  it('lists its commands with --help and explains each one', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/serve\s+Serve the app on 127\.0\.0\.1/);
    expect(top.out).toMatch(/demo\s+Load the demo sarcoma board/);
    for (const name of ['serve', 'demo']) {
      const help = await run(name, '--help');
      expect(help.code).toBe(0);
      expect(help.out).toContain(`Usage: boardprep ${name}`);
    }
  });

  it('says what is wrong with a bad command line and exits 2', async () => {
    expect(await run()).toMatchObject({ code: 2 });
    expect(await run('frobnicate')).toMatchObject({
      code: 2,
      err: expect.stringContaining('unknown command "frobnicate"'),
    });
    expect(await run('demo', '--colour')).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown option --colour'),
    });
    expect(await run('serve', '--port', 'ninety')).toMatchObject({
      code: 2,
      err: expect.stringContaining('--port must be 0-65535'),
    });
  });

  it('loads the demo board with its synthetic images into the --data folder, once', async () => {
    const dir = tempDataDir();
    const first = await run('demo', '--data', dir, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({
      dataDir: dir,
      casesCreated: 7,
      skipped: [],
      images: [
        expect.objectContaining({ key: 'rp-ddlps', imported: 104 }),
        expect.objectContaining({ key: 'thigh-ilms', imported: 74 }),
      ],
      keyImages: 3,
    });
    const second = await run('--data', dir, 'demo');
    expect(second.out).toContain('0 cases created');
    expect(second.out.match(/skipped/g)).toHaveLength(7);
    expect(second.out).toContain('rp-ddlps: 0 synthetic CT images stored, 104 already there');
    expect(second.out).toContain('0 measured key images added');
    const db = openDatabase(dir);
    expect(new CasesService(db).count()).toBe(7);
    db.close();
  });

  it('prints its version', async () => {
    expect(await run('--version')).toMatchObject({ code: 0, out: '9.9.9' });
  });
});

describe('the data folder', () => {
  it('prefers --data, then BOARDPREP_DATA, then the platform user-data folder', () => {
    expect(resolveDataDir('rel/dir', { BOARDPREP_DATA: '/env/dir' })).toBe(path.resolve('rel/dir'));
    expect(resolveDataDir(undefined, { BOARDPREP_DATA: '/env/dir' })).toBe('/env/dir');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg' })).toBe(
      process.platform === 'linux' ? '/xdg/BoardPrep' : platformDataDir(),
    );
  });

  it('matches Electron userData for the app name on each platform', () => {
    expect(platformDataDir('linux', { XDG_CONFIG_HOME: '/home/u/.config' })).toBe('/home/u/.config/BoardPrep');
    expect(platformDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' })).toContain('BoardPrep');
    expect(platformDataDir('darwin', {})).toMatch(/Library\/Application Support\/BoardPrep$/);
  });
});
