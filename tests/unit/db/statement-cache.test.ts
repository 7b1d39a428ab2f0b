import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/open';
import { MAX_CACHED_STATEMENTS } from '../../../electron/db/statement-cache';

describe('prepared statements are reused, safely', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'boardprep-statements-'));
    db = openDatabase(dir);
    db.exec('CREATE TABLE t (n INTEGER NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    for (const n of [1, 2, 3]) insert.run(n);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the same statement for the same SQL', () => {
    expect(db.prepare('SELECT n FROM t ORDER BY n')).toBe(db.prepare('SELECT n FROM t ORDER BY n'));
    expect(db.prepare('SELECT n FROM t ORDER BY n')).not.toBe(db.prepare('SELECT n FROM t ORDER BY n DESC'));
  });

  it("does not pass one caller's pluck or raw mode on to the next", () => {
    const sql = 'SELECT n FROM t ORDER BY n';
    expect(db.prepare(sql).pluck().all()).toEqual([1, 2, 3]);
    expect(db.prepare(sql).all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(db.prepare(sql).raw().get()).toEqual([1]);
    expect(db.prepare(sql).get()).toEqual({ n: 1 });
  });

  it('gives a new statement while the cached one is still being iterated', () => {
    const sql = 'SELECT n FROM t ORDER BY n';
    const seen: number[] = [];
    for (const row of db.prepare(sql).iterate() as IterableIterator<{ n: number }>) {
      // The same query inside the loop: sharing the busy statement would throw.
      seen.push(row.n, (db.prepare(sql).all() as { n: number }[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
  });

  it('keeps at most MAX_CACHED_STATEMENTS, the least recently used going first', () => {
    const first = db.prepare('SELECT 0');
    for (let i = 1; i <= MAX_CACHED_STATEMENTS; i++) db.prepare(`SELECT ${i}`);
    expect(db.prepare('SELECT 0')).not.toBe(first);
    expect(db.prepare(`SELECT ${MAX_CACHED_STATEMENTS}`)).toBe(db.prepare(`SELECT ${MAX_CACHED_STATEMENTS}`));
  });
});
