import { dayMonthYear } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { fnclccGrade } from '../../../shared/clinical/grading';
import { findHistotype } from '../../../shared/clinical/histotypes';
import {
  PROCEDURE_LABEL,
  type GradeResult,
  type PathologyFields,
  type PathologyReport,
  type ReportProcedure,
} from '../../../shared/domain/pathology';
import { DomainError } from '../errors';
import * as sql from './clinical-sql';
import { writeTransaction } from '../../db/transaction';

type Grade = GradeResult['grade'];

/**
 * FNCLCC grade of one report, by `fnclccGrade` (shared/clinical/grading.ts: reference "Grade (FNCLCC)").
 * A report that states a grade without its components (e.g. "FNCLCC grade 2") keeps that grade, labelled as
 * reported: the components are not invented. A computed grade always wins over a reported one.
 */
export function gradeOfReport(r: PathologyFields): GradeResult {
  const res = fnclccGrade({
    differentiation: r.differentiation,
    mitosesPer10Hpf: r.mitosesPer10Hpf,
    necrosisPercent: r.necrosisPercent,
    neoadjuvantTherapy: r.neoadjuvantTherapy,
    roundCellPercent: r.roundCellPercent,
    histotypeId: r.histotypeId,
  });
  const components = { ...res.components };
  if (res.grade !== 'GX') {
    const differs = r.reportedGrade !== null && r.reportedGrade !== res.grade;
    const reason = differs
      ? `${res.reason} The report itself states ${r.reportedGrade}: check the components.`
      : res.reason;
    return { grade: res.grade, score: res.score, components, source: 'computed', status: 'graded', reason };
  }
  // GX because components are lacking lets a stated grade stand in; otherwise (neoadjuvant therapy, bone tumour) GX
  // is the final answer.
  if (res.status !== 'incomplete') {
    const ignored = r.reportedGrade && r.reportedGrade !== 'GX' ? ` The report's ${r.reportedGrade} is not used.` : '';
    return {
      grade: 'GX',
      score: null,
      components,
      source: 'computed',
      status: 'not-gradable',
      reason: `${res.reason}${ignored}`,
    };
  }
  if (r.reportedGrade === 'GX') {
    return {
      grade: 'GX',
      score: null,
      components,
      source: 'reported',
      status: 'not-gradable',
      reason: 'GX as stated in the report (grade cannot be assessed).',
    };
  }
  if (r.reportedGrade) {
    // "GX: cannot be assessed, missing a, b. Notes." -> "missing a, b" and "Notes."
    const body = res.reason.replace(/^GX: (cannot be assessed, )?/, '');
    const stop = body.indexOf('. ');
    const [lacking, rest] = stop < 0 ? [body.replace(/\.$/, ''), ''] : [body.slice(0, stop), body.slice(stop + 2)];
    return {
      grade: r.reportedGrade as Grade,
      score: null,
      components,
      source: 'reported',
      status: 'graded',
      reason: `${r.reportedGrade} as stated in the pathology report; the FNCLCC score is not computed (${lacking}).${rest ? ` ${rest}` : ''}`,
    };
  }
  return { grade: 'GX', score: null, components, source: 'computed', status: 'incomplete', reason: res.reason };
}

export const NO_REPORT_GRADE: GradeResult = {
  grade: 'GX',
  score: null,
  components: { differentiation: null, mitoses: null, necrosis: null },
  source: 'none',
  status: 'no-report',
  reason: 'GX: no pathology report recorded.',
};

function describe(r: Pick<PathologyReport, 'id' | 'procedure' | 'specimenDate' | 'specimenId'>): string {
  return `${PROCEDURE_LABEL[r.procedure]}${r.specimenId ? ` ${r.specimenId}` : ''} of ${dayMonthYear(r.specimenDate)}`;
}

const newestFirst = (a: PathologyReport, b: PathologyReport) =>
  b.specimenDate.localeCompare(a.specimenDate) ||
  (b.expertReview?.date ?? '').localeCompare(a.expertReview?.date ?? '') ||
  b.id - a.id;

