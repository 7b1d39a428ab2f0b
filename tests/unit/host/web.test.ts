import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { createHandlers } from '../../../electron/host/handlers';
import { startWebHost, type WebHost } from '../../../electron/host/web';
import { caseInput } from '../helpers/case-input';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';
import http from 'node:http';

let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const dataDir = tempDataDir();
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>BoardPrep</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dataDir, 'secret.txt'), 'not for the browser');
  const db = openDatabase(dataDir);
  host = await startWebHost({ handlers: createHandlers({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 't' }), rendererDir });
  return host;
}

/** Raw request, so the Host header and paths are sent exactly as written. */
function raw(port: number, pathName: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathName, headers, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the loopback web host', () => {
  it('listens on 127.0.0.1 only and prints an address that carries the token', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(h.openUrl).toBe(`${h.url}?token=${h.token}`);
    expect(h.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers nothing without the token: not the page, not an asset, not the API', async () => {
    const h = await start();
    expect((await fetch(h.url)).status).toBe(401);
    expect((await fetch(`${h.url}assets/app.js`)).status).toBe(401);
    expect((await fetch(`${h.url}api/cases:list`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${h.url}api/cases:list`, { method: 'POST', body: '{}', headers: { 'X-BoardPrep-Token': 'wrong' } })).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly SameSite cookie and serves the app with a CSP', async () => {
    const h = await start();
    const first = await fetch(h.openUrl, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(h.url, { headers: { cookie: cookie.split(';')[0] } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>BoardPrep</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain('worker-src');
  });

  it('refuses requests whose Host is not its own loopback address (DNS rebinding)', async () => {
    const h = await start();
    const res = await raw(h.port, '/', { Host: 'attacker.example', 'X-BoardPrep-Token': h.token });
    expect(res.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    const h = await start();
    const res = await raw(h.port, '/../secret.txt', { Host: `127.0.0.1:${h.port}`, 'X-BoardPrep-Token': h.token });
    expect(res.body).not.toContain('not for the browser');
    const encoded = await raw(h.port, '/%2e%2e/secret.txt', { Host: `127.0.0.1:${h.port}`, 'X-BoardPrep-Token': h.token });
    expect(encoded.body).not.toContain('not for the browser');
  });

  it('serves the handler table over POST /api/<channel> with results and clear errors', async () => {
    const h = await start();
    const post = (channel: string, body: string) =>
      fetch(`${h.url}api/${channel}`, { method: 'POST', body, headers: { 'X-BoardPrep-Token': h.token, 'Content-Type': 'application/json' } });

    const created = await (await post('cases:create', JSON.stringify(caseInput()))).json();
    expect(created).toMatchObject({ ok: true, value: { patient: { mrn: 'T-1001' } } });

    const notJson = await post('cases:list', '{oops');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/not valid JSON/);

    const unknown = await post('cases:explode', '{}');
    expect(unknown.status).toBe(404);

    const wrong = await (await post('cases:get', '{"id":-1}')).json();
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'id' } });

    const get = await fetch(`${h.url}api/cases:list`, { headers: { 'X-BoardPrep-Token': h.token } });
    expect(get.status).toBe(405);
  });
});
