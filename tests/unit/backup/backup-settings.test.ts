import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { scheduleDailyBackup } from '../../../electron/host/backup-schedule';
import { dispatch } from '../../../electron/host/dispatch';
import { createHandlers } from '../../../electron/host/handlers';
import { BackupService, pruneBackups } from '../../../electron/services/backup/backup-service';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import type { BackupRun } from '../../../shared/contract/backup';
import { callerAs } from '../helpers/caller';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

const ADMIN = callerAs('administrator');

function board() {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  loadDemoBoard(db, RESOURCES_DIR);
  const handlers = createHandlers({ db, dataDir, resourcesDir: RESOURCES_DIR, version: '9.9.9' });
  return { dataDir, db, handlers };
}

describe('backup settings and Back up now', () => {
  it("are the administrator's: another role is refused, naming the right", async () => {
    const { handlers, db } = board();
    for (const channel of ['settings:backup', 'backup:now'] as const) {
      const r = await dispatch(handlers, channel, {}, callerAs('chair'));
      expect(r).toMatchObject({ ok: false, error: { code: 'refused', message: expect.stringContaining('settings') } });
    }
    db.close();
  });

  it('saves the folder, keep and daily; backs up now into the folder and keeps the newest N', async () => {
    const { handlers, db } = board();
    const dir = path.join(tempDataDir(), 'backups');
    expect(await dispatch(handlers, 'settings:setBackup', { dir: null, keep: 2, daily: true }, ADMIN)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('A daily backup needs a folder') },
    });
    expect(await dispatch(handlers, 'backup:now', {}, ADMIN)).toMatchObject({
      ok: false,
      error: { message: 'Choose the folder that receives the backups first' },
    });
    const saved = await dispatch(handlers, 'settings:setBackup', { dir, keep: 2, daily: true }, ADMIN);
    expect(saved).toEqual({ ok: true, value: { dir, keep: 2, daily: true, lastBackupAt: null } });
    // Two older backups already there: after this one, the newest two are kept.
    mkdirSync(path.join(dir, 'boardprep-backup-2020-01-01T00-00-00'), { recursive: true });
    mkdirSync(path.join(dir, 'boardprep-backup-2020-01-02T00-00-00'));
    const run = await dispatch(handlers, 'backup:now', {}, ADMIN);
    if (!run.ok) throw new Error(run.error.message);
    const value = run.value as BackupRun;
    expect(value).toMatchObject({ cases: expect.any(Number), removed: 1 });
    expect(readdirSync(dir).sort()).toEqual(['boardprep-backup-2020-01-02T00-00-00', path.basename(value.folder)]);
    const after = await dispatch(handlers, 'settings:backup', {}, ADMIN);
    expect(after).toMatchObject({ ok: true, value: { lastBackupAt: expect.any(String) } });
    db.close();
  });

  it('runs the daily backup when it is on and the last one is a day old', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    loadDemoBoard(db, RESOURCES_DIR);
    const backup = new BackupService(db, dataDir, '9.9.9');
    const dir = path.join(tempDataDir(), 'daily');
    expect(backup.isDue()).toBe(false);
    backup.setSettings({ dir, keep: 3, daily: true });
    expect(backup.isDue()).toBe(true);
    const lines: string[] = [];
    let written!: () => void;
    const done = new Promise<void>((resolve) => (written = resolve));
    const stop = scheduleDailyBackup(
      { backup },
      { info: (l) => (lines.push(l), written()), error: (l) => (lines.push(l), written()) },
      10,
    );
    await done;
    stop();
    expect(lines).toEqual(['daily backup written']);
    expect(backup.isDue()).toBe(false);
    expect(backup.isDue(new Date(Date.now() + 25 * 3600 * 1000))).toBe(true);
    expect(existsSync(dir)).toBe(true);
    db.close();
  });

  it('pruning leaves other folders alone', () => {
    const dir = tempDataDir();
    for (const n of ['boardprep-backup-2026-01-01T00-00-00', 'boardprep-backup-2026-01-02T00-00-00', 'mine'])
      mkdirSync(path.join(dir, n));
    expect(pruneBackups(dir, 1)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['boardprep-backup-2026-01-02T00-00-00', 'mine']);
  });
});
