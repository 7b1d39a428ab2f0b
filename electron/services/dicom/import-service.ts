import path from 'node:path';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { recordImport } from './import-audit';
import { DomainError } from '../errors';
import * as sql from './dicom-sql';
import { indexStep } from './import-index';
import { ReadStep } from './import-read';
import { scanStep } from './import-scan';
import { ImportStage } from './import-stage';
import { StoreStep } from './import-store';
import { ImportTally, ProgressThrottle } from './import-tally';
import { acquireParser, releaseParser } from './parse-thread';
import { StoreSession, type FileWriter } from './store';
import type { ImportProgress, ImportResult } from './types';

/**
 * One DICOM import, as one unit, in five steps: scan (import-scan.ts), read (import-read.ts), store
 * (import-store.ts), stage (import-stage.ts) and index (import-index.ts), counted in one tally (import-tally.ts).
 *
 * Files are streamed one at a time: read once into a reused buffer, then hashed, parsed (header only) and written
 * to the store from that same buffer. Only the header fields to index are kept, and in a temp table rather than in
 * memory (import-stage.ts). When every file has been seen, everything the import accepted is indexed in ONE
 * synchronous transaction (no await inside it). Files are in the
 * store before their index rows exist, so an index row never lacks its file. Each file is claimed for this import
 * before it is looked for or written (store.ts), and the claims go in the indexing transaction; if the import is
 * cancelled or fails, the files only it claimed are removed again, and if the process dies instead, its claims let
 * `sweepImageStore` remove them at the next start. Files another import also claims or indexed stay.
 *
 * Durability matches the database's (WAL, synchronous=NORMAL): everything survives the application crashing. Files
 * are not fsync'ed, so a power cut right after an import may lose file contents the index already lists.
 */

export interface ImportOptions {
  /** Attach the imported studies to this case (after the patient check). */
  caseId?: number;
  /** Attach studies to `caseId` even when their DICOM patient differs from the case's patient. */
  confirmMismatch?: boolean;
  /** Called at most every ~50 ms, and at each phase change. */
  onProgress?: (progress: ImportProgress) => void;
  /** Checked between files; an aborted import keeps nothing. */
  signal?: AbortSignal;
  /** Replaces how a file is written into the store (tests use it to simulate a full disk or a crash). */
  writeFile?: FileWriter;
  now?: () => string;
  /** Tests pause an import at a chosen stage to interleave another import, a cancel or a sweep deterministically. */
  hooks?: ImportHooks;
}

export interface ImportHooks {
  /** Every file is stored (and claimed); the index transaction (or, if aborted meanwhile, the discard) comes next. */
  beforeIndex?: () => Promise<void>;
}

