import type { Db } from '../../db/open';
import { CaseInput } from '../../../shared/domain/case';
import { CasesService } from '../cases/cases-service';
import { findPatientByMrn } from '../cases/cases-sql';
import { createClinicalServices } from '../clinical';
import { LesionsService } from '../imaging/lesions-service';
import { readDemoBoard, type DemoCase } from './demo-board';

/** The clinical sections of one demo case (already validated by DemoCase), written through the services. */
function loadClinicalSections(db: Db, caseId: number, demo: DemoCase): void {
  const lesions = new LesionsService(db);
  const clinical = createClinicalServices(db);
  for (const lesion of demo.lesions ?? []) lesions.create(caseId, lesion);
  for (const report of demo.pathology ?? []) clinical.pathology.create(caseId, report);
  if (demo.staging) clinical.staging.setInputs(caseId, demo.staging);
  if (demo.plan) clinical.plan.set(caseId, demo.plan);
  for (const event of demo.events ?? []) clinical.timeline.addEvent(caseId, event);
  for (const tick of demo.ticks ?? []) clinical.readiness.tick(caseId, tick);
}

/**
 * Loads the demo board in one transaction (cases with their lesions, pathology, staging inputs, plan, timeline
 * events and work-up ticks). Patients whose MRN is already present are skipped (and named),
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
      const created = cases.create(CaseInput.parse(demo.case));
      loadClinicalSections(db, created.id, demo);
      casesCreated += 1;
    }
  })();
  return { casesCreated, skipped };
}
