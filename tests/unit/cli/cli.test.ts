import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBoardprep } from '../helpers/cli';
import { platformDataDir, resolveDataDir } from '../../../electron/host/data-folder';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { tempDataDir } from '../helpers/temp';

const run = runBoardprep;

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

  it('names the option that is missing its value, takes no value or stands where none is taken', async () => {
    const cases: [string[], string][] = [
      [['serve', '--port'], 'boardprep serve: --port needs a value'],
      [['serve', '--port='], 'boardprep serve: --port needs a value'],
      [['serve', '--port', '--demo'], 'boardprep serve: --port needs a value'],
      [['demo', '--json=yes'], 'boardprep demo: --json takes no value'],
      [['demo', 'extra'], 'boardprep demo: Unexpected argument: extra'],
      [['demo', '-x'], 'boardprep demo: Unknown option -x'],
      [['export', '--meeting', '1', '--pfd', 'a.pdf'], 'boardprep export: Unknown option --pfd'],
      [['import', '--case'], 'boardprep import: --case needs a value'],
      [['--data'], 'boardprep: --data needs a folder'],
      [['demo', '--data='], 'boardprep: --data needs a folder'],
      [['--colour', 'demo'], 'boardprep: unknown option --colour'],
    ];
    for (const [argv, message] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.split('\n')[0], argv.join(' ')).toContain(message);
    }
    // The command's help follows a command's usage error.
    expect((await run('serve', '--port')).err).toContain('Usage: boardprep serve');
  });

  it('takes --data, --help and --version before or after the command', async () => {
    for (const argv of [
      ['demo', '--help'],
      ['--help', 'demo'],
      ['-h', 'demo'],
      ['demo', '--data', tempDataDir(), '-h'],
    ]) {
      const r = await run(...argv);
      expect(r, argv.join(' ')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: boardprep demo') });
    }
    expect(await run('demo', '--version')).toMatchObject({ code: 0, out: '9.9.9' });
    const dir = tempDataDir();
    const r = await run('demo', '--no-images', `--data=${dir}`, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ dataDir: dir, casesCreated: 7, images: null });
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
        // The baseline CT and the restaging CT after preoperative radiotherapy (response to treatment), 74 each.
        expect.objectContaining({ key: 'thigh-ilms', imported: 148 }),
      ],
      keyImages: 4,
    });
    const second = await run('--data', dir, 'demo');
    expect(second.out).toContain('0 cases created');
    expect(second.out.match(/skipped/g)).toHaveLength(7);
    expect(second.out).toContain('rp-ddlps: 0 synthetic CT images stored, 104 already there');
    expect(second.out).toContain('0 measured key images added');
    const db = openDatabase(dir);
    // The 7 demo cases and the 2 cases of the demo's referrals in triage, each once.
    expect(new CasesService(db).count()).toBe(9);
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
