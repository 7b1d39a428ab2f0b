import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../../db/file-modes';
import { PRINT_JPEG_QUALITY } from '../../../shared/imaging/key-image-jpeg';
import { isJpeg, storeJpeg, sweepJpegs } from './jpeg-cache';

/**
 * Rendered key-image PNGs: uploaded first to renders/incoming/<token>.png, then claimed by the key image
 * that references them (renders/<token>.png). The viewer uploads the same view as JPEG beside it
 * (incoming/<token>.jpg), kept at the claim as the render's JPEG for print (jpeg-cache.ts). Unclaimed or
 * unreferenced files are swept at start.
 */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_RENDER_BYTES = 20 * 1024 * 1024;
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

export function newRenderToken(): string {
  return randomBytes(16).toString('base64url');
}

const incomingDir = (dataDir: string) => path.join(dataDir, 'renders', 'incoming');

/** What an upload may be: the key image's PNG, or the JPEG for print the viewer made of the same view. */
const UPLOAD_KINDS = {
  png: { name: 'PNG', is: (b: Buffer) => b.length >= PNG_SIGNATURE.length && b.subarray(0, 8).equals(PNG_SIGNATURE) },
  jpg: { name: 'JPEG', is: isJpeg },
} as const;
export type RenderUploadKind = keyof typeof UPLOAD_KINDS;
export const isRenderUploadKind = (s: string): s is RenderUploadKind => Object.hasOwn(UPLOAD_KINDS, s);

/** Stores an uploaded render under its token (incoming/<token>.<kind>); refuses anything that is not of its kind. */
export function acceptRenderUpload(
  dataDir: string,
  token: string,
  bytes: Buffer,
  kind: RenderUploadKind = 'png',
): void {
  if (!TOKEN.test(token)) throw new Error('Not a render token');
  if (bytes.length > MAX_RENDER_BYTES) throw new Error('The rendered image is larger than 20 MB');
  if (!UPLOAD_KINDS[kind].is(bytes)) throw new Error(`The rendered image is not a ${UPLOAD_KINDS[kind].name}`);
  // Owner-only (issue 12 item 13): a render shows a patient's images.
  makePrivateDir(incomingDir(dataDir));
  const tmp = path.join(incomingDir(dataDir), `${token}.${kind}.tmp`);
  writeFileSync(tmp, bytes, { mode: PRIVATE_FILE_MODE });
  renameSync(tmp, path.join(incomingDir(dataDir), `${token}.${kind}`));
}

/**
 * Moves an uploaded render into place and returns its path relative to the data folder. Its JPEG, when the viewer
 * sent one, becomes the render's JPEG for print; without one the first PDF export makes it.
 */
export function claimRender(dataDir: string, token: string): string | null {
  if (!TOKEN.test(token)) return null;
  const from = path.join(incomingDir(dataDir), `${token}.png`);
  if (!existsSync(from)) return null;
  const relative = path.join('renders', `${token}.png`);
  renameSync(from, path.join(dataDir, relative));
  const jpeg = path.join(incomingDir(dataDir), `${token}.jpg`);
  if (existsSync(jpeg)) {
    storeJpeg(dataDir, path.join(dataDir, relative), PRINT_JPEG_QUALITY, readFileSync(jpeg));
    rmSync(jpeg, { force: true });
  }
  return relative;
}

export function removeRender(dataDir: string, relative: string): void {
  rmSync(path.join(dataDir, relative), { force: true });
}

/** Removes renders no key image references (and their kept JPEGs), and uploads never claimed within a day. */
export function sweepRenders(dataDir: string, referenced: Iterable<string>, now = Date.now()): number {
  const keep = new Set([...referenced].map((p) => path.normalize(p)));
  const dir = path.join(dataDir, 'renders');
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const relative = path.join('renders', name);
    if (name.endsWith('.png') && !keep.has(relative)) {
      rmSync(path.join(dataDir, relative), { force: true });
      removed++;
    }
  }
  removed += sweepJpegs(
    dataDir,
    [...keep].map((relative) => path.join(dataDir, relative)),
  );
  if (existsSync(incomingDir(dataDir))) {
    for (const name of readdirSync(incomingDir(dataDir))) {
      const file = path.join(incomingDir(dataDir), name);
      if (now - statSync(file).mtimeMs > 24 * 3600 * 1000) {
        rmSync(file, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
