import path from 'node:path';
import { cachedJpeg } from '../services/imaging/jpeg-cache';
import { PRINT_JPEG_QUALITY } from '../../shared/imaging/key-image-jpeg';
import { acceptRenderUpload, isRenderUploadKind, MAX_RENDER_BYTES } from '../services/imaging/render-store';
import { BodyTooLargeError, type RequestBody } from './body';
import { answerExportMedia } from './handlers/exports';
import type { Services } from './services';
import { storeUpload } from './uploads';

/**
 * Binary routes under /media/, the same for the web host (HTTP) and the desktop app (boardprep://):
 *   GET  /media/instances/<SOP Instance UID>   a stored DICOM file
 *   GET  /media/key-images/<id>.png           a key image with its measurements burned in
 *   GET  /media/key-images/<id>.jpg           its JPEG for print (jpeg-cache.ts); 404 until one is kept
 *   PUT  /media/uploads/<batch>/<n>?name=...   a file to import (browser uploads)
 *   PUT  /media/renders/<token>.png           a rendered key image, claimed by keyImages:create
 *   PUT  /media/renders/<token>.jpg           its JPEG for print, made by the viewer beside the PNG (optional)
 *   GET  /media/exports/<name>                 a file the exports wrote to the data folder's exports/
 *   GET  /media/frozen/<decision>/<id>.png     a key image as frozen with a signed-off decision (from the database)
 */
export type MediaAnswer =
  | { status: 200; file: string; contentType: string }
  | { status: 200; bytes: Buffer; contentType: string }
  | { status: number; text: string };

const UID = /^[0-9]+(\.[0-9]+)*$/;
const TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

export async function answerMedia(
  services: Services,
  method: string,
  url: URL,
  body: RequestBody,
): Promise<MediaAnswer | null> {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'media') return null;
  const [, kind, a, b] = parts;
  if (kind === 'exports') return answerExportMedia(services.exports, method, url);
  try {
    if (method === 'GET' && kind === 'instances' && a && UID.test(a) && !b) {
      const file = services.studies.instanceFile(a);
      return file
        ? { status: 200, file, contentType: 'application/dicom' }
        : { status: 404, text: `No stored image ${a}` };
    }
    if (method === 'GET' && kind === 'key-images' && a && /^\d+\.(png|jpg)$/.test(a)) {
      const relative = services.keyImages.renderPath(Number.parseInt(a, 10));
      if (!relative) return { status: 404, text: 'No such key image' };
      const file = path.join(services.ctx.dataDir, relative);
      if (a.endsWith('.jpg')) {
        const jpeg = cachedJpeg(services.ctx.dataDir, file, PRINT_JPEG_QUALITY);
        return jpeg ? { status: 200, file: jpeg, contentType: 'image/jpeg' } : { status: 404, text: 'No JPEG kept' };
      }
      return { status: 200, file, contentType: 'image/png' };
    }
    if (method === 'GET' && kind === 'frozen' && a && /^\d+$/.test(a) && b && /^\d+\.png$/.test(b)) {
      const png = services.meetings.freeze.image(Number(a), b);
      return png
        ? { status: 200, bytes: png, contentType: 'image/png' }
        : { status: 404, text: 'No such frozen image' };
    }
    if (method === 'PUT' && kind === 'uploads' && a && TOKEN.test(a) && b && /^\d+$/.test(b)) {
      await storeUpload(services.ctx.dataDir, a, Number(b), url.searchParams.get('name') ?? `file-${b}`, body);
      return { status: 201, text: 'stored' };
    }
    const render = method === 'PUT' && kind === 'renders' && a ? /^(.+)\.(png|jpg)$/.exec(a) : null;
    if (render && TOKEN.test(render[1]) && isRenderUploadKind(render[2])) {
      const bytes = await body.read(MAX_RENDER_BYTES);
      acceptRenderUpload(services.ctx.dataDir, render[1], bytes, render[2]);
      return { status: 201, text: 'stored' };
    }
    return { status: 404, text: 'Not found' };
  } catch (err) {
    return {
      status: err instanceof BodyTooLargeError ? 413 : 400,
      text: err instanceof Error ? err.message : String(err),
    };
  }
}
