import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/open';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { sweepImageStore } from '../../../electron/services/dicom/sweep';
import { tempDataDir } from '../helpers/temp';
import { importKilledAfter } from './crash';
import { CT_SERIES, storedFiles, tempFiles } from './fixtures';

/**
 * Issue 9: imports of overlapping files, cancels, kills and start-up sweeps, interleaved deterministically by pausing
 * one import at a chosen stage (ImportOptions.hooks, or a store writer that waits) while the other runs.
 */

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** A one-shot signal: `open()` lets everything awaiting `opened` go on. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** An import hook that says it was reached and waits until the test lets it go on. */
function pausePoint() {
  const reached = gate();
  const go = gate();
  return {
    reached: reached.opened,
    resume: go.open,
    hook: async () => {
      reached.open();
      await go.opened;
    },
  };
}

/** Index rows whose stored file is missing. */
function rowsWithoutFile(db: Db, dataDir: string): string[] {
  const rows = db.prepare('SELECT stored_path FROM dicom_instances').pluck().all() as string[];
  return rows.filter((p) => !existsSync(path.join(dataDir, ...p.split('/'))));
}

function instances(db: Db): number {
  return db.prepare('SELECT count(*) FROM dicom_instances').pluck().get() as number;
}

/** Starts import-child.ts: an import in another process that waits before indexing until `go()`. */
function importInAnotherProcess(dataDir: string, source: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'import-child.ts'), dataDir, source],
    {
      cwd: appRoot,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const stored = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.startsWith('stored\n')) resolve();
    });
    child.on('exit', () => reject(new Error(`the import child exited before it stored its files: ${stderr}`)));
  });
  const result = new Promise<{ status: string; imported: number }>((resolve, reject) => {
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line) as { status: string; imported: number });
      else reject(new Error(`the import child failed (${code}): ${stderr}`));
    });
  });
  return { stored, result, go: () => child.stdin.end('go\n') };
}

describe('concurrent imports, cancels, kills and sweeps never remove a file an index row needs', () => {
  it('the import that stored the files is cancelled while another, which found them stored, waits to index them', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const first = pausePoint();
    const controller = new AbortController();
    const creator = importDicom(db, dataDir, [CT_SERIES], {
      signal: controller.signal,
      hooks: { beforeIndex: first.hook },
    });
    await first.reached;
    expect(storedFiles(dataDir)).toHaveLength(37);

    const second = pausePoint();
    const other = importDicom(db, dataDir, [CT_SERIES], { hooks: { beforeIndex: second.hook } });
    await second.reached;
    controller.abort();
    first.resume();
    expect(await creator).toMatchObject({ status: 'cancelled', imported: 0 });

    second.resume();
    expect(await other).toMatchObject({ status: 'done', imported: 37, duplicates: 0 });
    expect(instances(db)).toBe(37);
    expect(rowsWithoutFile(db, dataDir)).toEqual([]);
    expect(storedFiles(dataDir)).toHaveLength(37);
    // A start-up sweep afterwards finds nothing to do.
    expect(await sweepImageStore(db, dataDir, { full: true })).toEqual({
      removedFiles: 0,
      removedTempFiles: 0,
      interruptedImports: [],
    });
    db.close();
  });

  it('across processes: the app cancels the import that stored the files while a CLI import that found them waits', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const first = pausePoint();
    const controller = new AbortController();
    const creator = importDicom(db, dataDir, [CT_SERIES], {
      signal: controller.signal,
      hooks: { beforeIndex: first.hook },
    });
    await first.reached;
    const cli = importInAnotherProcess(dataDir, CT_SERIES);
    await cli.stored;
    controller.abort();
    first.resume();
    expect(await creator).toMatchObject({ status: 'cancelled' });
    cli.go();
    expect(await cli.result).toEqual({ status: 'done', imported: 37 });
    expect(instances(db)).toBe(37);
    expect(rowsWithoutFile(db, dataDir)).toEqual([]);
    db.close();
  });

  it('both cancelled: the last one out removes the files; the creator finishing after the other cancels keeps them', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    for (const creatorFinishes of [false, true]) {
      const first = pausePoint();
      const firstAbort = new AbortController();
      const creator = importDicom(db, dataDir, [CT_SERIES], {
        signal: firstAbort.signal,
        hooks: { beforeIndex: first.hook },
      });
      await first.reached;
      const second = pausePoint();
      const secondAbort = new AbortController();
      const other = importDicom(db, dataDir, [CT_SERIES], {
        signal: secondAbort.signal,
        hooks: { beforeIndex: second.hook },
      });
      await second.reached;

      secondAbort.abort();
      second.resume();
      expect(await other).toMatchObject({ status: 'cancelled' });
      expect(storedFiles(dataDir)).toHaveLength(37);
      if (!creatorFinishes) firstAbort.abort();
      first.resume();
      expect(await creator).toMatchObject({ status: creatorFinishes ? 'done' : 'cancelled' });
      expect(storedFiles(dataDir)).toHaveLength(creatorFinishes ? 37 : 0);
      expect(instances(db)).toBe(creatorFinishes ? 37 : 0);
    }
    expect(rowsWithoutFile(db, dataDir)).toEqual([]);
    expect(tempFiles(dataDir)).toEqual([]);
    db.close();
  });

  it('two imports of the same folder in one process, one paused in the middle of writing a file: both succeed', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const writing = gate();
    const go = gate();
    let firstWrite = true;
    const paused = importDicom(db, dataDir, [CT_SERIES], {
      writeFile: async (file, bytes) => {
        writeFileSync(file, bytes);
        if (!firstWrite) return;
        firstWrite = false;
        // Written to its temp name, not yet renamed into place: the other import stores the same file meanwhile.
        writing.open();
        await go.opened;
      },
    });
    await writing.opened;
    expect(await importDicom(db, dataDir, [CT_SERIES])).toMatchObject({ status: 'done', imported: 37 });
    go.open();
    // Its few files in flight were indexed by the other import meanwhile: they count as duplicates.
    expect(await paused).toMatchObject({ status: 'done', imported: 0, duplicates: 37 });
    expect(instances(db)).toBe(37);
    expect(rowsWithoutFile(db, dataDir)).toEqual([]);
    expect(storedFiles(dataDir)).toHaveLength(37);
    expect(tempFiles(dataDir)).toEqual([]);
    db.close();
  });

  it("a killed import left files; another start's sweeps run while a live import that found them waits to index", async () => {
    const dataDir = tempDataDir();
    openDatabase(dataDir).close();
    await importKilledAfter(dataDir, CT_SERIES, 8);
    const left = storedFiles(dataDir);
    expect(left.length).toBeGreaterThanOrEqual(6);

    const db = openDatabase(dataDir);
    const live = pausePoint();
    const importing = importDicom(db, dataDir, [CT_SERIES], { hooks: { beforeIndex: live.hook } });
    await live.reached;
    // Another start of the app (its own connection) sweeps, quick and full, while the live import waits.
    const otherStart = openDatabase(dataDir);
    const sweep = await sweepImageStore(otherStart, dataDir);
    expect(sweep.interruptedImports).toHaveLength(1);
    expect(sweep.removedFiles).toBe(0);
    expect((await sweepImageStore(otherStart, dataDir, { full: true })).removedFiles).toBe(0);
    expect(storedFiles(dataDir)).toHaveLength(37);
    otherStart.close();

    live.resume();
    expect(await importing).toMatchObject({ status: 'done', imported: 37 });
    expect(rowsWithoutFile(db, dataDir)).toEqual([]);
    expect(tempFiles(dataDir)).toEqual([]);
    db.close();
  });
});
