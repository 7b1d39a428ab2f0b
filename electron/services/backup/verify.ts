import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE, MANIFEST_FORMAT, sha256File, type BackupManifest } from '../../db/backup-manifest';
import { DATABASE_FILE } from '../../db/open';
import { DomainError } from '../errors';
import { safeRelative } from './backup-files';

export interface VerifyResult {
  manifest: BackupManifest;
  files: number;
  bytes: number;
}

/** A backup that cannot be trusted; the message names the first problem found. */
const damaged = (folder: string, problem: string) =>
  new DomainError('conflict', `The backup in ${folder} cannot be used: ${problem}`);

function readManifest(folder: string): BackupManifest {
  const file = path.join(folder, MANIFEST_FILE);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new DomainError('not-found', `${folder} is not a folder`, 'from');
  if (!existsSync(file))
    throw damaged(folder, `it has no ${MANIFEST_FILE} (not a BoardPrep backup, or one that did not finish)`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  } catch {
    throw damaged(folder, `${MANIFEST_FILE} is not valid JSON`);
  }
  if (manifest?.format !== MANIFEST_FORMAT || manifest.formatVersion !== 1 || !Array.isArray(manifest.files))
    throw damaged(folder, `${MANIFEST_FILE} is not a BoardPrep backup manifest (format 1)`);
  if (!manifest.files.some((f) => f.path === DATABASE_FILE))
    throw damaged(folder, `the manifest lists no ${DATABASE_FILE}`);
  return manifest;
}

/**
 * Checks a backup folder without restoring it: the manifest, and every file it lists present with its size and
 * SHA-256. Throws naming the first problem (the file, and what is wrong with it).
 */
export function verifyBackup(folder: string): VerifyResult {
  const manifest = readManifest(folder);
  let bytes = 0;
  for (const f of manifest.files) {
    let relative: string;
    try {
      relative = safeRelative(f.path);
    } catch (err) {
      throw damaged(folder, (err as Error).message);
    }
    const file = path.join(folder, relative);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw damaged(folder, `${f.path} is missing`);
    if (stat.size !== f.size) throw damaged(folder, `${f.path} has ${stat.size} bytes, the manifest says ${f.size}`);
    if (sha256File(file) !== f.sha256)
      throw damaged(folder, `${f.path} has changed since the backup (its SHA-256 differs)`);
    bytes += stat.size;
  }
  return { manifest, files: manifest.files.length, bytes };
}
