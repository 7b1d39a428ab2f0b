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
import { caseWithCt } from '../imaging/fixtures';
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
