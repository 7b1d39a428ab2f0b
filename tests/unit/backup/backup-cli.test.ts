import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBoardprep } from '../helpers/cli';
import { MANIFEST_FILE } from '../../../electron/db/backup-manifest';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

const run = runBoardprep;

function demoDataDir(): string {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  loadDemoBoard(db, RESOURCES_DIR);
  db.close();
  return dataDir;
}

describe('boardprep backup and restore', () => {
  it('backs up into a new dated folder, verifies it, and restores it into a new folder', async () => {
    const dataDir = demoDataDir();
    const to = tempDataDir();
    const made = await run('backup', '--to', to, '--data', dataDir, '--json');
    expect(made).toMatchObject({ code: 0, err: '' });
    const result = JSON.parse(made.out) as { folder: string; counts: { cases: number } };
    expect(readdirSync(to)).toEqual([path.basename(result.folder)]);
    expect(existsSync(path.join(result.folder, MANIFEST_FILE))).toBe(true);

    const verified = await run('backup', '--verify', result.folder);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^The backup is whole: \d+ files/);

    const target = path.join(tempDataDir(), 'restored');
    const restored = await run('restore', '--from', result.folder, '--data', target);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(new RegExp(`Restored and verified .*${result.counts.cases} cases`));
    const db = openDatabase(target);
    expect(new CasesService(db).count()).toBe(result.counts.cases);
    db.close();
  });

  it('refuses a restore into a folder that is not empty (exit 1) and leaves it as it was', async () => {
    const dataDir = demoDataDir();
    const made = JSON.parse((await run('backup', '--to', tempDataDir(), '--data', dataDir, '--json')).out) as {
      folder: string;
    };
    const target = tempDataDir();
    writeFileSync(path.join(target, 'keep.txt'), 'x');
    const refused = await run('restore', '--from', made.folder, '--data', target);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/boardprep restore: .* is not empty: restore only into a new or empty folder/);
    expect(readdirSync(target)).toEqual(['keep.txt']);
  });

  it('says what is wrong: no data to back up, not a backup, a wrong command line', async () => {
    const empty = path.join(tempDataDir(), 'nothing');
    expect(await run('backup', '--to', tempDataDir(), '--data', empty)).toMatchObject({
      code: 1,
      err: expect.stringContaining('holds no BoardPrep database: nothing to back up'),
    });
    expect(existsSync(path.join(empty, 'boardprep.db'))).toBe(false);
    expect(await run('backup', '--verify', tempDataDir())).toMatchObject({
      code: 1,
      err: expect.stringContaining('it has no manifest.json'),
    });
    expect(await run('backup')).toMatchObject({ code: 2, err: expect.stringContaining('Give either --to DIR') });
    expect(await run('restore', '--data', tempDataDir())).toMatchObject({
      code: 2,
      err: expect.stringContaining('--from BACKUPFOLDER is required'),
    });
    const target = path.join(tempDataDir(), 'new');
    expect(await run('restore', '--from', tempDataDir(), '--data', target)).toMatchObject({ code: 1 });
    expect(existsSync(target)).toBe(false);
  });
});
