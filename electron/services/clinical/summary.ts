import type { Db } from '../../db/open';
import type { ClinicalSummary } from '../../../shared/domain/clinical';
import { caseGrade, loadCaseData } from './case-data';
import * as sql from './clinical-sql';
import { assertCase } from './pathology-service';
import { planOf } from './plan-service';
import { lastOverride } from './ready-gate';
import { readinessDates, readinessView } from './readiness-service';
import { stageFor } from './staging-service';

/** Grade, stage (with where the size came from), readiness, plan and the driving report of a case, in one call. */
export function clinicalSummary(
  db: Db,
  caseId: number,
  meetingDate: string | undefined,
  now: () => string = () => new Date().toISOString(),
): ClinicalSummary {
  assertCase(db, caseId);
  const data = loadCaseData(db, [caseId]).get(caseId)!;
  const judged = readinessDates(db, [caseId], meetingDate, now).get(caseId)!;
  const grade = caseGrade(data.reports);
  const staleWeeks = sql.staleWeeks(db);
  return {
    caseId,
    grade: grade.grade,
    stage: stageFor(db, caseId, data.siteChapter, grade, data.reports, { meetingDate: judged.date, staleWeeks }),
    readiness: readinessView(data, judged.date, staleWeeks, judged.meeting),
    plan: planOf(db, caseId),
    drivingReportId: grade.driving?.id ?? null,
    drivingReason: grade.drivingReason,
    lastReadyOverride: lastOverride(db, caseId),
  };
}
