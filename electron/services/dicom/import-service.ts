import path from 'node:path';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { DomainError } from '../errors';
import * as sql from './dicom-sql';
import { slicePosition } from './geometry';
import { acquireParser, releaseParser } from './parse-thread';
import { mismatchFor } from './patient-match';
import { BufferSlot, readCandidate } from './read-file';
import { ImportStage } from './import-stage';
import { DirectoryListingCache, expandDicomdir, isoBase, scanPaths } from './scan';
import { sha256Hex, StoreSession, type FileWriter } from './store';
import type {
  ImportedStudy,
  ImportProgress,
  ImportResult,
  IncompleteDicomdir,
  InstanceHeader,
  PatientMismatch,
  Rejection,
} from './types';

/**
 * One DICOM import, as one unit.
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

/** Files being written to the store at once (on libuv's thread pool) while the next ones are read and parsed. */
const WRITES_IN_FLIGHT = 3;

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

const PROGRESS_INTERVAL_MS = 50;

class ProgressThrottle {
  private last = -Infinity;
  constructor(private readonly callback: ((p: ImportProgress) => void) | undefined) {}

  report(progress: ImportProgress, force = false): void {
    if (!this.callback) return;
    const t = performance.now();
    if (!force && t - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = t;
    this.callback(progress);
  }
}

interface StudyTally {
  imported: number;
  duplicates: number;
}

const json = (v: number[] | null) => (v === null ? null : JSON.stringify(v));

function instanceParams(h: InstanceHeader, hash: string, size: number, storedPath: string): Record<string, unknown> {
  return {
    sopInstanceUid: h.sopInstanceUid,
    sopClassUid: h.sopClassUid,
    instanceNumber: h.instanceNumber,
    imagePositionPatient: json(h.imagePositionPatient),
    imageOrientationPatient: json(h.imageOrientationPatient),
    slicePosition: slicePosition(h.imagePositionPatient, h.imageOrientationPatient),
    sliceLocation: h.sliceLocation,
    pixelSpacing: json(h.pixelSpacing),
    imagerPixelSpacing: json(h.imagerPixelSpacing),
    sliceThickness: h.sliceThickness,
    rows: h.rows,
    columns: h.columns,
    numberOfFrames: h.numberOfFrames,
    samplesPerPixel: h.samplesPerPixel,
    bitsAllocated: h.bitsAllocated,
    bitsStored: h.bitsStored,
    pixelRepresentation: h.pixelRepresentation,
    photometric: h.photometric,
    transferSyntaxUid: h.transferSyntaxUid,
    windowCenter: json(h.windowCenter),
    windowWidth: json(h.windowWidth),
    rescaleSlope: h.rescaleSlope,
    rescaleIntercept: h.rescaleIntercept,
    fileHash: hash,
    fileSize: size,
    storedPath,
  };
}

function studyParams(h: InstanceHeader) {
  return {
    studyInstanceUid: h.studyInstanceUid,
    patientId: h.patientId,
    patientName: h.patientName,
    patientBirthDate: h.patientBirthDate,
    patientSex: h.patientSex,
    studyDate: h.studyDate,
    studyTime: h.studyTime,
    studyDescription: h.studyDescription,
    accessionNumber: h.accessionNumber,
    studyId: h.studyId,
    referringPhysician: h.referringPhysician,
    institutionName: h.institutionName,
  };
}

function seriesParams(h: InstanceHeader) {
  return {
    seriesInstanceUid: h.seriesInstanceUid,
    modality: h.modality,
    seriesNumber: h.seriesNumber,
    seriesDescription: h.seriesDescription,
    bodyPartExamined: h.bodyPartExamined,
    seriesDate: h.seriesDate,
    seriesTime: h.seriesTime,
    laterality: h.laterality,
    frameOfReferenceUid: h.frameOfReferenceUid,
  };
}

/** Groups identical warnings: "<warning> (3 files, e.g. /a/b.dcm)". */
class WarningTally {
  private readonly byText = new Map<string, { count: number; example: string }>();
  add(text: string, file: string): void {
    const seen = this.byText.get(text);
    if (seen) seen.count += 1;
    else this.byText.set(text, { count: 1, example: file });
  }
  list(): string[] {
    return [...this.byText].map(([text, { count, example }]) =>
      count === 1 ? `${example}: ${text}` : `${text} (${count} files, e.g. ${example})`,
    );
  }
}

export async function importDicom(
  db: Db,
  dataDir: string,
  paths: readonly string[],
  options: ImportOptions = {},
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
  const stmts = new sql.ImportStatements(db);
  const progress = new ProgressThrottle(options.onProgress);

  const rejections: (Rejection & { order: number })[] = [];
  const warnings = new WarningTally();
  let stage: ImportStage<ReturnType<typeof studyParams>, ReturnType<typeof seriesParams>> | undefined;
  const seenSops = new Set<string>();
  const tallies = new Map<string, StudyTally>();
  let scanned = 0;
  let imported = 0;
  let duplicates = 0;
  let bytesStored = 0;
  let total = 0;
  let indexFiles = 0;
  const incompleteDicomdirs: IncompleteDicomdir[] = [];
  const snapshot = (phase: ImportProgress['phase']): ImportProgress => ({
    phase,
    scanned,
    imported,
    duplicates,
    rejected: rejections.length,
    total,
  });
  const tally = (studyUid: string): StudyTally => {
    let t = tallies.get(studyUid);
    if (!t) {
      t = { imported: 0, duplicates: 0 };
      tallies.set(studyUid, t);
    }
    return t;
  };
  const reject = (file: string, reason: string, order: number) => {
    scanned += 1;
    rejections.push({ path: file, reason, order });
  };

  const parser = acquireParser();
  parser.warm();
  // Cancel stops a header being parsed at once (the file is not waited for).
  const stopParsing = () => void parser.close();
  signal?.addEventListener('abort', stopParsing, { once: true });
  try {
    session = new StoreSession(db, dataDir, importId, options.writeFile);
    const store = session;
    stage = new ImportStage(db, importId);
    const staged = stage;
    // ---- scanning: folders and DICOMDIRs to a list of paths
    progress.report(snapshot('scanning'), true);
    const scan = await scanPaths(paths, {
      signal,
      onFound: (n) => {
        total = n;
        progress.report(snapshot('scanning'));
      },
    });
    for (const r of scan.rejected) reject(r.path, r.reason, -1);
    indexFiles += scan.indexFiles ?? 0;
    for (const w of scan.warnings) warnings.add(w, '');
    const queue = scan.files;
    const queued = new Set(queue);
    const explicitFiles = new Set(paths.map((p) => path.resolve(p)));
    const listings = new DirectoryListingCache();
    total = queue.length + scan.rejected.length;
    progress.report(snapshot('importing'), true);

    // ---- importing: one file at a time, read with plain synchronous calls (far cheaper than a round trip through
    // libuv's thread pool for each of open, fstat, read and close), hashed and parsed here, and written to the store
    // on the thread pool while the next files are read, hashed and parsed. Up to WRITES_IN_FLIGHT writes overlap, as
    // the kernel's page-cache copy is what bounds an import; each holds its own buffer until it is written, so memory
    // stays at a few file sizes. The loop lets the event loop run at least every SLICE_MS, so the app stays
    // responsive and an abort is seen.
    const freeSlots = Array.from({ length: WRITES_IN_FLIGHT + 1 }, () => new BufferSlot());
    const writing: Promise<void>[] = [];
    let failure: unknown;
    let sliceStart = performance.now();
    for (let order = 0; order < queue.length; order++) {
      if (performance.now() - sliceStart >= SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
      if (signal?.aborted || failure !== undefined) break;
      if (freeSlots.length === 0) {
        while (freeSlots.length === 0) await writing.shift();
        sliceStart = performance.now();
      }
      const slot = freeSlots.pop()!;
      let slotWriting = false;
      const file = queue[order];
      const read = readCandidate(file, slot);
      if ('reason' in read) {
        reject(file, read.reason, order);
      } else {
        // Parsed in the parser thread (parse-thread.ts): the buffer goes there and comes back to the slot.
        const { outcome, bytes: fileBytes = Buffer.alloc(0) } = await parser.parse(read.bytes, slot);
        sliceStart = performance.now();
        if (outcome.kind === 'directory') {
          // A DICOMDIR is an index, not an instance. Chosen explicitly, its listed files are imported.
          if (explicitFiles.has(file)) {
            indexFiles += 1;
            try {
              const expanded = await expandDicomdir(file, Buffer.from(fileBytes), listings);
              for (const f of expanded.files) {
                if (!queued.has(f)) {
                  queued.add(f);
                  queue.push(f);
                }
              }
              for (const r of expanded.rejected) reject(r.path, r.reason, order);
              for (const w of expanded.warnings) warnings.add(w, '');
            } catch (e) {
              indexFiles -= 1;
              reject(file, `unreadable DICOMDIR: ${e instanceof Error ? e.message : String(e)}`, order);
            }
          } else {
            // Met in a folder: the folder's files are imported as they are; the DICOMDIR is only checked, so that
            // one chosen without the files it lists (a browser upload of the DICOMDIR alone) is said so, not ignored.
            const missing = await dicomdirMissing(file, fileBytes, listings, queue);
            if (missing && missing.missing > 0) {
              incompleteDicomdirs.push({ path: file, ...missing });
              reject(
                file,
                `DICOMDIR (a CD's index, not an image): ${missing.missing === missing.listed ? 'none' : `${missing.listed - missing.missing}`} of the ${missing.listed} files it lists ${missing.listed - missing.missing === 1 ? 'was' : 'were'} imported with it`,
                order,
              );
            } else {
              indexFiles += 1;
              if (!missing)
                warnings.add('could not be read as a DICOMDIR: the files next to it were imported as they are', file);
            }
          }
          sliceStart = performance.now();
          total = queue.length + scan.rejected.length;
        } else if (outcome.kind === 'rejected') {
          reject(file, outcome.reason, order);
        } else {
          scanned += 1;
          const h = outcome.header;
          if (seenSops.has(h.sopInstanceUid) || stmts.sopExists.get(h.sopInstanceUid) !== undefined) {
            duplicates += 1;
            // Its study is already indexed (or will be by this import), so it can still be attached to the case.
            tally(h.studyInstanceUid).duplicates += 1;
          } else {
            // Hashed from the buffer just read (no copy); duplicates and rejected files are never hashed.
            const bytes = outcome.bytes;
            const hash = sha256Hex(bytes);
            seenSops.add(h.sopInstanceUid);
            imported += 1;
            tally(h.studyInstanceUid).imported += 1;
            for (const w of outcome.warnings) warnings.add(w, file);
            if (writing.length >= WRITES_IN_FLIGHT) {
              await writing.shift();
              sliceStart = performance.now();
            }
            if (failure !== undefined) {
              freeSlots.push(slot);
              break;
            }
            // The slot is busy until its bytes are written (parse may also hand back a new buffer: then it is not).
            slotWriting = slot.holds(bytes);
            const written = store.put(bytes, hash).then(
              (put) => {
                if (put.created) bytesStored += bytes.length;
                staged.add(
                  order,
                  h.studyInstanceUid,
                  h.seriesInstanceUid,
                  () => studyParams(h),
                  () => seriesParams(h),
                  instanceParams(h, hash, bytes.length, put.storedPath),
                );
              },
              (e: unknown) => {
                failure ??= e;
              },
            );
            writing.push(slotWriting ? written.finally(() => freeSlots.push(slot)) : written);
          }
        }
      }
      if (!slotWriting) freeSlots.push(slot);
      progress.report(snapshot('importing'));
    }
    await Promise.all(writing);
    await options.hooks?.beforeIndex?.();
    if (failure !== undefined) throw failure;
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    rejections.sort((a, b) => a.order - b.order);
    const rejected: Rejection[] = rejections.map(({ path: p, reason }) => ({ path: p, reason }));

    // ---- indexing: everything in one transaction
    progress.report(snapshot('indexing'), true);
    const importedAt = now();
    const needsConfirmation: PatientMismatch[] = [];
    const attachWarnings: string[] = [];
    let raced = 0;
    const studies = writeTransaction(db, (): ImportedStudy[] => {
      const studyRows = new Map<string, number>();
      const seriesRows = new Map<string, number>();
      for (const a of staged.instances()) {
        let studyRowId = studyRows.get(a.studyUid);
        if (studyRowId === undefined) {
          const row = stmts.upsertStudy.get({ ...staged.studyParams(a.studyUid), importId, now: importedAt }) as {
            id: number;
          };
          studyRowId = row.id;
          studyRows.set(a.studyUid, studyRowId);
        }
        let seriesRowId = seriesRows.get(a.seriesUid);
        if (seriesRowId === undefined) {
          const row = stmts.upsertSeries.get({ ...staged.seriesParams(a.seriesUid), studyRowId }) as { id: number };
          seriesRowId = row.id;
          seriesRows.set(a.seriesUid, seriesRowId);
        }
        const info = stmts.insertInstance.run({ ...a.params, seriesRowId, importedAt, importId });
        if (info.changes === 0) {
          // Indexed meanwhile by another import of the same files: a duplicate after all.
          raced += 1;
          tally(a.studyUid).imported -= 1;
          tally(a.studyUid).duplicates += 1;
        }
      }
      for (const id of studyRows.values()) stmts.refreshStudy.run({ id });

      const out: ImportedStudy[] = [];
      for (const [studyUid, t] of tallies) {
        const row = stmts.studyByUid.get(studyUid) as sql.StudyRow | undefined;
        if (!row) continue;
        let attachedCase = row.case_id;
        if (casePatient && caseId !== undefined && row.case_id !== caseId) {
          if (row.case_id !== null) {
            attachWarnings.push(`study ${studyUid} is already attached to case ${row.case_id}: left there`);
          } else {
            const mismatch = mismatchFor(casePatient, {
              studyInstanceUid: studyUid,
              patientIdDicom: row.patient_id_dicom,
              patientNameDicom: row.patient_name_dicom,
              patientBirthDate: row.patient_birth_date,
              studyDescription: row.study_description,
              studyDate: row.study_date,
            });
            if (!mismatch || options.confirmMismatch) {
              stmts.setStudyCase.run(caseId, row.id);
              attachedCase = caseId;
            } else {
              needsConfirmation.push(mismatch);
            }
          }
        }
        out.push({
          studyInstanceUid: studyUid,
          patientIdDicom: row.patient_id_dicom,
          patientNameDicom: row.patient_name_dicom,
          patientBirthDate: row.patient_birth_date,
          studyDate: row.study_date,
          studyDescription: row.study_description,
          modalities: row.modalities_in_study ? row.modalities_in_study.split('\\') : [],
          instancesImported: t.imported,
          duplicates: t.duplicates,
          caseId: attachedCase,
        });
      }
      imported -= raced;
      duplicates += raced;
      for (const r of rejected) stmts.insertRejection.run(importId, r.path, r.reason);
      // The index rows own the files from now on.
      store.releaseClaims();
      sql.finishImport(db, importId, {
        status: 'done',
        finishedAt: now(),
        scanned,
        imported,
        duplicates,
        rejected: rejected.length,
        bytesStored,
        error: null,
      });
      return out;
    });
    staged.drop();
    if (raced > 0) {
      try {
        store.discard();
      } catch {
        // The import is indexed and done; its unneeded copies stay until the store is checked in full.
      }
    }
    progress.report(snapshot('indexing'), true);
    return {
      importId,
      status: 'done',
      scanned,
      imported,
      duplicates,
      rejected,
      studies,
      needsConfirmation,
      warnings: [...warnings.list(), ...attachWarnings],
      indexFiles,
      incompleteDicomdirs,
      bytesStored,
      seconds: (performance.now() - started) / 1000,
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
    try {
      writeTransaction(db, () => {
        for (const r of rejections) stmts.insertRejection.run(importId, r.path, r.reason);
        sql.finishImport(db, importId, {
          status: cancelled ? 'cancelled' : 'failed',
          finishedAt: now(),
          scanned,
          imported: 0,
          duplicates,
          rejected: rejections.length,
          bytesStored: 0,
          error: message,
        });
      });
    } catch {
      // The log row stays 'running'; recovery marks it interrupted. The index itself holds nothing of this import.
    }
    if (cancelled) {
      return {
        importId,
        status: 'cancelled',
        scanned,
        imported: 0,
        duplicates,
        rejected: rejections.sort((a, b) => a.order - b.order).map(({ path: p, reason }) => ({ path: p, reason })),
        studies: [],
        needsConfirmation: [],
        warnings: cleanupError
          ? [`some files of the cancelled import will be removed at the next start (${describeFailure(cleanupError)})`]
          : [],
        indexFiles,
        incompleteDicomdirs,
        bytesStored: 0,
        seconds: (performance.now() - started) / 1000,
      };
    }
    throw new ImportFailedError(`Import failed: ${message}. Nothing from this import was kept.`, importId, e);
  } finally {
    session?.close();
    signal?.removeEventListener('abort', stopParsing);
    releaseParser(parser);
  }
}

/**
 * How many of the files a DICOMDIR met in a folder lists are not among the files being imported: neither found
 * under its folder nor (for files chosen one by one, which arrive without their folders) a chosen file of the same
 * name. Undefined when it cannot be read as a DICOMDIR (the folder's files are imported all the same).
 */
async function dicomdirMissing(
  file: string,
  bytes: Uint8Array,
  listings: DirectoryListingCache,
  queue: readonly string[],
): Promise<{ listed: number; missing: number } | undefined> {
  let expanded;
  try {
    expanded = await expandDicomdir(file, Buffer.from(bytes), listings);
  } catch {
    return undefined;
  }
  if (expanded.rejected.some((r) => r.path === file)) return undefined;
  const listed = expanded.files.length + expanded.rejected.length;
  if (expanded.rejected.length === 0) return { listed, missing: 0 };
  const names = new Set(queue.map((q) => isoBase(path.basename(q))));
  const missing = expanded.rejected.filter((r) => !names.has(isoBase(path.basename(r.path)))).length;
  return { listed, missing };
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
