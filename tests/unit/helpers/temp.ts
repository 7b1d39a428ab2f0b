import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh data folder for one test, removed after it. */
export function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-test-'));
  made.push(dir);
  return dir;
}

export const RESOURCES_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'resources');
