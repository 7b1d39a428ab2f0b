import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { tempDataDir } from '../helpers/temp';

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Starts writer-child.ts; resolves with the child once it has opened the database. */
function startWriter(dataDir: string, name: string, count: number) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'writer-child.ts'), dataDir, name, String(count)],
    {
      cwd: appRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.startsWith('ready\n')) resolve();
    });
    child.on('exit', () => reject(new Error(`writer ${name} exited before it was ready: ${stderr}`)));
  });
  const result = new Promise<{ created: number; errors: string[] }>((resolve, reject) => {
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line) as { created: number; errors: string[] });
      else reject(new Error(`writer ${name} failed (${code}): ${stderr}`));
    });
  });
  return { ready, result, go: () => child.stdin.end('go\n') };
}

describe('write transactions', () => {
  it('every transaction in the main process takes the write lock at BEGIN (no plain db.transaction call left)', () => {
    const offenders = sourceFiles(path.join(appRoot, 'electron'))
      .filter((file) => !file.endsWith(path.join('db', 'transaction.ts')))
      .filter((file) => /\.transaction\(/.test(readFileSync(file, 'utf8')))
      .map((file) => path.relative(appRoot, file));
    expect(offenders).toEqual([]);
  });

  it('two processes writing to the same database at once: every write succeeds, none answers "database is locked"', async () => {
    const dataDir = tempDataDir();
    openDatabase(dataDir).close();
    const count = 250;
    const writers = [startWriter(dataDir, 'A', count), startWriter(dataDir, 'B', count)];
    await Promise.all(writers.map((w) => w.ready));
    for (const w of writers) w.go();
    const results = await Promise.all(writers.map((w) => w.result));
    expect(results.flatMap((r) => r.errors)).toEqual([]);
    expect(results.map((r) => r.created)).toEqual([count, count]);
    const db = openDatabase(dataDir);
    expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(2 * count);
    db.close();
  });
});

describe('the database connection', () => {
  it('overwrites deleted content (secure_delete) and waits for another writer (busy_timeout)', () => {
    const db = openDatabase(tempDataDir());
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
