import type { Db } from '../../db/open';
import { CaseInput } from '../../../shared/domain/case';
import { CasesService } from '../cases/cases-service';
import { findPatientByMrn } from '../cases/cases-sql';
import { readDemoBoard } from './demo-board';

/**
 * Loads the demo board in one transaction. Patients whose MRN is already present are skipped (and named),
 * so loading twice never duplicates or overwrites anyone.
 */
export function loadDemoBoard(db: Db, resourcesDir: string): { casesCreated: number; skipped: string[] } {
  const board = readDemoBoard(resourcesDir);
  const cases = new CasesService(db);
  const skipped: string[] = [];
  let casesCreated = 0;
  db.transaction(() => {
    for (const demo of board.cases) {
      if (findPatientByMrn(db, demo.case.patient.mrn)) {
        skipped.push(`${demo.key}: MRN ${demo.case.patient.mrn} already present`);
        continue;
      }
      cases.create(CaseInput.parse(demo.case));
      casesCreated += 1;
    }
  })();
  return { casesCreated, skipped };
}
