import { openDatabase } from '../db/open';
import { importDicom, ImportFailedError } from '../services/dicom/import-service';
import { sweepImageStore } from '../services/dicom/sweep';
import type { ImportProgress, ImportResult } from '../services/dicom/types';
import { DomainError } from '../services/errors';
import { printable } from '../../shared/printable';
import { parseOptions, UsageError, type Command, type CliIo } from './command';

function progressLine(p: ImportProgress): string {
  if (p.phase === 'scanning') return `scanning: found ${p.total} files`;
  const counts = `scanned ${p.scanned}  imported ${p.imported}  duplicates ${p.duplicates}  rejected ${p.rejected}`;
  return p.phase === 'indexing' ? `${counts}  (indexing)` : counts;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function displayName(pn: string | null): string {
  return pn ? pn.replace(/\^+$/, '').replace(/\^/g, ' ') : 'no name';
}

function printSummary(result: ImportResult, dataDir: string, caseId: number | undefined, terminal: CliIo): void {
  // Names, descriptions, paths and warnings come from the files: never let them drive the terminal.
  const io = { out: (line: string) => terminal.out(printable(line)) };
  const mb = (result.bytesStored / 1024 ** 2).toFixed(1);
  if (result.status === 'cancelled') {
    io.out(`Import cancelled after ${plural(result.scanned, 'file')}: nothing from it was kept.`);
    return;
  }
  io.out(
    `Imported ${plural(result.imported, 'image')} (${plural(result.studies.length, 'study', 'studies')}, ${mb} MB) into ${dataDir} ` +
      `in ${result.seconds.toFixed(1)} s: ${plural(result.scanned, 'file')} scanned, ${plural(result.duplicates, 'duplicate')} ` +
      `(already imported), ${result.rejected.length} rejected.`,
  );
  for (const s of result.studies) {
    const where = s.caseId === null ? 'not attached to a case' : `attached to case ${s.caseId}`;
    const what = [
      s.studyDate ?? 'no date',
      s.studyDescription ? `"${s.studyDescription}"` : null,
      s.modalities.join('/') || null,
    ]
      .filter(Boolean)
      .join(' ');
    io.out(
      `  study ${what} (${displayName(s.patientNameDicom)}, ID ${s.patientIdDicom ?? 'none'}): ` +
        `${s.instancesImported} new, ${s.duplicates} already there; ${where}`,
    );
  }
  if (result.rejected.length > 0) {
    io.out('Rejected files:');
    for (const r of result.rejected) io.out(`  ${r.path}: ${r.reason}`);
  }
  if (result.needsConfirmation.length > 0) {
    io.out(`Not attached to case ${caseId}: the patient in these studies differs from the case's patient:`);
    for (const m of result.needsConfirmation) io.out(`  study ${m.studyInstanceUid}: ${m.differences.join('; ')}`);
    io.out("  Check the images are this patient's, then run the import again with --confirm-mismatch to attach them.");
  }
  if (result.warnings.length > 0) {
    io.out('Warnings:');
    for (const w of result.warnings) io.out(`  ${w}`);
  }
}

export const importCommand: Command = {
  name: 'import',
  summary: "Import DICOM images (files, folders, a CD's DICOMDIR) into the image store",
  help: `Usage: boardprep import PATH... [--case ID] [--confirm-mismatch] [--json] [--data DIR]

Imports DICOM images into the data folder's image store and index. Each PATH may be a file, a folder (read
recursively; hidden files are skipped) or a DICOMDIR (its listed files are read, matched case-insensitively as on
CDs). Each image is stored once: an image whose SOP Instance UID is already in the index is counted as a
duplicate and skipped. Files that are not importable images are listed with the reason (not DICOM, truncated,
missing a required UID, unsupported transfer syntax, not an image object, ...). An import is all or nothing:
if it is interrupted (Ctrl-C, full disk, crash), nothing of it is kept.

Options:
  --case ID            attach the imported studies to case ID. A study whose DICOM patient (ID, name, birth date)
                       differs from the case's patient is imported but left unattached, and listed.
  --confirm-mismatch   attach such studies anyway (after checking they belong to this patient)
  --json               print one JSON object with the full result instead of the summary
  --data DIR           use this data folder (default: BOARDPREP_DATA, else the platform's user-data folder)

Progress is shown on stderr ("scanned 1200  imported 1100  duplicates 50  rejected 3").

Exit status: 0 when the import finished (some files may have been rejected), 1 when no file could be imported
or found in the index and some were rejected (or the import failed), 2 for a bad command line or an unknown
case, 130 when interrupted.

Examples:
  boardprep import /media/cdrom/DICOMDIR --case 12
  boardprep import ~/Downloads/mri-export ~/Downloads/ct.dcm --json`,

  async run(args, env, io) {
    const { values, positionals } = parseOptions(
      args,
      { case: { type: 'string' }, 'confirm-mismatch': { type: 'boolean' }, json: { type: 'boolean' } },
      { positionals: true },
    );
    if (positionals.length === 0) throw new UsageError('Give at least one file or folder to import');
    let caseId: number | undefined;
    if (values.case !== undefined) {
      if (!/^[1-9]\d*$/.test(values.case)) throw new UsageError(`--case must be a case number, not "${values.case}"`);
      caseId = Number(values.case);
    }
    if (values['confirm-mismatch'] && caseId === undefined) throw new UsageError('--confirm-mismatch needs --case');

    const db = openDatabase(env.dataDir);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      await sweepImageStore(db, env.dataDir);
      let result: ImportResult;
      try {
        result = await importDicom(db, env.dataDir, positionals, {
          caseId,
          confirmMismatch: values['confirm-mismatch'],
          signal: controller.signal,
          onProgress: (p) => io.progress(progressLine(p)),
        });
      } catch (e) {
        if (e instanceof DomainError && e.code === 'not-found' && caseId !== undefined) throw new UsageError(e.message);
        if (e instanceof ImportFailedError) {
          io.progress('');
          env.log.error('import failed', e);
          io.err(`boardprep import: ${e.message}`);
          return 1;
        }
        throw e;
      }
      const { scanned, imported, duplicates } = result;
      io.progress(
        progressLine({
          phase: 'importing',
          scanned,
          imported,
          duplicates,
          rejected: result.rejected.length,
          total: scanned,
        }),
      );
      io.progress('');
      env.log.info('import finished', {
        status: result.status,
        caseId: caseId ?? null,
        scanned,
        imported,
        duplicates,
        rejected: result.rejected.length,
        studies: result.studies.length,
        seconds: result.seconds,
      });
      if (values.json) io.out(JSON.stringify({ dataDir: env.dataDir, ...result }));
      else printSummary(result, env.dataDir, caseId, io);
      if (result.status === 'cancelled') return 130;
      return result.imported + result.duplicates === 0 && result.rejected.length > 0 ? 1 : 0;
    } finally {
      process.removeListener('SIGINT', onSigint);
      db.close();
    }
  },
};
