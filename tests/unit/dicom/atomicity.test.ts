import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/open';
import * as sql from '../../../electron/services/dicom/dicom-sql';
import { importDicom, ImportFailedError } from '../../../electron/services/dicom/import-service';
import { tempPathFor, tempTag } from '../../../electron/services/dicom/store';
import { sweepImageStore } from '../../../electron/services/dicom/sweep';
import { tempDataDir } from '../helpers/temp';
import { importKilledAfter } from './crash';
import { CT_SERIES, SINGLE, storedFiles, tempFiles } from './fixtures';

function indexCounts(db: Db) {
  const n = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { studies: n('dicom_studies'), series: n('dicom_series'), instances: n('dicom_instances') };
}

/** Every index row's file is in the store. */
function everyRowHasItsFile(db: Db, dataDir: string): boolean {
  const rows = db.prepare('SELECT stored_path FROM dicom_instances').pluck().all() as string[];
  return rows.every((p) => existsSync(path.join(dataDir, ...p.split('/'))));
}

/** The temp tables an import stages its rows in (none should outlive the import). */
function stagingTables(db: Db): string[] {
  return db
    .prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name LIKE 'import_stage_%'")
    .pluck()
    .all() as string[];
}

/** Claims on store files left in the database (none once every import has finished). */
function claims(db: Db): number {
  return db.prepare('SELECT count(*) FROM dicom_store_claims').pluck().get() as number;
}