/**
 * Issue 4: "The latest reviewed report drives grade and staging; the others stay visible as history."
 * Latest reviewed = the most recent specimen date among the reports with an expert central review (same specimen
 * date: the later review, then the later entry). With no reviewed report, the most recent report drives until one
 * is reviewed. A newer report that is not reviewed yet never displaces a reviewed one, and the reason says so.
 */
export function drivingReport(reports: readonly PathologyReport[]): { report: PathologyReport | null; reason: string } {
  if (reports.length === 0)
    return {
      report: null,
      reason: 'No pathology report recorded: grade GX, and no histotype for the work-up checklist.',
    };
  const sorted = [...reports].sort(newestFirst);
  const reviewed = sorted.filter((r) => r.expertReview);
  const history = reports.length - 1;
  const tail = history ? ` The other ${history === 1 ? 'report stays' : `${history} reports stay`} as history.` : '';
  if (reviewed.length) {
    const d = reviewed[0];
    const newer = sorted.filter((r) => !r.expertReview && r.specimenDate > d.specimenDate).length;
    const newerText = newer
      ? ` ${newer === 1 ? 'A newer report is' : `${newer} newer reports are`} not used until reviewed by an expert.`
      : '';
    return {
      report: d,
      reason:
        `${describe(d)} drives grade and staging: the most recent specimen with an expert review ` +
        `(${d.expertReview!.by}, ${d.expertReview!.date}, ${d.expertReview!.agreement}).${newerText}${tail}`,
    };
  }
  const d = sorted[0];
  return {
    report: d,
    reason: `${describe(d)} drives grade and staging: no report has an expert review yet, so the most recent specimen is used.${tail}`,
  };
}

