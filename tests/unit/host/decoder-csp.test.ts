import { CHAIR } from '../helpers/caller';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { createHandlers } from '../../../electron/host/handlers';
import {
  CONTENT_SECURITY_POLICY,
  DECODER_CONTENT_SECURITY_POLICY,
  staticContentSecurityPolicy,
  startWebHost,
  type WebHost,
} from '../../../electron/host/web';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

/**
 * The page runs under a strict CSP (no eval); only the DICOM decode worker and its codec files, under /decoders/,
 * get the policy the codecs need. A worker loaded from a URL takes the CSP of its own response.
 */

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const dataDir = tempDataDir();
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  mkdirSync(path.join(rendererDir, 'decoders'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BoardPrep</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(rendererDir, 'decoders', 'index.worker.min.worker.js'), 'self.onmessage = () => {}');
  writeFileSync(path.join(rendererDir, 'decoders', 'codec.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const db = openDatabase(dataDir);
  host = await startWebHost({
    gate: CHAIR.gate,
    handlers: createHandlers({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 't' }),
    rendererDir,
  });
  return host;
}

/** Parses a policy into directive → sources. */
function directives(policy: string | null): Map<string, string[]> {
  return new Map(
    (policy ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

/** GET as the browser does for the page and the worker (the app's own files need no token). */
async function get(h: WebHost, pathName: string): Promise<Response> {
  const res = await fetch(new URL(pathName, h.url));
  // Read now, so no response is left holding its connection open.
  const body = Buffer.from(await res.arrayBuffer());
  return new Response(res.status === 204 ? null : body, { status: res.status, headers: res.headers });
}

describe('content security policies of the web host', () => {
  it('serves the page with the strict policy: no eval, workers only from our origin', async () => {
    const h = await start();
    for (const pathName of ['/', '/index.html', '/some/screen']) {
      const res = await get(h, pathName);
      expect(res.status).toBe(200);
      const policy = res.headers.get('content-security-policy');
      expect(policy).toBe(CONTENT_SECURITY_POLICY);
      expect(policy).not.toMatch(/eval/);
      const d = directives(policy);
      expect(d.get('script-src')).toEqual(["'self'"]);
      expect(d.get('worker-src')).toEqual(["'self'"]);
      expect(d.get('default-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
    }
  });

  it('sends the decoder policy only with files under /decoders/', async () => {
    const h = await start();
    const worker = await get(h, '/decoders/index.worker.min.worker.js');
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await worker.text()).toContain('onmessage');
    const policy = worker.headers.get('content-security-policy');
    expect(policy).toBe(DECODER_CONTENT_SECURITY_POLICY);
    const d = directives(policy);
    expect(d.get('script-src')).toEqual(["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'none'"]);

    const wasm = await get(h, '/decoders/codec.wasm');
    expect(wasm.status).toBe(200);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(wasm.headers.get('content-security-policy')).toBe(DECODER_CONTENT_SECURITY_POLICY);

    // Everything else: no eval anywhere.
    const asset = await get(h, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-security-policy')).toBeNull();
  });

  it('never puts the decoder policy on the page, however the path is spelled', async () => {
    const h = await start();
    for (const pathName of [
      '/decoders/..%2findex.html',
      '/decoders/%2e%2e/index.html',
      '/decoders/../index.html',
      '/decoders/',
      '/decoders',
    ]) {
      const res = await get(h, pathName);
      const body = await res.text();
      if (body.includes('<title>BoardPrep</title>')) {
        expect(res.headers.get('content-security-policy'), pathName).toBe(CONTENT_SECURITY_POLICY);
      } else {
        expect(res.status, pathName).toBe(404);
      }
    }
  });

  it('answers a missing decoder file with 404, not the app shell', async () => {
    const h = await start();
    const res = await get(h, '/decoders/missing.min.worker.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBeNull();
  });

  it('serves decoder files like the rest of the app code (no data, no token), but not to another site', async () => {
    const h = await start();
    expect((await get(h, '/decoders/index.worker.min.worker.js')).status).toBe(200);
    const res = await fetch(new URL('/decoders/index.worker.min.worker.js', h.url), {
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    });
    await res.arrayBuffer();
    expect(res.status).toBe(403);
  });

  it('chooses the policy from the file, for the Electron protocol too', () => {
    expect(staticContentSecurityPolicy('index.html')).toBe(CONTENT_SECURITY_POLICY);
    expect(staticContentSecurityPolicy(path.join('decoders', 'index.worker.min.worker.js'))).toBe(
      DECODER_CONTENT_SECURITY_POLICY,
    );
    expect(staticContentSecurityPolicy('decoders/610.min.worker.js')).toBe(DECODER_CONTENT_SECURITY_POLICY);
    expect(staticContentSecurityPolicy('assets/index-abc.js')).toBeUndefined();
    expect(staticContentSecurityPolicy('assets/decoders/x.js')).toBeUndefined();
  });
});

// The browser (and the decode worker) open sockets ahead of need; a host that waited for them would never stop.
describe('stopping the web host', () => {
  it('does not wait for connections that never sent a request', async () => {
    const h = await start();
    const socket = net.connect(h.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const t0 = Date.now();
    await h.close();
    host = undefined;
    expect(Date.now() - t0).toBeLessThan(5000);
    socket.destroy();
  });
});
