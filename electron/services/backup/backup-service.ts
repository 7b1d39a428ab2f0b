import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { BackupRun, BackupSettings } from '../../../shared/contract/backup';
import type { Db } from '../../db/open';
import { DomainError } from '../errors';
import { backup, BACKUP_PREFIX } from './backup';
import { markBackedUp, readBackupSettings, writeBackupSettings } from './backup-sql';

export const DAY_MS = 24 * 3600 * 1000;

/** The boardprep-backup-* folders of `dir`, newest first (their names sort by time). */
export function backupFolders(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n.startsWith(BACKUP_PREFIX)).sort((a, b) => b.localeCompare(a));
}

/** Removes all but the newest `keep` backups of `dir`; answers how many were removed. Temp folders are not touched. */
export function pruneBackups(dir: string, keep: number): number {
  const old = backupFolders(dir).slice(keep);
  for (const name of old) rmSync(path.join(dir, name), { recursive: true, force: true });
  return old.length;
}

/**
 * The administrator's backups: the settings (folder, keep N, daily on/off), "Back up now", and the daily run the
 * host schedules (electron/host/backup-schedule.ts). One backup at a time per process.
 */
export class BackupService {
  private running: Promise<BackupRun> | null = null;

  constructor(
    private readonly db: Db,
    private readonly dataDir: string,
    private readonly appVersion: string,
  ) {}

  settings(): BackupSettings {
    const row = readBackupSettings(this.db);
    return {
      dir: row.backup_dir,
      keep: row.backup_keep,
      daily: row.backup_daily === 1,
      lastBackupAt: row.last_backup_at,
    };
  }

  setSettings(next: { dir: string | null; keep: number; daily: boolean }): BackupSettings {
    if (next.dir !== null && !path.isAbsolute(next.dir))
      throw new DomainError('invalid-input', 'Give the whole path of the folder (starting at a drive or /)', 'dir');
    writeBackupSettings(this.db, next.dir, next.keep, next.daily);
    return this.settings();
  }

  /** Backs up into the configured folder and keeps the configured number. */
  runNow(now: Date = new Date()): Promise<BackupRun> {
    if (this.running) throw new DomainError('conflict', 'A backup is already running: wait for it to finish');
    const { dir, keep } = this.settings();
    if (!dir) throw new DomainError('invalid-input', 'Choose the folder that receives the backups first', 'dir');
    this.running = (async () => {
      try {
        const result = await backup(this.dataDir, this.db, dir, { appVersion: this.appVersion, now });
        markBackedUp(this.db, new Date().toISOString());
        const removed = pruneBackups(dir, keep);
        return {
          folder: result.folder,
          createdAt: result.createdAt,
          files: result.files,
          bytes: result.bytes,
          ...result.counts,
          seconds: result.seconds,
          removed,
        };
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Whether the daily backup is on and the last one is 24 hours old or more (or there was none). */
  isDue(now: Date = new Date()): boolean {
    const { dir, daily, lastBackupAt } = this.settings();
    if (!daily || !dir || this.running) return false;
    return lastBackupAt === null || now.getTime() - Date.parse(lastBackupAt) >= DAY_MS;
  }
}
