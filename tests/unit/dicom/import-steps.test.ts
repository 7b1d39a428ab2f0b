import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/open';
import * as sql from '../../../electron/services/dicom/dicom-sql';
import { indexStep } from '../../../electron/services/dicom/import-index';
import { ReadStep } from '../../../electron/services/dicom/import-read';
import { ImportQueue, scanStep } from '../../../electron/services/dicom/import-scan';
import { ImportStage } from '../../../electron/services/dicom/import-stage';
import { StoreStep, WRITES_IN_FLIGHT } from '../../../electron/services/dicom/import-store';
import { ImportTally } from '../../../electron/services/dicom/import-tally';
import { NOT_DICOM, parseInstance } from '../../../electron/services/dicom/parse';
import { BufferSlot } from '../../../electron/services/dicom/read-file';
import { sha256Hex, StoreSession } from '../../../electron/services/dicom/store';
import type { InstanceHeader } from '../../../electron/services/dicom/types';
import { tempDataDir } from '../helpers/temp';
import { CD_TREE, createCase, CT_SERIES, storedFiles } from './fixtures';

const ctFiles = () =>
  readdirSync(CT_SERIES)
    .sort()
    .map((f) => path.join(CT_SERIES, f));

/** Parsed here instead of in the parser thread: the read step only needs what the thread answers. */
const parseHere = async (bytes: Buffer) => ({ outcome: parseInstance(bytes), bytes });

function header(file: string): { header: InstanceHeader; bytes: Uint8Array } {
  const outcome = parseInstance(readFileSync(file));
  if (outcome.kind !== 'instance') throw new Error(`${file} is not an instance`);
  return { header: outcome.header, bytes: outcome.bytes };
}

function newImport(db: Db): number {
  return sql.insertImport(db, { startedAt: new Date().toISOString(), caseId: null, source: '[]', pid: process.pid });
}

describe('import step: tally', () => {
  it('lists rejections in file order (the scan’s first) and groups identical warnings', () => {
    const t = new ImportTally();
    t.reject('/b', 'bad', 5);
    t.reject('/scan', 'a device', -1);
    t.reject('/a', 'worse', 2);
    t.warn('odd spacing', '/x');
    t.warn('odd spacing', '/y');
    t.warn('no date', '/z');
    expect(t.rejected().map((r) => r.path)).toEqual(['/scan', '/a', '/b']);
    expect(t.warnings()).toEqual(['odd spacing (2 files, e.g. /x)', '/z: no date']);
    expect(t.snapshot('importing')).toEqual({
      phase: 'importing',
      scanned: 3,
      imported: 0,
      duplicates: 0,
      rejected: 3,
      total: 0,
    });
  });
});

describe('import step: scan', () => {
  it('lists the files of a folder, rejects what is not there, and counts both in the total', async () => {
    const tally = new ImportTally();
    const missing = path.join(tempDataDir(), 'not-here');
    const { queue, scanRejected } = await scanStep([CT_SERIES, missing], tally);
    expect(queue.files).toHaveLength(37);
    expect(scanRejected).toBe(1);
    expect(tally.total).toBe(38);
    expect(tally.rejected()).toEqual([{ path: missing, reason: expect.any(String) }]);
    queue.add(queue.files[0]);
    expect(queue.files).toHaveLength(37);
  });
});

