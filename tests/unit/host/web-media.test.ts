import { CHAIR } from '../helpers/caller';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyTooLargeError, requestBody } from '../../../electron/host/body';
import { handlersFor } from '../../../electron/host/handlers';
import { answerMedia } from '../../../electron/host/media';
import { createServices } from '../../../electron/host/services';
import { startWebHost, type WebHost } from '../../../electron/host/web';
import { signMediaPath } from '../../../shared/media-signature';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import { caseWithCt, PNG_1X1 } from '../imaging/fixtures';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const base = await caseWithCt();
  const rendererDir = path.join(base.dataDir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BoardPrep</title>');
  const services = createServices({ db: base.db, dataDir: base.dataDir, resourcesDir: RESOURCES_DIR, version: 't' });
  host = await startWebHost({
    gate: CHAIR.gate,
    handlers: handlersFor(services),
    media: (m, u, b) => answerMedia(services, m, u, b),
    rendererDir,
  });
  return { h: host, ...base };
}

describe('patient files on the web host', () => {
  it('are served no-store (no copy in the browser disk cache), to the token header only', async () => {
    const { h, sops } = await start();
    const file = `${h.url}media/instances/${sops[0]}`;
    const res = await fetch(file, { headers: { 'X-BoardPrep-Token': h.token } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await fetch(file)).status).toBe(401);
  });

  it('open by a short-lived signature of their own path, for GET only', async () => {
    const { h, sops } = await start();
    const signed = signMediaPath(h.token, `/media/instances/${sops[0]}`, Date.now());
    const ok = await fetch(new URL(signed, h.url));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    await ok.arrayBuffer();
    // The signature of one file opens no other.
    const other = signed.replace(sops[0], sops[1]);
    expect((await fetch(new URL(other, h.url))).status).toBe(401);
    // Nor does an old one, nor one signed with another token.
    const old = signMediaPath(h.token, `/media/instances/${sops[0]}`, Date.now() - 20 * 60_000);
    expect((await fetch(new URL(old, h.url))).status).toBe(401);
    const forged = signMediaPath('not-the-token', `/media/instances/${sops[0]}`, Date.now());
    expect((await fetch(new URL(forged, h.url))).status).toBe(401);
    // Writing needs the header.
    const put = signMediaPath(h.token, '/media/renders/abcdefgh1234.png', Date.now());
    expect((await fetch(new URL(put, h.url), { method: 'PUT', body: 'x' })).status).toBe(401);
  });

  it("give a key image's JPEG for print once the viewer sent one with the PNG, and refuse a JPEG that is not one", async () => {
    const { h, db, dataDir, caseId, sops } = await start();
    const put = (name: string, body: Buffer) =>
      fetch(`${h.url}media/renders/${name}`, {
        method: 'PUT',
        headers: { 'X-BoardPrep-Token': h.token },
        body: new Uint8Array(body),
      });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0xff, 0xd9]);
    const bad = await put('jpegtoken01.jpg', PNG_1X1);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/not a JPEG/);
    expect((await put('jpegtoken01.png', PNG_1X1)).status).toBe(201);
    expect((await put('jpegtoken01.jpg', jpeg)).status).toBe(201);
    const withJpeg = new KeyImagesService(db, dataDir).create({
      caseId,
      sopInstanceUid: sops[3],
      frame: 0,
      caption: 'Axial CT',
      view: { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } },
      annotations: [],
      renderToken: 'jpegtoken01',
    });
    const get = (file: string) =>
      fetch(`${h.url}media/key-images/${file}`, { headers: { 'X-BoardPrep-Token': h.token } });
    const res = await get(`${withJpeg.id}.jpg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(jpeg);
    expect((await get(`${withJpeg.id}.png`)).headers.get('content-type')).toBe('image/png');
    // A key image without one: the print view falls back to its PNG.
    db.prepare("UPDATE key_images SET render_path = 'renders/other.png' WHERE id = ?").run(withJpeg.id);
    writeFileSync(path.join(dataDir, 'renders', 'other.png'), Buffer.concat([PNG_1X1, Buffer.from([0])]));
    const missing = await get(`${withJpeg.id}.jpg`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('No JPEG kept');
  });

  it('refuse an upload past its limit as soon as its length says so, before reading it', async () => {
    const { h } = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: h.port,
          path: '/media/uploads/batch-abcdefgh/0?name=big.dcm',
          method: 'PUT',
          headers: { 'X-BoardPrep-Token': h.token, 'Content-Length': String(3 * 1024 ** 3) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });
});

describe('request bodies', () => {
  it('go to disk as they arrive, and a body past its limit is refused and leaves no file', async () => {
    const dir = tempDataDir();
    const chunks = Array.from({ length: 10 }, () => Buffer.alloc(1024, 7));
    const kept = path.join(dir, 'kept.bin');
    await requestBody(Readable.from(chunks)).saveTo(kept, 10 * 1024);
    expect(existsSync(kept)).toBe(true);

    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024, 1));
      },
    });
    const refused = path.join(dir, 'refused.bin');
    await expect(requestBody(endless).saveTo(refused, 8 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(existsSync(refused)).toBe(false);
    // Stopped reading (what is pulled past the limit is only what the streams buffer ahead).
    expect(pulled).toBeLessThan(64);
    await expect(requestBody(Readable.from(chunks)).read(4 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});
