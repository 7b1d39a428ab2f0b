import type { Db } from '../../db/open';
import {
  assessReadiness,
  type ImagingStudy,
  type ManualTick,
  type PathologyReport as ReadinessReport,
  type ReadinessInput,
  type ReadinessSummary,
  type TreatmentEvent,
} from '../../../shared/clinical/readiness';
import { QuestionKind, type SiteChapter } from '../../../shared/domain/case';
import type { GradeResult, PathologyReport } from '../../../shared/domain/pathology';
import * as sql from './clinical-sql';
import { NO_REPORT_GRADE, drivingReport, groupBy, loadReports } from './pathology-service';

/**
 * Everything the grade, stage and readiness rules read for a set of cases, loaded in a fixed number of queries
 * (cases, reports, IHC, molecular, studies+series, ticks, treatment events) whatever the number of cases: the case list asks for
 * ~100 cases at once.
 */
export interface CaseData {
  caseId: number;
  siteChapter: SiteChapter;
  status: string;
  /** The board's question: it decides the checklist's items (shared/clinical/readiness.ts). */
  questionKind: QuestionKind;
  ecog: number | null;
  reports: PathologyReport[];
  studies: sql.StudySeriesRow[];
  ticks: sql.TickRow[];
  /** Surgery, radiotherapy and systemic therapy on the case's timeline. */
  treatments: sql.EventRow[];
}

export function loadCaseData(db: Db, caseIds: readonly number[]): Map<number, CaseData> {
  const cases = sql.caseRows(db, caseIds);
  const found = cases.map((c) => c.id);
  const reports = loadReports(db, found);
  const studies = groupBy(sql.studySeriesOfCases(db, found), (r) => r.case_id);
  const ticks = groupBy(sql.ticksOfCases(db, found), (r) => r.case_id);
  const treatments = groupBy(sql.treatmentEventsOfCases(db, found), (r) => r.case_id);
  return new Map(
    cases.map((c) => [
      c.id,
      {
        caseId: c.id,
        siteChapter: c.site_chapter as SiteChapter,
        status: c.status,
        // A value outside the enum cannot be stored (CHECK), but read defensively: the checklist then asks diagnosis.
        questionKind: QuestionKind.catch('diagnosis').parse(c.question_kind),
        ecog: c.ecog,
        reports: reports.get(c.id) ?? [],
        studies: studies.get(c.id) ?? [],
        ticks: ticks.get(c.id) ?? [],
        treatments: treatments.get(c.id) ?? [],
      },
    ]),
  );
}

export interface CaseGrade {
  grade: GradeResult;
  driving: PathologyReport | null;
  drivingReason: string;
}

/** The case's grade is the grade of its driving report (see drivingReport); GX with the reason when there is none. */
export function caseGrade(reports: readonly PathologyReport[]): CaseGrade {
  const { report, reason } = drivingReport(reports);
  return { grade: report ? report.grade : NO_REPORT_GRADE, driving: report, drivingReason: reason };
}

// ---- Imaging evidence from imported studies ----------------------------------------------------------------

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.map((x) => (x ?? '').trim()).filter(Boolean))];
const splitMulti = (s: string | null) =>
  (s ?? '')
    .split('\\')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * One ImagingStudy per modality of each attached study (a PET-CT gives a CT and a PT entry), carrying the body
 * parts and descriptions of that modality's series plus the study description, so the readiness rules can match
 * by modality and body part (reference: "Imported studies count as evidence by modality and body part").
 * A study without a valid date cannot be aged, so it is left out and named in `notes`.
 */