function toReport(row: sql.ReportRow, ihc: sql.IhcRow[], molecular: sql.MolecularRow[]): PathologyReport {
  const histotype = findHistotype(row.histotype_id);
  const fields: PathologyFields = {
    procedure: row.procedure as ReportProcedure,
    specimenId: row.specimen_id,
    specimenDate: row.specimen_date,
    reportDate: row.report_date,
    laboratory: row.laboratory,
    histotypeId: row.histotype_id,
    histotypeText: row.histotype_text,
    icdO3: histotype?.icdO3 ?? row.icd_o3,
    differentiation: row.differentiation,
    mitosesPer10Hpf: row.mitoses_per_10hpf,
    necrosisPercent: row.necrosis_percent,
    neoadjuvantTherapy: row.neoadjuvant_therapy === 1,
    roundCellPercent: row.round_cell_percent,
    reportedGrade: row.reported_grade as PathologyFields['reportedGrade'],
    ihc: ihc.map((i) => ({
      marker: i.marker,
      result: i.result as PathologyFields['ihc'][number]['result'],
      note: i.note,
    })),
    molecular: molecular.map((m) => ({ test: m.test, result: m.result })),
    marginStatus: row.margin_status as PathologyFields['marginStatus'],
    closestMarginMm: row.closest_margin_mm,
    closestMarginLessThan: row.closest_margin_less_than === 1,
    tumourDim1Cm: row.tumour_dim1_cm,
    tumourDim2Cm: row.tumour_dim2_cm,
    tumourDim3Cm: row.tumour_dim3_cm,
    depth: row.depth as PathologyFields['depth'],
    margins: JSON.parse(row.margins_json) as PathologyFields['margins'],
    treatmentEffect: row.treatment_effect,
    expertReview:
      row.review_by && row.review_date && row.review_agreement
        ? {
            by: row.review_by,
            date: row.review_date,
            agreement: row.review_agreement as 'concordant' | 'minor-discordance' | 'major-discordance',
          }
        : null,
    reportText: row.report_text,
  };
  return {
    ...fields,
    id: row.id,
    caseId: row.case_id,
    coded: histotype !== undefined,
    histotypeName: histotype?.name ?? row.histotype_text,
    grade: gradeOfReport(fields),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columns(r: PathologyFields): sql.ReportColumns {
  const histotype = findHistotype(r.histotypeId);
  return {
    procedure: r.procedure,
    specimen_id: r.specimenId,
    specimen_date: r.specimenDate,
    report_date: r.reportDate,
    laboratory: r.laboratory,
    histotype_id: r.histotypeId,
    histotype_text: r.histotypeText,
    icd_o3: histotype?.icdO3 ?? r.icdO3,
    differentiation: r.differentiation,
    mitoses_per_10hpf: r.mitosesPer10Hpf,
    necrosis_percent: r.necrosisPercent,
    neoadjuvant_therapy: r.neoadjuvantTherapy ? 1 : 0,
    round_cell_percent: r.roundCellPercent,
    reported_grade: r.reportedGrade,
    margin_status: r.marginStatus,
    closest_margin_mm: r.closestMarginMm,
    closest_margin_less_than: r.closestMarginLessThan ? 1 : 0,
    treatment_effect: r.treatmentEffect,
    review_by: r.expertReview?.by ?? null,
    review_date: r.expertReview?.date ?? null,
    review_agreement: r.expertReview?.agreement ?? null,
    report_text: r.reportText,
    tumour_dim1_cm: r.tumourDim1Cm,
    tumour_dim2_cm: r.tumourDim2Cm,
    tumour_dim3_cm: r.tumourDim3Cm,
    depth: r.depth,
    margins_json: JSON.stringify(r.margins),
  };
}

export function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Reports of many cases in three queries (reports, IHC, molecular), oldest specimen first per case. */
export function loadReports(db: Db, caseIds: readonly number[]): Map<number, PathologyReport[]> {
  const out = new Map<number, PathologyReport[]>(caseIds.map((id) => [id, []]));
  const rows = sql.reportsOfCases(db, caseIds);
  if (!rows.length) return out;
  const reportIds = rows.map((r) => r.id);
  const ihc = groupBy(sql.ihcOfReports(db, reportIds), (r) => r.report_id);
  const mol = groupBy(sql.molecularOfReports(db, reportIds), (r) => r.report_id);
  for (const row of rows) out.get(row.case_id)?.push(toReport(row, ihc.get(row.id) ?? [], mol.get(row.id) ?? []));
  return out;
}

export function assertCase(db: Db, caseId: number): sql.CaseClinicalRow {
  const row = sql.caseRow(db, caseId);
  if (!row) throw new DomainError('not-found', `Case ${caseId} does not exist`);
  return row;
}

/** Pathology reports of a case. Inputs are validated by the contract (PathologyInput) before they get here. */
export class PathologyService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(caseId: number): { reports: PathologyReport[]; drivingReportId: number | null; drivingReason: string } {
    assertCase(this.db, caseId);
    const reports = loadReports(this.db, [caseId]).get(caseId) ?? [];
    const driving = drivingReport(reports);
    return { reports, drivingReportId: driving.report?.id ?? null, drivingReason: driving.reason };
  }

  get(id: number): PathologyReport {
    const row = sql.getReport(this.db, id);
    if (!row) throw new DomainError('not-found', `Pathology report ${id} does not exist`);
    return toReport(row, sql.ihcOfReports(this.db, [id]), sql.molecularOfReports(this.db, [id]));
  }

  create(caseId: number, report: PathologyFields): PathologyReport {
    const id = writeTransaction(this.db, () => {
      assertCase(this.db, caseId);
      const newId = sql.insertReport(this.db, caseId, columns(report), this.now());
      sql.replaceReportChildren(this.db, newId, report.ihc, report.molecular);
      return newId;
    });
    return this.get(id);
  }

  update(id: number, report: PathologyFields): PathologyReport {
    writeTransaction(this.db, () => {
      if (!sql.updateReport(this.db, id, columns(report), this.now())) {
        throw new DomainError('not-found', `Pathology report ${id} does not exist`);
      }
      sql.replaceReportChildren(this.db, id, report.ihc, report.molecular);
    });
    return this.get(id);
  }

  remove(id: number): void {
    if (!sql.deleteReport(this.db, id)) throw new DomainError('not-found', `Pathology report ${id} does not exist`);
  }
}
