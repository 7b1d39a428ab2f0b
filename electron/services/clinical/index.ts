import type { Db } from '../../db/open';
import type { ClinicalSummary, MarkReadyResult, ReadinessCount, ReadyOverride } from '../../../shared/domain/clinical';
import { PathologyService } from './pathology-service';
import { PlanService } from './plan-service';
import { assertCanMarkReady, markReady, type OverrideFields } from './ready-gate';
import { ReadinessService } from './readiness-service';
import { StagingService } from './staging-service';
import { clinicalSummary } from './summary';
import { TimelineService } from './timeline-service';

export { assertCanMarkReady, markReady, type OverrideFields } from './ready-gate';
export { clinicalSummary } from './summary';

/** The clinical record's services (issue 4), made once per open data folder like the others in host/services.ts. */
export interface ClinicalServices {
  pathology: PathologyService;
  staging: StagingService;
  readiness: ReadinessService;
  plan: PlanService;
  timeline: TimelineService;
  /** Grade, stage (+ size source), readiness, plan and driving report: the case page in one call. */
  summary(caseId: number, meetingDate?: string): ClinicalSummary;
  /** Missing/stale counts per case for the case list (a fixed number of queries for any number of cases). */
  readinessCounts(caseIds: readonly number[], meetingDate?: string): ReadinessCount[];
  canMarkReady(caseId: number, meetingDate: string, override?: OverrideFields): ReadyOverride | null;
  markReady(caseId: number, meetingDate: string, override?: OverrideFields): MarkReadyResult;
}

export function createClinicalServices(db: Db, now: () => string = () => new Date().toISOString()): ClinicalServices {
  const readiness = new ReadinessService(db, now);
  return {
    pathology: new PathologyService(db, now),
    staging: new StagingService(db, now),
    readiness,
    plan: new PlanService(db, now),
    timeline: new TimelineService(db, now),
    summary: (caseId, meetingDate) => clinicalSummary(db, caseId, meetingDate, now),
    readinessCounts: (caseIds, meetingDate) => readiness.counts(caseIds, meetingDate),
    canMarkReady: (caseId, meetingDate, override) => assertCanMarkReady(db, caseId, meetingDate, override, now),
    markReady: (caseId, meetingDate, override) => markReady(db, caseId, meetingDate, override, now),
  };
}