/** Longest stretch of synchronous work before the importer lets the event loop run. */
const SLICE_MS = 15;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ImportFailedError extends Error {
  override name = 'ImportFailedError';
  constructor(
    message: string,
    readonly importId: number,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** Imports, and logs the import's end in the audit trail (import-audit.ts): done, cancelled or failed. */
export async function importDicom(
  db: Db,
  dataDir: string,
  paths: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  let result: ImportResult;
  try {
    result = await runImport(db, dataDir, paths, options);
  } catch (e) {
    if (e instanceof ImportFailedError) recordImport(db, options.caseId, { failed: e.message, importId: e.importId });
    throw e;
  }
  recordImport(db, options.caseId, { result });
  return result;
}

async function runImport(
  db: Db,
  dataDir: string,
  paths: readonly string[],
  options: ImportOptions,
): Promise<ImportResult> {
  const started = performance.now();
  const now = options.now ?? (() => new Date().toISOString());
  const { signal, caseId } = options;
  if (paths.length === 0) throw new DomainError('invalid-input', 'Choose at least one file or folder to import');
  let casePatient: sql.CasePatientRow | undefined;
  if (caseId !== undefined) {
    casePatient = sql.getCasePatient(db, caseId);
    if (!casePatient) throw new DomainError('not-found', `Case ${caseId} does not exist`);
  }

  const importId = sql.insertImport(db, {
    startedAt: now(),
    caseId: caseId ?? null,
    source: JSON.stringify(paths.map((p) => path.resolve(p))),
    pid: process.pid,
  });
  let session: StoreSession | undefined;
  let stage: ImportStage | undefined;
  const stmts = new sql.ImportStatements(db);
  const tally = new ImportTally();
  const progress = new ProgressThrottle(options.onProgress);
  const report = (phase: ImportProgress['phase'], force = false) => progress.report(() => tally.snapshot(phase), force);

  const parser = acquireParser();
  parser.warm();
  // Cancel stops a header being parsed at once (the file is not waited for).
  const stopParsing = () => void parser.close();
  signal?.addEventListener('abort', stopParsing, { once: true });
  try {
    session = new StoreSession(db, dataDir, importId, options.writeFile);
    stage = new ImportStage(db, importId);
    report('scanning', true);
    const { queue, scanRejected } = await scanStep(paths, tally, { signal, onFound: () => report('scanning') });
    report('importing', true);

    // Files are read, hashed and parsed here one at a time, and written on the thread pool while the next ones are
    // read (StoreStep). The loop lets the event loop run at least every SLICE_MS, so the app stays responsive and an
    // abort is seen.
    const reader = new ReadStep({
      queue,
      tally,
      parse: (bytes, slot) => parser.parse(bytes, slot),
      isIndexed: (sop) => stmts.sopExists.get(sop) !== undefined,
      scanRejected,
    });
    const storing = new StoreStep(session, stage, tally);
    let sliceStart = performance.now();
    for (let order = 0; order < queue.files.length; order++) {
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
      if (signal?.aborted || storing.failed) break;
      const slot = await storing.slot();
      const accepted = await reader.read(queue.files[order], order, slot);
      if (accepted) await storing.put(accepted, slot);
      else storing.release(slot);
      report('importing');
    }
    await storing.drain();
    await options.hooks?.beforeIndex?.();
    storing.throwIfFailed();
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');

    report('indexing', true);
    const indexed = indexStep(db, {
      importId,
      stage,
      tally,
      store: session,
      stmts,
      attachTo:
        casePatient && caseId !== undefined
          ? { caseId, patient: casePatient, confirmMismatch: options.confirmMismatch ?? false }
          : undefined,
      now,
    });
    stage.drop();
    if (indexed.raced > 0) {
      try {
        session.discard();
      } catch {
        // The import is indexed and done; its unneeded copies stay until the store is checked in full.
      }
    }
    report('indexing', true);
    return {
      ...result(importId, 'done', tally, started),
      studies: indexed.studies,
      needsConfirmation: indexed.needsConfirmation,
      warnings: [...tally.warnings(), ...indexed.attachWarnings],
    };
  } catch (e) {
    const cancelled = signal?.aborted === true;
    try {
      stage?.drop();
    } catch {
      // A temp table dies with its connection anyway.
    }
    // Nothing of this import stays: remove the files only it claimed (no index row, no other import needs them).
    let cleanupError: unknown;
    try {
      session?.discard();
    } catch (err) {
      // Its claims stay; sweepImageStore finishes the job at the next start.
      cleanupError = err;
    }
    const message = cancelled ? null : describeFailure(e);
    recordEnd(db, stmts, importId, tally, cancelled ? 'cancelled' : 'failed', message, now);
    if (cancelled) {
      return {
        ...result(importId, 'cancelled', tally, started),
        imported: 0,
        bytesStored: 0,
        warnings: cleanupError
          ? [`some files of the cancelled import will be removed at the next start (${describeFailure(cleanupError)})`]
          : [],
      };
    }
    throw new ImportFailedError(`Import failed: ${message}. Nothing from this import was kept.`, importId, e);
  } finally {
    session?.close();
    signal?.removeEventListener('abort', stopParsing);
    releaseParser(parser);
  }
}

function result(importId: number, status: 'done' | 'cancelled', tally: ImportTally, started: number): ImportResult {
  return {
    importId,
    status,
    scanned: tally.scanned,
    imported: tally.imported,
    duplicates: tally.duplicates,
    rejected: tally.rejected(),
    studies: [],
    needsConfirmation: [],
    warnings: [],
    indexFiles: tally.indexFiles,
    incompleteDicomdirs: tally.incompleteDicomdirs,
    bytesStored: tally.bytesStored,
    seconds: (performance.now() - started) / 1000,
  };
}

/** A failed or cancelled import's log row: what it rejected, and that it kept nothing. */
function recordEnd(
  db: Db,
  stmts: sql.ImportStatements,
  importId: number,
  tally: ImportTally,
  status: 'cancelled' | 'failed',
  error: string | null,
  now: () => string,
): void {
  try {
    writeTransaction(db, () => {
      const rejected = tally.rejected();
      for (const r of rejected) stmts.insertRejection.run(importId, r.path, r.reason);
      sql.finishImport(db, importId, {
        status,
        finishedAt: now(),
        scanned: tally.scanned,
        imported: 0,
        duplicates: tally.duplicates,
        rejected: rejected.length,
        bytesStored: 0,
        error,
      });
    });
  } catch {
    // The log row stays 'running'; recovery marks it interrupted. The index itself holds nothing of this import.
  }
}

function describeFailure(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOSPC':
      return 'the disk is full (could not write to the image store)';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `the image store cannot be written to (${err.code})`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `the image store folder cannot be created (${err.code} at ${err.path ?? 'the data folder'})`;
    case 'SQLITE_FULL':
      return 'the disk is full (could not write the image index)';
    default:
      return err instanceof Error ? err.message : String(e);
  }
}
