import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE } from '../db/file-modes';
import type { RequestBody } from './body';

/**
 * Files a browser uploads for import land in uploads/<batch>/<relative path>, keeping the folder layout so
 * a CD's DICOMDIR still finds the files it names. The batch is removed once imported. Each file is streamed to
 * disk (never held in memory) and refused as soon as it passes MAX_UPLOAD_BYTES.
 */
const BATCH = /^[A-Za-z0-9_-]{8,64}$/;
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export function uploadDir(dataDir: string, batchId: string): string {
  if (!BATCH.test(batchId)) throw new Error('Not an upload batch id');
  return path.join(dataDir, 'uploads', batchId);
}

/** Keeps each path segment to safe characters; never lets `..` or an absolute path out of the batch. */
export function safeRelativePath(name: string, index: number): string {
  const segments = name
    .split(/[\\/]+/)
    .map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_'))
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  return segments.length ? path.join(...segments) : `file-${index}`;
}

export async function storeUpload(
  dataDir: string,
  batchId: string,
  index: number,
  name: string,
  body: RequestBody,
): Promise<void> {
  const dir = uploadDir(dataDir, batchId);
  let target = path.join(dir, safeRelativePath(name, index));
  try {
    if (statSync(target).isFile()) target = path.join(path.dirname(target), `${index}-${path.basename(target)}`);
  } catch {
    // not there yet: the usual case
  }
  // Owner-only (issue 12 item 13): an upload is a patient's study until it is imported.
  mkdirSync(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  await body.saveTo(target, MAX_UPLOAD_BYTES);
}

export function removeUpload(dataDir: string, batchId: string): void {
  rmSync(uploadDir(dataDir, batchId), { recursive: true, force: true });
}

/** Batches left behind by a crash or a closed browser tab are removed at the next start. */
export function sweepUploads(dataDir: string, olderThanMs = 3600_000, now = Date.now()): void {
  const root = path.join(dataDir, 'uploads');
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(root, name);
    if (now - statSync(dir).mtimeMs > olderThanMs) rmSync(dir, { recursive: true, force: true });
  }
}
