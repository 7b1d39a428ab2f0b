import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, openDatabase } from '../db/open';
import { backup } from '../services/backup/backup';
import { verifyBackup } from '../services/backup/verify';
import { DomainError } from '../services/errors';
import { parseOptions, UsageError, type Command } from './command';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the data folder (database, image store, renders), or verify a backup',
  help: `Usage: boardprep backup --to DIR [--json] [--data DIR]
       boardprep backup --verify BACKUPFOLDER [--json]

Writes a consistent copy of the data folder into a new folder DIR/boardprep-backup-<date>T<time>, while the
app may be running: the database through SQLite's online backup, every image and key-image render the database
indexes, and a manifest.json with each file's size and SHA-256 and the audit trail's last entry. A backup that
fails leaves no folder under that name. Put DIR on another disk (or a network share): a backup next to the data
is lost with it. Restore with boardprep restore.

Options:
  --to DIR             the folder that receives the new backup folder (created if needed)
  --verify FOLDER      check a backup's files against its manifest, without restoring it
  --json               print the result as JSON
  --data DIR           the data folder to back up (default: BOARDPREP_DATA, else the platform's user-data folder)

Exit status: 0 done, 1 the backup failed or the backup checked is damaged (the message names the first problem),
2 a wrong command line.`,
  async run(args, env, io) {
    const { values } = parseOptions(args, {
      to: { type: 'string' },
      verify: { type: 'string' },
      json: { type: 'boolean' },
    });
    if ((values.to === undefined) === (values.verify === undefined))
      throw new UsageError('Give either --to DIR (make a backup) or --verify BACKUPFOLDER (check one)');
    try {
      if (values.verify !== undefined) {
        const result = verifyBackup(path.resolve(values.verify));
        const { manifest } = result;
        if (values.json) io.out(JSON.stringify({ ok: true, files: result.files, bytes: result.bytes, manifest }));
        else
          io.out(
            `The backup is whole: ${result.files} files (${megabytes(result.bytes)}) match their SHA-256; ` +
              `made ${manifest.createdAt} by BoardPrep ${manifest.appVersion ?? '(unknown)'}, schema ${manifest.schemaVersion}, ` +
              `${manifest.counts.cases} cases, ${manifest.counts.images} images.`,
          );
        return 0;
      }
      if (!existsSync(path.join(env.dataDir, DATABASE_FILE)))
        throw new DomainError('not-found', `${env.dataDir} holds no BoardPrep database: nothing to back up`);
      const db = openDatabase(env.dataDir, { notice: (line) => env.log.info(line) });
      try {
        const result = await backup(env.dataDir, db, path.resolve(values.to!), { appVersion: env.version });
        env.log.info('backup written', { files: result.files, bytes: result.bytes, seconds: result.seconds });
        if (values.json) io.out(JSON.stringify(result));
        else
          io.out(
            `Backed up ${result.counts.cases} cases, ${result.counts.images} images and ${result.counts.renders} key-image renders ` +
              `(${result.files} files, ${megabytes(result.bytes)}) in ${result.seconds} s to ${result.folder}`,
          );
        return 0;
      } finally {
        db.close();
      }
    } catch (err) {
      if (err instanceof DomainError) {
        io.err(`boardprep backup: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
