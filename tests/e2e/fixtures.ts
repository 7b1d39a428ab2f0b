import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningApp {
  /** Address with the one-time token, as printed by `boardprep serve`. */
  openUrl: string;
  baseUrl: string;
  token: string;
  dataDir: string;
}

const root = path.resolve(import.meta.dirname, '..', '..');

/** The user every test signs in as unless it says otherwise (`test.use({ signedIn: false })`): a chair. */
export const E2E_USER = { username: 'e2e-chair', displayName: 'Erin Test', role: 'chair', password: 'e2e-password-1' };

/** `boardprep user add` on the data folder, as an administrator would type it; the password goes in on stdin. */
export async function addUser(
  dataDir: string,
  user: { username: string; displayName: string; role: string; password: string },
): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'bin', 'boardprep.mjs'),
      'user',
      'add',
      user.username,
      '--name',
      user.displayName,
      '--role',
      user.role,
      '--password-stdin',
      '--data',
      dataDir,
    ],
    { cwd: root, env: { ...process.env, BOARDPREP_DATA: '' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  child.stdin!.end(`${user.password}\n`);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`boardprep user add failed (${code}):\n${output}`);
}

/** Signs in over the web host's API, as the sign-in screen does, and answers the session token. */
export async function signInOverHttp(app: RunningApp, username: string, password: string): Promise<string> {
  const r = await fetch(`${app.baseUrl}api/auth:sign-in`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-BoardPrep-Token': app.token },
    body: JSON.stringify({ username, password }),
  });
  const answer = (await r.json()) as ApiAnswer<{ session: string }>;
  if (!answer.ok) throw new Error(`sign-in as ${username} failed: ${answer.error.message}`);
  return answer.value.session;
}

/** Starts the real web host (the built CLI) on a fresh data folder and waits for the address it prints. */
export async function startHost(dataDir: string): Promise<{ app: RunningApp; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'boardprep.mjs'), 'serve', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, BOARDPREP_DATA: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const url = new URL(openUrl);
  return {
    child,
    app: { openUrl, baseUrl: `${url.origin}/`, token: url.searchParams.get('token')!, dataDir },
  };
}

export const test = base.extend<{ app: RunningApp; signedIn: boolean }>({
  /** Pages open signed in as E2E_USER; the sign-in tests turn it off and sign in themselves. */
  signedIn: [true, { option: true }],
  // Playwright reads a fixture's dependencies from this destructuring pattern: it has to be one, even empty.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-e2e-'));
    await addUser(dataDir, E2E_USER);
    const { app, child } = await startHost(dataDir);
    await use(app);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  },
  // A signed-in tab: the session goes into sessionStorage before the app's script runs, as the sign-in screen would
  // leave it. (Every load of a page without one gets it: tests of signing out use signedIn: false.)
  context: async ({ context, app, signedIn }, use) => {
    if (signedIn) {
      const session = await signInOverHttp(app, E2E_USER.username, E2E_USER.password);
      await context.addInitScript((token) => {
        if (sessionStorage.getItem('boardprep.session') === null) sessionStorage.setItem('boardprep.session', token);
      }, session);
    }
    await use(context);
  },
});

export { expect };

/** Loads the demo board from the empty-database screen; images only when the test is about them (they take seconds). */
export async function loadDemoBoard(page: import('@playwright/test').Page, { images = false } = {}): Promise<void> {
  const option = page.getByLabel('With synthetic CT images', { exact: false });
  if ((await option.isChecked()) !== images) await option.click();
  await page.getByRole('button', { name: 'Load demo board' }).click();
  await expect(page.getByRole('heading', { name: 'No cases yet' })).toBeHidden({ timeout: 60_000 });
}

/** A contract answer as the web host sends it. */
export type ApiAnswer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/**
 * Calls a contract channel from inside the page, as the renderer does: the token the page keeps in sessionStorage
 * in the X-BoardPrep-Token header, JSON only (the web host refuses anything else).
 */
export async function pageAnswer<T>(page: Page, channel: string, input: unknown): Promise<ApiAnswer<T>> {
  return (await page.evaluate(
    async ([c, i]) => {
      const r = await fetch(`/api/${encodeURIComponent(c as string)}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-BoardPrep-Token': sessionStorage.getItem('boardprep.token') ?? '',
          'X-BoardPrep-Session': sessionStorage.getItem('boardprep.session') ?? '',
        },
        body: JSON.stringify(i),
      });
      return r.json();
    },
    [channel, input] as const,
  )) as ApiAnswer<T>;
}

/** The value of a contract call from inside the page; a refusal fails the test with the channel and the error. */
export async function pageApi<T>(page: Page, channel: string, input: unknown): Promise<T> {
  const answer = await pageAnswer<T>(page, channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

// issue 14: full-size meetings
/**
 * `boardprep demo --cases N --no-images` on the running app's data folder, as a tester trying the app at full size
 * would type it: the demo board plus N generated fictional cases on its next meeting (the same N cases every time:
 * electron/services/demo/demo-extra-cases.ts). Reload the page afterwards to see them.
 */
export async function loadDemoByCli(dataDir: string, { cases = 0 } = {}): Promise<void> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'boardprep.mjs'), 'demo', '--cases', String(cases), '--no-images', '--data', dataDir],
    { cwd: root, env: { ...process.env, BOARDPREP_DATA: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`boardprep demo --cases ${cases} failed (${code}):\n${output}`);
}