/** A pid no process has: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('an import is all or nothing', () => {
  it('cancelled mid-import through its AbortSignal: no index rows, no files, earlier imports untouched', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const earlier = await importDicom(db, dataDir, [path.join(SINGLE, 'CT_small.dcm')]);
    const earlierFiles = storedFiles(dataDir);
    expect(earlierFiles).toHaveLength(1);

    const controller = new AbortController();
    let writes = 0;
    const result = await importDicom(db, dataDir, [CT_SERIES], {
      signal: controller.signal,
      writeFile: (file, bytes) => {
        writeFileSync(file, bytes);
        if (++writes === 10) controller.abort();
      },
    });
    // The signal is checked between files: the 10th file was the last one.
    expect(writes).toBe(10);
    expect(result).toMatchObject({ status: 'cancelled', imported: 0, studies: [] });
    expect(indexCounts(db)).toEqual({ studies: 1, series: 1, instances: 1 });
    expect(storedFiles(dataDir)).toEqual(earlierFiles);
    expect(sql.getImport(db, result.importId)).toMatchObject({ status: 'cancelled', imported: 0 });
    expect(sql.getImport(db, earlier.importId)).toMatchObject({ status: 'done', imported: 1 });
    // Accepted rows wait in a temp table (memory stays flat): gone after a finished and after a cancelled import.
    expect(stagingTables(db)).toEqual([]);

    const sweep = await sweepImageStore(db, dataDir);
    expect(sweep).toEqual({ removedFiles: 0, removedTempFiles: 0, interruptedImports: [] });
    expect(storedFiles(dataDir)).toEqual(earlierFiles);
    expect(everyRowHasItsFile(db, dataDir)).toBe(true);
    db.close();
  });

  it('a store write that fails (disk full) fails the whole import, leaving nothing half-written', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    let writes = 0;
    const failing = importDicom(db, dataDir, [CT_SERIES], {
      writeFile: (file, bytes) => {
        if (++writes === 20) {
          // Like a real full disk: a partial temp file, then ENOSPC.
          writeFileSync(file, bytes.subarray(0, 1000));
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        writeFileSync(file, bytes);
      },
    });
    await expect(failing).rejects.toThrow(ImportFailedError);
    await expect(failing).rejects.toThrow(
      'Import failed: the disk is full (could not write to the image store). Nothing from this import was kept.',
    );
    expect(indexCounts(db)).toEqual({ studies: 0, series: 0, instances: 0 });
    expect(storedFiles(dataDir)).toEqual([]);
    expect(tempFiles(dataDir)).toEqual([]);
    expect(claims(db)).toBe(0);
    const [log] = db.prepare('SELECT * FROM dicom_imports').all() as sql.ImportRow[];
    expect(log).toMatchObject({
      status: 'failed',
      imported: 0,
      error: 'the disk is full (could not write to the image store)',
    });

    // The same files import fine once there is room.
    const retry = await importDicom(db, dataDir, [CT_SERIES]);
    expect(retry).toMatchObject({ imported: 37, duplicates: 0 });
    expect(everyRowHasItsFile(db, dataDir)).toBe(true);
    db.close();
  });

  it('an image store that cannot be created fails the import cleanly, and the log says why', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    writeFileSync(path.join(dataDir, 'images'), 'not a folder');
    await expect(importDicom(db, dataDir, [CT_SERIES])).rejects.toThrow(
      /^Import failed: the image store folder cannot be created \(EEXIST|ENOTDIR/,
    );
    expect(indexCounts(db)).toEqual({ studies: 0, series: 0, instances: 0 });
    expect(sql.runningImports(db)).toEqual([]);
    expect(db.prepare('SELECT status FROM dicom_imports').pluck().all()).toEqual(['failed']);
    db.close();
  });

  it('an index write that fails (the transaction) removes the files the import had stored', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    // Make the final insert fail inside the one transaction.
    db.exec(`CREATE TRIGGER fail_on_10th BEFORE INSERT ON dicom_instances
             WHEN (SELECT count(*) FROM dicom_instances) >= 9 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    await expect(importDicom(db, dataDir, [CT_SERIES])).rejects.toThrow(/Import failed: database or disk is full/);
    expect(indexCounts(db)).toEqual({ studies: 0, series: 0, instances: 0 });
    expect(storedFiles(dataDir)).toEqual([]);
    db.close();
  });

  it("killed mid-import (crash): the index has none of it, and the next start's sweep removes its files", async () => {
    const dataDir = tempDataDir();
    const setup = openDatabase(dataDir);
    await importDicom(setup, dataDir, [path.join(SINGLE, 'MR_small.dcm')]);
    const kept = storedFiles(dataDir);
    setup.close();

    await importKilledAfter(dataDir, CT_SERIES, 8);

    const db = openDatabase(dataDir);
    expect(indexCounts(db)).toEqual({ studies: 1, series: 1, instances: 1 });
    const orphans = storedFiles(dataDir).filter((f) => !kept.includes(f));
    expect(orphans.length).toBeGreaterThanOrEqual(6);
    const running = sql.runningImports(db);
    expect(running).toHaveLength(1);

    const sweep = await sweepImageStore(db, dataDir);
    expect(sweep.removedFiles).toBe(orphans.length);
    expect(sweep.interruptedImports).toEqual([running[0].id]);
    expect(storedFiles(dataDir)).toEqual(kept);
    expect(tempFiles(dataDir)).toEqual([]);
    expect(claims(db)).toBe(0);
    expect(sql.getImport(db, running[0].id)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('interrupted'),
    });
    expect(everyRowHasItsFile(db, dataDir)).toBe(true);

    // A second sweep has nothing left to do, and the series imports completely afterwards.
    expect(await sweepImageStore(db, dataDir)).toEqual({
      removedFiles: 0,
      removedTempFiles: 0,
      interruptedImports: [],
    });
    expect(await importDicom(db, dataDir, [CT_SERIES])).toMatchObject({ imported: 37 });
    db.close();
  });

  it('the sweep leaves alone what a live import claims, and `full` also removes unclaimed strays', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    await importDicom(db, dataDir, [path.join(SINGLE, 'CT_small.dcm')]);
    const kept = storedFiles(dataDir);
    const images = path.join(dataDir, 'images');
    const dead = deadPid();
    const h = (c: string) => c.repeat(64);
    const stray = (hash: string, name = `${hash}.dcm`) => {
      mkdirSync(path.join(images, hash.slice(0, 2), hash.slice(2, 4)), { recursive: true });
      writeFileSync(path.join(images, hash.slice(0, 2), hash.slice(2, 4), name), 'x');
    };
    const startImport = (pid: number) => sql.insertImport(db, { startedAt: 'now', caseId: null, source: '[]', pid });
    const claim = (hash: string, importId: number) =>
      db.prepare('INSERT INTO dicom_store_claims (file_hash, import_id) VALUES (?, ?)').run(hash, importId);
    const deadImport = startImport(dead);
    // Running in another process (the test runner's parent), and left by an earlier run that had this same pid.
    const liveImport = startImport(process.ppid);
    const earlierRun = startImport(process.pid);
    // Claimed by the dead import: a stored file, and one it was writing (its temp file).
    stray(h('a'));
    claim(h('a'), deadImport);
    stray(h('d'), path.basename(tempPathFor(dataDir, h('d'), tempTag(dead, deadImport))));
    claim(h('d'), deadImport);
    // Claimed by the live import: the same.
    stray(h('b'));
    claim(h('b'), liveImport);
    stray(h('e'), path.basename(tempPathFor(dataDir, h('e'), tempTag(process.ppid, liveImport))));
    claim(h('e'), liveImport);
    // Claimed by the earlier run with this pid (not an import of this process).
    stray(h('7'));
    claim(h('7'), earlierRun);
    // Claimed by both: it stays.
    stray(h('f'));
    claim(h('f'), deadImport);
    claim(h('f'), liveImport);
    // Not claimed at all, with an old-style temp file of a dead process (only the full check looks for those).
    stray(h('c'));
    stray(h('c'), path.basename(tempPathFor(dataDir, h('c'), String(dead))));
    // Journaled by a dead import of a BoardPrep from before claims, with its old-style temp file.
    stray(h('9'));
    stray(h('9'), path.basename(tempPathFor(dataDir, h('9'), String(dead))));
    mkdirSync(path.join(images, '.journal'));
    writeFileSync(path.join(images, '.journal', `import-97-pid-${dead}.journal`), `${h('9')}\n`);

    expect(await sweepImageStore(db, dataDir)).toEqual({
      removedFiles: 3,
      removedTempFiles: 2,
      interruptedImports: [deadImport, earlierRun],
    });
    expect(storedFiles(dataDir)).toEqual(
      [...kept, ...['b', 'c', 'f'].map((c) => `${c}${c}/${c}${c}/${h(c)}.dcm`)].sort(),
    );
    expect(tempFiles(dataDir)).toEqual([
      `cc/cc/${h('c')}.${dead}.part`,
      `ee/ee/${h('e')}.${process.ppid}-${liveImport}.part`,
    ]);
    expect(readdirSync(path.join(images, '.journal'))).toEqual([]);
    expect(db.prepare('SELECT file_hash FROM dicom_store_claims ORDER BY file_hash').pluck().all()).toEqual([
      h('b'),
      h('e'),
      h('f'),
    ]);

    expect(await sweepImageStore(db, dataDir, { full: true })).toEqual({
      removedFiles: 1,
      removedTempFiles: 1,
      interruptedImports: [],
    });
    expect(storedFiles(dataDir)).toEqual([...kept, `bb/bb/${h('b')}.dcm`, `ff/ff/${h('f')}.dcm`].sort());
    expect(tempFiles(dataDir)).toEqual([`ee/ee/${h('e')}.${process.ppid}-${liveImport}.part`]);
    db.close();
  });
});