describe('import step: read', () => {
  const reader = (queue: ImportQueue, tally: ImportTally, indexed = new Set<string>()) =>
    new ReadStep({ queue, tally, parse: parseHere, isIndexed: (sop) => indexed.has(sop), scanRejected: 0 });

  it('accepts a new instance hashed, and counts a second copy or one already indexed as a duplicate', async () => {
    const [first, second] = ctFiles();
    const tally = new ImportTally();
    const step = reader(
      new ImportQueue([first, first, second], []),
      tally,
      new Set([header(second).header.sopInstanceUid]),
    );
    const accepted = await step.read(first, 0, new BufferSlot());
    expect(accepted).toMatchObject({ order: 0, hash: sha256Hex(readFileSync(first)) });
    expect(await step.read(first, 1, new BufferSlot())).toBeNull();
    expect(await step.read(second, 2, new BufferSlot())).toBeNull();
    expect(tally).toMatchObject({ scanned: 3, imported: 1, duplicates: 2 });
    expect([...tally.studies.values()]).toEqual([{ imported: 1, duplicates: 2 }]);
  });

  it('rejects a file that is not DICOM, with the reason', async () => {
    const file = path.join(tempDataDir(), 'notes.txt');
    writeFileSync(file, 'not an image at all, just some text that is long enough to be read');
    const tally = new ImportTally();
    expect(await reader(new ImportQueue([file], []), tally).read(file, 0, new BufferSlot())).toBeNull();
    expect(tally.rejected()).toEqual([{ path: file, reason: NOT_DICOM }]);
  });

  it('follows a DICOMDIR chosen on its own, and reports one met in a folder without its files', async () => {
    const dicomdir = path.join(CD_TREE, 'DICOMDIR');
    const chosen = new ImportQueue([dicomdir], [dicomdir]);
    const tally = new ImportTally();
    expect(await reader(chosen, tally).read(dicomdir, 0, new BufferSlot())).toBeNull();
    expect(chosen.files.length).toBeGreaterThan(1);
    expect(tally).toMatchObject({ indexFiles: 1, total: chosen.files.length });

    // The same DICOMDIR in a folder of its own (a browser upload of it alone): its files are not there.
    const copy = path.join(tempDataDir(), 'DICOMDIR');
    copyFileSync(dicomdir, copy);
    const alone = new ImportQueue([copy], []);
    const lonely = new ImportTally();
    await reader(alone, lonely).read(copy, 0, new BufferSlot());
    expect(alone.files).toEqual([copy]);
    expect(lonely.incompleteDicomdirs).toEqual([
      { path: copy, listed: expect.any(Number), missing: expect.any(Number) },
    ]);
    expect(lonely.rejected()[0].reason).toMatch(/^DICOMDIR \(a CD's index, not an image\): none of the/);
  });
});

describe('import step: store and stage', () => {
  it(`writes at most ${WRITES_IN_FLIGHT} files at once and stages each once stored`, async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const importId = newImport(db);
    let writing = 0;
    let most = 0;
    const session = new StoreSession(db, dataDir, importId, async (file, bytes) => {
      most = Math.max(most, ++writing);
      await new Promise((r) => setTimeout(r, 5));
      writeFileSync(file, bytes);
      writing -= 1;
    });
    const stage = new ImportStage(db, importId);
    const tally = new ImportTally();
    const step = new StoreStep(session, stage, tally);
    const files = ctFiles().slice(0, 8);
    for (const [order, file] of files.entries()) {
      const { header: h, bytes } = header(file);
      await step.put({ order, header: h, bytes, hash: sha256Hex(bytes) }, await step.slot());
    }
    await step.drain();
    step.throwIfFailed();
    expect(most).toBe(WRITES_IN_FLIGHT);
    expect([...stage.instances(3)]).toHaveLength(8);
    expect(storedFiles(dataDir)).toHaveLength(8);
    expect(tally.bytesStored).toBe(files.reduce((n, f) => n + readFileSync(f).length, 0));
    session.close();
  });

  it('keeps the first failure and stops taking files', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const importId = newImport(db);
    const full = Object.assign(new Error('no space left'), { code: 'ENOSPC' });
    const session = new StoreSession(db, dataDir, importId, () => Promise.reject(full));
    const step = new StoreStep(session, new ImportStage(db, importId), new ImportTally());
    const { header: h, bytes } = header(ctFiles()[0]);
    await step.put({ order: 0, header: h, bytes, hash: sha256Hex(bytes) }, await step.slot());
    await step.drain();
    expect(step.failed).toBe(true);
    expect(() => step.throwIfFailed()).toThrow('no space left');
    session.close();
  });

  it('stages in file order, the study and series rows from the first file even when stored out of order', () => {
    const db = openDatabase(tempDataDir());
    const stage = new ImportStage(db, newImport(db));
    const [a, b] = ctFiles().map(header);
    const later = { ...b.header, studyDescription: 'later' };
    stage.add(7, later, { hash: 'h7', size: 1, storedPath: 'p7' });
    stage.add(2, a.header, { hash: 'h2', size: 1, storedPath: 'p2' });
    expect([...stage.instances(1)].map((i) => i.params.fileHash)).toEqual(['h2', 'h7']);
    expect(stage.studyParams(a.header.studyInstanceUid).studyDescription).toBe(a.header.studyDescription);
  });
});

describe('import step: index', () => {
  async function staged(db: Db, dataDir: string, files: string[]) {
    const importId = newImport(db);
    const session = new StoreSession(db, dataDir, importId);
    const stage = new ImportStage(db, importId);
    const tally = new ImportTally();
    const step = new StoreStep(session, stage, tally);
    for (const [order, file] of files.entries()) {
      const { header: h, bytes } = header(file);
      tally.imported += 1;
      tally.scanned += 1;
      tally.study(h.studyInstanceUid).imported += 1;
      await step.put({ order, header: h, bytes, hash: sha256Hex(bytes) }, await step.slot());
    }
    await step.drain();
    return {
      importId,
      session,
      stage,
      tally,
      stmts: new sql.ImportStatements(db),
      now: () => new Date().toISOString(),
    };
  }

  it('indexes in one go; an instance another import indexed meanwhile counts as a duplicate', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const files = ctFiles().slice(0, 3);
    const other = await staged(db, dataDir, files.slice(0, 1));
    const mine = await staged(db, dataDir, files);
    indexStep(db, { ...other, store: other.session });
    const out = indexStep(db, { ...mine, store: mine.session });
    expect(out.raced).toBe(1);
    expect(mine.tally).toMatchObject({ imported: 2, duplicates: 1 });
    expect(out.studies).toEqual([expect.objectContaining({ instancesImported: 2, duplicates: 1, caseId: null })]);
    expect(db.prepare('SELECT COUNT(*) FROM dicom_instances').pluck().get()).toBe(3);
  });

  it('holds back a study whose patient differs from the case, and attaches it once confirmed', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const caseId = createCase(db, { familyName: 'Other', givenNames: 'Someone' });
    const patient = sql.getCasePatient(db, caseId)!;
    const held = await staged(db, dataDir, ctFiles().slice(0, 1));
    const out = indexStep(db, { ...held, store: held.session, attachTo: { caseId, patient, confirmMismatch: false } });
    expect(out.needsConfirmation).toHaveLength(1);
    expect(out.studies[0].caseId).toBeNull();
    const confirmed = await staged(db, dataDir, ctFiles().slice(1, 2));
    const again = indexStep(db, {
      ...confirmed,
      store: confirmed.session,
      attachTo: { caseId, patient, confirmMismatch: true },
    });
    expect(again.needsConfirmation).toEqual([]);
    expect(again.studies[0].caseId).toBe(caseId);
  });
});
