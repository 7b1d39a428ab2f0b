import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { caseInput } from '../unit/helpers/case-input';
import { E2E_USER, expect, signInOverHttp, test } from './fixtures';

/**
 * Issue 9, item 1: another web server on this machine (another port of 127.0.0.1 is the same site) serves a page
 * that tries to use the BoardPrep tab's credentials. It must not create or read anything, and must never receive
 * the token.
 */

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The other local server: serves the attacking page and records every request the browser sends it. */
async function otherLocalServer(target: string): Promise<{ origin: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const body = JSON.stringify(caseInput({ patient: { familyName: 'Intruder', mrn: 'X-666' } }));
  const page = `<!doctype html><title>Other app</title>
<iframe name="sink" id="sink"></iframe>
<form id="form" method="POST" action="${target}api/demo:load" enctype="text/plain" target="sink">
  <input name='{"images":false,"x":"' value='"}'>
</form>
<script>
  const T = ${JSON.stringify(target)};
  const tries = [];
  const attempt = (name, p) => tries.push(p.then((r) => name + ':' + r.type + ':' + r.status, (e) => name + ':failed'));
  attempt('create', fetch(T + 'api/cases:create', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(body)} }));
  attempt('read', fetch(T + 'api/cases:list', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
  attempt('media', fetch(T + 'media/exports/x.pdf', { mode: 'no-cors', credentials: 'include' }));
  tries.push(new Promise((resolve) => {
    document.getElementById('sink').addEventListener('load', () => resolve('form:loaded'), { once: true });
    document.getElementById('form').submit();
  }));
  // What the browser sends to this server's own address, after the BoardPrep page was opened.
  tries.push(fetch('/ping', { credentials: 'include' }).then(() => 'ping'));
  Promise.all(tries).then((results) => fetch('/done', { method: 'POST', body: results.join('\\n') }));
</script>`;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, body: text });
      res.writeHead(200, { 'Content-Type': req.url === '/' ? 'text/html' : 'text/plain' });
      res.end(req.url === '/' ? page : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    // The attacker page may still hold a keep-alive connection: drop them all, or close() waits for the browser.
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

test('a page of another local server can neither write nor read, and never receives the token', async ({
  page,
  context,
  app,
}) => {
  // The user has BoardPrep open in this browser.
  await page.goto(app.openUrl);
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
  // The token is out of the address bar and in no cookie.
  expect(page.url()).not.toContain(app.token);
  expect(await context.cookies()).toEqual([]);

  const other = await otherLocalServer(app.baseUrl);
  try {
    const attacker = await context.newPage();
    await attacker.goto(`${other.origin}/`);
    await expect.poll(() => other.seen.some((s) => s.path === '/done'), { timeout: 20_000 }).toBe(true);
    const report = other.seen.find((s) => s.path === '/done')!.body;
    // The API call that needs a preflight is blocked; the no-cors ones get nothing readable.
    expect(report).toContain('read:failed');

    for (const request of other.seen) {
      expect(request.headers.cookie ?? '', request.path).not.toContain(app.token);
      expect(JSON.stringify(request.headers), request.path).not.toContain(app.token);
    }
    await attacker.close();
  } finally {
    await other.close();
  }

  // Nothing was created: no case, no demo board.
  const session = await signInOverHttp(app, E2E_USER.username, E2E_USER.password);
  const list = await fetch(`${app.baseUrl}api/cases:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-BoardPrep-Token': app.token, 'X-BoardPrep-Session': session },
    body: '{}',
  });
  expect(((await list.json()) as { value: { rows: unknown[] } }).value.rows).toEqual([]);
  // And BoardPrep's own page still works after a reload (the token is kept for this tab).
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeVisible();
});