export function imagingFromStudies(rows: readonly sql.StudySeriesRow[]): { imaging: ImagingStudy[]; notes: string[] } {
  const imaging: ImagingStudy[] = [];
  const notes: string[] = [];
  for (const [, series] of groupBy(rows, (r) => r.study_instance_uid)) {
    const study = series[0];
    const date = [study.study_date, ...series.map((s) => s.series_date)].find((d): d is string => !!d && ISO.test(d));
    const real = series.filter((s) => s.series_instance_uid !== null);
    const name = study.study_description || splitMulti(study.modalities_in_study).join('/') || 'Imported study';
    if (!date) {
      notes.push(`${name}: no valid study date in the DICOM, so it is not counted as work-up evidence.`);
      continue;
    }
    const byModality = real.length
      ? groupBy(real, (s) => (s.modality ?? '').trim().toUpperCase())
      : new Map(splitMulti(study.modalities_in_study).map((m) => [m.toUpperCase(), [] as sql.StudySeriesRow[]]));
    for (const [modality, ofModality] of byModality) {
      if (!modality) continue;
      const bodyParts = ofModality.length
        ? uniq(ofModality.map((s) => s.body_part_examined))
        : splitMulti(study.study_body_part);
      imaging.push({
        modality,
        bodyPart: bodyParts.join(' '),
        studyDescription: uniq([study.study_description, ...ofModality.map((s) => s.series_description)]).join(' / '),
        date,
      });
    }
  }
  return { imaging, notes };
}

// ---- Readiness ---------------------------------------------------------------------------------------------

/** The readiness grade: a real grade, or GX when GX is the answer; null ("no grade yet") when components are lacking. */
function readinessGrade(g: GradeResult): ReadinessInput['fnclccGrade'] {
  if (g.status === 'graded') return g.grade;
  if (g.status === 'not-gradable') return 'GX';
  return null;
}

/** How a report gives its margins, for the checklist's resection-pathology item; '' when it gives none. */
export function marginsText(r: PathologyReport): string {
  const closest =
    r.closestMarginMm === null ? '' : `closest ${r.closestMarginLessThan ? '< ' : ''}${r.closestMarginMm} mm`;
  const named = r.margins?.length ? `${r.margins.length} margin${r.margins.length === 1 ? '' : 's'} measured` : '';
  return [r.marginStatus ?? '', closest, named].filter(Boolean).join(', ');
}

export interface CaseReadiness {
  summary: ReadinessSummary;
  notes: string[];
  grade: CaseGrade;
}

/** Builds `ReadinessInput` from the case's rows and calls assessReadiness (shared/clinical/readiness.ts). */
export function assessCase(data: CaseData, meetingDate: string, staleAfterWeeks: number): CaseReadiness {
  const grade = caseGrade(data.reports);
  const { imaging, notes } = imagingFromStudies(data.studies);
  const pathology: ReadinessReport[] = data.reports.map((r) => ({
    specimenId: r.specimenId,
    procedure: r.procedure,
    date: r.specimenDate,
    expertReview: r.expertReview,
    molecular: r.molecular,
    margins: marginsText(r),
  }));
  const manual: ManualTick[] = data.ticks.map((t) => ({
    item: t.item as ManualTick['item'],
    date: t.date,
    by: t.ticked_by,
    note: t.note,
  }));
  const treatments: TreatmentEvent[] = data.treatments.map((e) => ({
    kind: e.kind as TreatmentEvent['kind'],
    date: e.date,
    text: e.text,
  }));
  const input: ReadinessInput = {
    siteChapter: data.siteChapter,
    questionKind: data.questionKind,
    histotypeId: grade.driving?.coded ? grade.driving.histotypeId : null,
    histotypeText: grade.driving && !grade.driving.coded ? (grade.driving.histotypeText ?? '') : '',
    fnclccGrade: readinessGrade(grade.grade),
    pathology,
    imaging,
    manual,
    treatments,
    ecog: data.ecog,
  };
  const summary = assessReadiness(input, { meetingDate, staleAfterWeeks });
  const items = summary.items.map((item) =>
    // Say what the driving report lacks, rather than only "No FNCLCC grade recorded".
    item.id === 'fnclcc-grade' && item.state === 'missing' && grade.grade.status === 'incomplete'
      ? { ...item, reason: `No FNCLCC grade yet: ${grade.grade.reason.replace(/^GX: /, '')}` }
      : item,
  );
  return { summary: { ...summary, items }, notes, grade };
}
