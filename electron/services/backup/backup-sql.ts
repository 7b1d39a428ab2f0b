import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';

export interface BackupSettingsRow {
  backup_dir: string | null;
  backup_keep: number;
  backup_daily: number;
  last_backup_at: string | null;
}

export function readBackupSettings(db: Db): BackupSettingsRow {
  return db
    .prepare('SELECT backup_dir, backup_keep, backup_daily, last_backup_at FROM app_settings WHERE id = 1')
    .get() as BackupSettingsRow;
}

export function writeBackupSettings(db: Db, dir: string | null, keep: number, daily: boolean): void {
  writeTransaction(db, () =>
    db
      .prepare('UPDATE app_settings SET backup_dir = ?, backup_keep = ?, backup_daily = ? WHERE id = 1')
      .run(dir, keep, daily ? 1 : 0),
  );
}

export function markBackedUp(db: Db, at: string): void {
  writeTransaction(db, () => db.prepare('UPDATE app_settings SET last_backup_at = ? WHERE id = 1').run(at));
}
