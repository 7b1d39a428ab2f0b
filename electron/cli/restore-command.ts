import path from 'node:path';
import { restore } from '../services/backup/restore';
import { DomainError } from '../services/errors';
import { parseOptions, UsageError, type Command } from './command';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore a backup into a new, empty data folder and verify it',
  help: `Usage: boardprep restore --from BACKUPFOLDER --data NEWDIR [--json]

Restores a backup made by boardprep backup (or the copy the app makes before a schema migration, in
<data>/backups/) into NEWDIR, which must be empty or not exist: an existing data folder is never overwritten.
The backup is checked first (every file present with its SHA-256), then copied, then the restored database is
opened read-only and checked: SQLite's integrity check, the audit trail's last entry, and every indexed image
and render present with its hash. On any failure NEWDIR is left as it was found and the message names the first
problem. Then open NEWDIR: boardprep serve --data NEWDIR, or BOARDPREP_DATA=NEWDIR for the desktop app.

Options:
  --from BACKUPFOLDER  a boardprep-backup-<date> folder (the one holding manifest.json)
  --data NEWDIR        the new data folder
  --json               print the report as JSON

Exit status: 0 restored and verified, 1 refused or failed (nothing left in NEWDIR), 2 a wrong command line.`,
  // The log of a restore must not be written into the folder it may have to leave empty.
  logInDataFolder: false,
  async run(args, env, io) {
    const { values } = parseOptions(args, { from: { type: 'string' }, json: { type: 'boolean' } });
    if (values.from === undefined) throw new UsageError('--from BACKUPFOLDER is required');
    try {
      const report = restore(path.resolve(values.from), env.dataDir);
      if (values.json) io.out(JSON.stringify(report));
      else
        io.out(
          `Restored and verified ${report.files} files (${report.counts.cases} cases, ${report.counts.images} images, ` +
            `${report.counts.renders} key-image renders; schema ${report.schemaVersion}) into ${report.dataDir} in ${report.seconds} s.`,
        );
      return 0;
    } catch (err) {
      if (err instanceof DomainError) {
        io.err(`boardprep restore: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
