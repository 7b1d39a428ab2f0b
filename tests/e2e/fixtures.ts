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

export const test = base.extend<{ app: RunningApp }>({
  // Playwright reads a fixture's dependencies from this destructuring pattern: it has to be one, even empty.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-e2e-'));
    const { app, child } = await startHost(dataDir);
    await use(app);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
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
