import { z } from 'zod';

/**
 * Issue 12 item 12: the daily backup's settings (app_settings.backup_*) and "Back up now". The command line does
 * the same without them: boardprep backup --to DIR, boardprep restore --from FOLDER --data NEWDIR.
 */

export const BackupSettings = z.object({
  /** The folder that receives the dated backup folders (another disk or a network share), or none yet. */
  dir: z.string().nullable(),
  /** How many backups the daily run keeps in that folder (the oldest beyond are removed). */
  keep: z.number().int().min(1, 'Keep at least 1 backup').max(365, 'At most 365'),
  daily: z.boolean(),
  /** When the last backup (daily or "Back up now") finished, ISO; null before the first. */
  lastBackupAt: z.string().nullable(),
});
export type BackupSettings = z.infer<typeof BackupSettings>;

const SetBackupSettings = z
  .object({
    dir: z
      .string()
      .trim()
      .min(1, 'Give the folder that receives the backups')
      .max(1000, 'At most 1000 characters')
      .nullable(),
    keep: BackupSettings.shape.keep,
    daily: z.boolean(),
  })
  .strict()
  .refine((s) => !s.daily || s.dir !== null, { message: 'A daily backup needs a folder', path: ['dir'] });

export const BackupRun = z.object({
  folder: z.string(),
  createdAt: z.string(),
  files: z.number().int(),
  bytes: z.number().int(),
  cases: z.number().int(),
  images: z.number().int(),
  renders: z.number().int(),
  seconds: z.number(),
  /** Older backups removed to keep the configured number. */
  removed: z.number().int(),
});
export type BackupRun = z.infer<typeof BackupRun>;

export const backupContract = {
  'settings:backup': { input: z.object({}).strict(), output: BackupSettings },
  'settings:setBackup': { input: SetBackupSettings, output: BackupSettings },
  /** Backs up into the configured folder now and keeps the configured number. */
  'backup:now': { input: z.object({}).strict(), output: BackupRun },
} as const;

export type BackupChannel = keyof typeof backupContract;
