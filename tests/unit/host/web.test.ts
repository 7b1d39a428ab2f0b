import { CHAIR } from '../helpers/caller';
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
  host = await startWebHost({
    gate: CHAIR.gate,
    handlers: createHandlers({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 't' }),
    rendererDir,
  });
  return host;
}

/** Raw request, so the Host header and paths are sent exactly as written. */
function raw(
  port: number,
  pathName: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
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

  it('serves the page and its code without the token, with a CSP, and sets no cookie', async () => {
    const h = await start();
    const page = await fetch(h.openUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>BoardPrep</title>');
    expect(page.headers.get('set-cookie')).toBeNull();
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain('worker-src');
    expect((await fetch(`${h.url}assets/app.js`)).status).toBe(200);
  });

  it('answers no API call or media file without the token in its header: not a cookie, not the query', async () => {
    const h = await start();
    const json = { 'Content-Type': 'application/json' };
    expect((await fetch(`${h.url}api/cases:list`, { method: 'POST', body: '{}', headers: json })).status).toBe(401);
    expect(
      (
        await fetch(`${h.url}api/cases:list`, {
          method: 'POST',
          body: '{}',
          headers: { ...json, 'X-BoardPrep-Token': 'wrong' },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await fetch(`${h.url}api/cases:list`, {
          method: 'POST',
          body: '{}',
          headers: { ...json, Cookie: `boardprep_token=${h.token}` },
        })
      ).status,
    ).toBe(401);
    expect(
      (await fetch(`${h.url}api/cases:list?token=${h.token}`, { method: 'POST', body: '{}', headers: json })).status,
    ).toBe(401);
    expect(
      (await fetch(`${h.url}media/instances/1.2.3`, { headers: { Cookie: `boardprep_token=${h.token}` } })).status,
    ).toBe(401);
    expect(
      (
        await fetch(`${h.url}api/cases:list`, {
          method: 'POST',
          body: '{}',
          headers: { ...json, 'X-BoardPrep-Token': h.token },
        })
      ).status,
    ).toBe(200);
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
    const encoded = await raw(h.port, '/%2e%2e/secret.txt', {
      Host: `127.0.0.1:${h.port}`,
      'X-BoardPrep-Token': h.token,
    });
    expect(encoded.body).not.toContain('not for the browser');
  });

  it('serves the handler table over POST /api/<channel> with results and clear errors', async () => {
    const h = await start();
    const post = (channel: string, body: string) =>
      fetch(`${h.url}api/${channel}`, {
        method: 'POST',
        body,
        headers: { 'X-BoardPrep-Token': h.token, 'Content-Type': 'application/json' },
      });

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

describe('what the web host refuses from other pages in the browser', () => {
  const createCase = (h: WebHost, headers: Record<string, string>) =>
    fetch(`${h.url}api/cases:create`, {
      method: 'POST',
      body: JSON.stringify(caseInput()),
      headers: { 'X-BoardPrep-Token': h.token, ...headers },
    });
  const caseCount = async (h: WebHost) => {
    const res = await fetch(`${h.url}api/cases:list`, {
      method: 'POST',
      body: '{}',
      headers: { 'X-BoardPrep-Token': h.token, 'Content-Type': 'application/json' },
    });
    return ((await res.json()) as { value: { total: number } }).value.total;
  };

  it('refuses a request from another origin, even another port of 127.0.0.1, and a same-site or cross-site fetch', async () => {
    const h = await start();
    const json = { 'Content-Type': 'application/json' };
    for (const headers of [
      { ...json, Origin: 'http://127.0.0.1:1' },
      { ...json, Origin: 'null' },
      { ...json, 'Sec-Fetch-Site': 'same-site' },
      { ...json, 'Sec-Fetch-Site': 'cross-site' },
    ]) {
      const res = await createCase(h, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    const page = await raw(h.port, '/', { Host: `127.0.0.1:${h.port}`, 'Sec-Fetch-Site': 'cross-site' });
    expect(page.status).toBe(403);
    expect(await caseCount(h)).toBe(0);
    // Its own page: same origin, or the user's own navigation.
    expect(
      (await createCase(h, { ...json, Origin: `http://127.0.0.1:${h.port}`, 'Sec-Fetch-Site': 'same-origin' })).status,
    ).toBe(200);
    expect((await raw(h.port, '/', { Host: `127.0.0.1:${h.port}`, 'Sec-Fetch-Site': 'none' })).status).toBe(200);
    expect(await caseCount(h)).toBe(1);
  });

  it('takes API calls as application/json only (no form or text/plain body)', async () => {
    const h = await start();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const res = await createCase(h, type ? { 'Content-Type': type } : {});
      expect(res.status, type).toBe(415);
    }
    expect((await createCase(h, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect(await caseCount(h)).toBe(1);
  });

  it('answers malformed percent-encoding with 400, on a page, a channel and a media name', async () => {
    const h = await start();
    const headers = { Host: `127.0.0.1:${h.port}`, 'X-BoardPrep-Token': h.token };
    expect((await raw(h.port, '/%E0%A4%A', headers)).status).toBe(400);
    const channel = await fetch(`${h.url}api/cases%3Alist%`, {
      method: 'POST',
      body: '{}',
      headers: { 'X-BoardPrep-Token': h.token, 'Content-Type': 'application/json' },
    });
    expect(channel.status).toBe(400);
  });

  it('refuses an API body past its limit as soon as it is declared, without reading it', async () => {
    const h = await start();
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: h.port,
          path: '/api/cases:list',
          method: 'POST',
          headers: {
            'X-BoardPrep-Token': h.token,
            'Content-Type': 'application/json',
            'Content-Length': String(6 * 1024 * 1024),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      // Only the headers go out: the answer must come without the body.
      req.flushHeaders();
    });
    expect(status).toBe(413);
  });
});
