import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../db/file-modes';

/**
 * JPEG copies of the key-image PNGs for print (issue 14 item 1; shared/imaging/key-image-jpeg.ts says why), kept
 * in renders/jpeg/ keyed by the SHA-256 of the PNG they were made from and the quality. The viewer uploads one with
 * each key image it saves (render-store.ts); for older key images, and those made without the viewer, the first PDF
 * export encodes them (pdf.ts, JPEG_IMAGES_SCRIPT) and hands them back to be kept. The print view asks the media
 * route for `/media/key-images/<id>.jpg` and Chromium embeds it in the PDF as it is. A changed render has another
 * hash, so a stale JPEG is never used.
 */
const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]);
export const MAX_JPEG_BYTES = 20 * 1024 * 1024;

const cacheDir = (dataDir: string) => path.join(dataDir, 'renders', 'jpeg');

/** The quality as the file name has it: 0.92 -> '92'. */
function qualityKey(quality: number): string | null {
  if (!Number.isFinite(quality) || quality <= 0 || quality > 1) return null;
  return String(Math.round(quality * 100));
}

/**
 * SHA-256 of the PNGs hashed so far, by the file's identity (path, inode, size, modification time in ns). The print
 * view asks for 80 JPEGs at once and the media route answers them one after another: reading and hashing each PNG
 * again (about 1 to 2 ms for 365 KB) held every other answer back. A render is written to a new file and renamed
 * into place, so a changed render has another inode and time and is hashed again.
 */
const pngHashes = new Map<string, string>();
const MAX_REMEMBERED = 10_000;

/** The PNG's SHA-256 in hex (throws when the file cannot be read). */
export function pngHash(pngFile: string): string {
  const st = statSync(pngFile, { bigint: true });
  const key = `${st.ino} ${st.size} ${st.mtimeNs} ${pngFile}`;
  const known = pngHashes.get(key);
  if (known !== undefined) return known;
  const hash = createHash('sha256').update(readFileSync(pngFile)).digest('hex');
  if (pngHashes.size >= MAX_REMEMBERED) pngHashes.clear();
  pngHashes.set(key, hash);
  return hash;
}

function cacheFile(dataDir: string, pngFile: string, quality: number): string | null {
  const q = qualityKey(quality);
  if (q === null) return null;
  return path.join(cacheDir(dataDir), `${pngHash(pngFile)}-q${q}.jpg`);
}

/** The kept JPEG of this PNG at this quality, or null (none made yet, or unreadable). */
export function cachedJpeg(dataDir: string, pngFile: string, quality: number): string | null {
  try {
    const file = cacheFile(dataDir, pngFile, quality);
    return file && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Whether these bytes start as a JPEG does (start-of-image marker). */
export function isJpeg(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.subarray(0, 3).equals(JPEG_SOI);
}

/** Keeps a JPEG made from this PNG (refuses anything that is not a JPEG); written whole or not at all. */
export function storeJpeg(dataDir: string, pngFile: string, quality: number, jpeg: Buffer): boolean {
  if (jpeg.length > MAX_JPEG_BYTES || !isJpeg(jpeg)) return false;
  let file: string | null;
  try {
    file = cacheFile(dataDir, pngFile, quality);
  } catch {
    return false;
  }
  if (!file) return false;
  if (existsSync(file)) return true;
  // Owner-only, as the renders are (issue 12 item 13).
  makePrivateDir(cacheDir(dataDir));
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, jpeg, { mode: PRIVATE_FILE_MODE });
  renameSync(tmp, file);
  return true;
}

/**
 * Removes the kept JPEGs of renders that are gone (a key image removed, or measured again): the start-up sweep
 * passes the renders key images still reference. Answers how many were removed.
 */
export function sweepJpegs(dataDir: string, renderFiles: Iterable<string>): number {
  const dir = cacheDir(dataDir);
  if (!existsSync(dir)) return 0;
  const live = new Set<string>();
  for (const file of renderFiles) {
    try {
      live.add(pngHash(file));
    } catch {
      // A render that cannot be read has no JPEG worth keeping.
    }
  }
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!live.has(name.split('-')[0])) {
      rmSync(path.join(dir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
