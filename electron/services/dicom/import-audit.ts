import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { recordEvent } from '../audit/audit-events';
import type { ImportResult } from './types';

/**
 * Logs an import that ended in the audit trail (issue 12): to which case, with what counts, or why it failed. The
 * studies and series it indexed are logged row by row by the triggers of migration 0007; this says what the
 * import as a whole was. The actor is the one of the call that started it (a job keeps it).
 */
export function recordImport(
  db: Db,
  caseId: number | undefined,
  outcome: { result: ImportResult } | { failed: string; importId: number },
): void {
  const patientId =
    caseId === undefined
      ? null
      : ((db.prepare('SELECT patient_id FROM cases WHERE id = ?').pluck().get(caseId) as number | undefined) ?? null);
  const facts =
    'result' in outcome
      ? {
          importId: outcome.result.importId,
          status: outcome.result.status,
          caseId: caseId ?? null,
          scanned: outcome.result.scanned,
          imported: outcome.result.imported,
          duplicates: outcome.result.duplicates,
          rejected: outcome.result.rejected.length,
          studies: outcome.result.studies.map((s) => s.studyInstanceUid),
          attachedToCase: outcome.result.studies.filter((s) => s.caseId !== null).length,
          needsConfirmation: outcome.result.needsConfirmation.length,
        }
      : { importId: outcome.importId, status: 'failed', caseId: caseId ?? null, error: outcome.failed };
  const detail =
    'result' in outcome
      ? outcome.result.status === 'cancelled'
        ? 'import cancelled: nothing kept'
        : `${outcome.result.imported} images imported, ${outcome.result.duplicates} already stored, ` +
          `${outcome.result.rejected.length} rejected, ${outcome.result.studies.length} studies` +
          (caseId !== undefined ? ` for case ${caseId}` : '')
      : `import failed: ${outcome.failed}`;
  writeTransaction(db, () =>
    recordEvent(db, {
      action: 'import',
      entity: caseId !== undefined ? 'cases' : 'imports',
      entityId: caseId ?? facts.importId,
      patientId,
      detail,
      facts,
    }),
  );
}
