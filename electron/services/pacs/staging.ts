import { readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../db/file-modes';
import { PacsError } from './client';

/**
 * Where a retrieval's instances wait for their import: the data folder's pacs-incoming/<node id>-<study uid>/, one
 * file per instance named by its SOP Instance UID. Each is written under a temp name and renamed, so a file with
 * the final name is always complete; a cancelled or dropped retrieval keeps the folder, and the next retrieval of the
 * same study from the same node fetches only what is not there yet.
 */
export const INCOMING = 'pacs-incoming';
const UID = /^[0-9]+(\.[0-9]+)*$/;
const PART = '.part';

export function isUid(uid: string): boolean {
  return uid.length <= 64 && UID.test(uid);
}

export class Staging {
  readonly dir: string;

  constructor(dataDir: string, nodeId: number, studyUid: string) {
    // The UID names a folder: only digits and dots, so nothing can lead out of pacs-incoming.
    if (!isUid(studyUid)) throw new PacsError('bad-answer', `"${studyUid}" is not a DICOM UID`);
    this.dir = path.join(dataDir, INCOMING, `${nodeId}-${studyUid}`);
  }

  /** Creates the folder (owner-only), drops any half-written file, and answers the SOP UIDs already there. */
  open(): Set<string> {
    makePrivateDir(this.dir);
    const held = new Set<string>();
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith(PART)) rmSync(path.join(this.dir, name), { force: true });
      else if (name.endsWith('.dcm')) held.add(name.slice(0, -'.dcm'.length));
    }
    return held;
  }

  /** Writes one instance atomically (temp name, then rename). */
  put(sopInstanceUid: string, bytes: Uint8Array): void {
    if (!isUid(sopInstanceUid))
      throw new PacsError(
        'bad-answer',
        `The PACS sent an instance whose SOP Instance UID "${sopInstanceUid}" is not a UID`,
      );
    const final = path.join(this.dir, `${sopInstanceUid}.dcm`);
    const temp = final + PART;
    writeFileSync(temp, bytes, { mode: PRIVATE_FILE_MODE });
    renameSync(temp, final);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Removes staging folders untouched for `days` (a retrieval abandoned long ago: its instances would be fetched again
 * anyway). Run at start (electron/host/startup.ts); answers the folders removed.
 */
export function sweepStaging(dataDir: string, days: number, now = Date.now()): string[] {
  const root = path.join(dataDir, INCOMING);
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (stat?.isDirectory() && now - stat.mtimeMs > days * 86_400_000) {
      rmSync(dir, { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}
