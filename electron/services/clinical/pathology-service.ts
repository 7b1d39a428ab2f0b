import { dayMonthYear } from '../../../shared/dates';
import type { Db } from '../../db/open';
import { fnclccGrade } from '../../../shared/clinical/grading';
import { findHistotype } from '../../../shared/clinical/histotypes';
import { closestOfMargins } from '../../../shared/clinical/specimen';
import {
  PROCEDURE_LABEL,
  type GradeResult,
  type PathologyFields,
  type PathologyReport,
  type ReportProcedure,
} from '../../../shared/domain/pathology';
import { DomainError } from '../errors';
import * as sql from './clinical-sql';
import * as choiceSql from './driving-sql';
import type { Attribution } from '../attribution';
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
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

const newestFirst = (a: PathologyReport, b: PathologyReport) =>
  b.specimenDate.localeCompare(a.specimenDate) ||
  (b.expertReview?.date ?? '').localeCompare(a.expertReview?.date ?? '') ||
  b.id - a.id;

/** The report states what the board reads from it: a histotype (coded or free text) or a grade G1-G3. */
export function statesDiagnosis(r: PathologyReport): boolean {
  return r.histotypeName.trim() !== '' || r.grade.status === 'graded';
}

/**
 * Taken after neoadjuvant therapy and without a G1-G3 grade: FNCLCC is not valid after treatment, so such a report
 * never hides the grade of a pre-treatment specimen (the y prefix of the stage is the staging service's).
 */
const ungradedAfterTherapy = (r: PathologyReport) => r.neoadjuvantTherapy && r.grade.status !== 'graded';
const gradedBeforeTherapy = (r: PathologyReport) => !r.neoadjuvantTherapy && r.grade.status === 'graded';

const count = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);

/** The report the content rule picks (docs/clinical-rules.md#driving-report), with why, and what it passed over. */
function byRule(reports: readonly PathologyReport[]): { report: PathologyReport; reason: string } {
  const sorted = [...reports].sort(newestFirst);
  const stating = sorted.filter(statesDiagnosis);
  // 1. A report that states neither histotype nor grade (a specimen just sent) never drives while another states one.
  let candidates = stating.length ? stating : sorted;
  // 2. After neoadjuvant therapy, an ungraded report does not hide a pre-treatment grade.
  const pretreatmentGrade = candidates.some(gradedBeforeTherapy);
  if (pretreatmentGrade) candidates = candidates.filter((r) => !ungradedAfterTherapy(r));
  // 3. Among the rest: the most recent with an expert review, else the most recent.
  const reviewed = candidates.filter((r) => r.expertReview);
  const d = reviewed[0] ?? candidates[0];
  const why = reviewed.length
    ? `the most recent specimen with an expert review (${d.expertReview!.by}, ${dayMonthYear(d.expertReview!.date)}, ${d.expertReview!.agreement.replace('-', ' ')})`
    : stating.length
      ? 'no report has an expert review yet, so the most recent specimen is used'
      : 'no report states a histotype or a grade yet, so the most recent specimen is used';
  const newer = sorted.filter((r) => r !== d && newestFirst(r, d) < 0);
  const notes: string[] = [];
  const empty = stating.length ? newer.filter((r) => !statesDiagnosis(r)) : [];
  if (empty.length) {
    notes.push(
      `${count(empty.length, `The newer ${lower(describe(empty[0]))} states`, 'newer reports state')} neither histotype ` +
        `nor grade, so ${empty.length === 1 ? 'it does' : 'they do'} not replace this one.`,
    );
  }
  const afterTherapy = pretreatmentGrade ? newer.filter((r) => statesDiagnosis(r) && ungradedAfterTherapy(r)) : [];
  if (afterTherapy.length) {
    notes.push(
      `${count(afterTherapy.length, `The ${lower(describe(afterTherapy[0]))} was`, 'newer reports were')} taken after ` +
        'neoadjuvant therapy and cannot be graded, so the pre-treatment grade stands.',
    );
  }
  const unreviewed = reviewed.length
    ? newer.filter((r) => !r.expertReview && candidates.includes(r) && r.specimenDate > d.specimenDate)
    : [];
  if (unreviewed.length) {
    notes.push(
      `${count(unreviewed.length, 'A newer report is', 'newer reports are')} not used until reviewed by an expert.`,
    );
  }
  return { report: d, reason: `${describe(d)} drives grade and staging: ${why}.${notes.map((n) => ` ${n}`).join('')}` };
}

/**
 * Which report drives grade and staging (issue 4, refined by issue 13 item 2; docs/clinical-rules.md#driving-report):
 * - a report a person chose (with a reason) drives, whatever the rule says;
 * - otherwise, among the reports that state a histotype or a G1-G3 grade (all reports when none does), leaving out
 *   a report taken after neoadjuvant therapy without a G1-G3 grade while a pre-treatment report has one: the most
 *   recent specimen with an expert review; with none reviewed, the most recent specimen (same specimen date: the
 *   later review, then the later entry).
 * The reason names the report, why it drives and which newer reports it passed over.
 */
export function drivingReport(reports: readonly PathologyReport[]): { report: PathologyReport | null; reason: string } {
  if (reports.length === 0)
    return {
      report: null,
      reason: 'No pathology report recorded: grade GX, and no histotype for the work-up checklist.',
    };
  const history = reports.length - 1;
  const tail = history ? ` The other ${history === 1 ? 'report stays' : `${history} reports stay`} as history.` : '';
  const rule = byRule(reports);
  const chosen = reports.find((r) => r.drivingChoice);
  if (chosen?.drivingChoice) {
    const c = chosen.drivingChoice;
    const ruleWould =
      rule.report === chosen
        ? ' The rule picks it too.'
        : ` By the rule, the ${lower(describe(rule.report))} would drive.`;
    return {
      report: chosen,
      reason: `${describe(chosen)} drives grade and staging: chosen by ${c.by} on ${dayMonthYear(c.at)}: ${c.reason.replace(/[.\s]+$/, '')}.${ruleWould}${tail}`,
    };
  }
  return { report: rule.report, reason: `${rule.reason}${tail}` };
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

/**
 * The closest margin as stored: as given, or, when left empty and the margin list gives distances, the nearest
 * margin of the list (an involved one counts as 0 mm). The input schema already refused a given closest margin
 * further than a listed one. Reference: docs/clinical-rules.md#specimen-margins.
 */
export function closestMargin(r: PathologyFields): { mm: number | null; lessThan: boolean } {
  if (r.closestMarginMm !== null) return { mm: r.closestMarginMm, lessThan: r.closestMarginLessThan };
  const nearest = closestOfMargins(r.margins);
  return nearest ? { mm: nearest.distanceMm, lessThan: nearest.lessThan } : { mm: null, lessThan: false };
}

function columns(r: PathologyFields): sql.ReportColumns {
  const histotype = findHistotype(r.histotypeId);
  const closest = closestMargin(r);
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
    closest_margin_mm: closest.mm,
    closest_margin_less_than: closest.lessThan ? 1 : 0,
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

/**
 * Reports of many cases in four queries (reports, IHC, molecular, the users' driving-report choices), oldest
 * specimen first per case. A chosen report carries its `drivingChoice`, so every caller of drivingReport (the case
 * page, readiness, staging, the slides) honours the choice without loading it itself.
 */
export function loadReports(db: Db, caseIds: readonly number[]): Map<number, PathologyReport[]> {
  const out = new Map<number, PathologyReport[]>(caseIds.map((id) => [id, []]));
  const rows = sql.reportsOfCases(db, caseIds);
  if (!rows.length) return out;
  const reportIds = rows.map((r) => r.id);
  const ihc = groupBy(sql.ihcOfReports(db, reportIds), (r) => r.report_id);
  const mol = groupBy(sql.molecularOfReports(db, reportIds), (r) => r.report_id);
  const choices = new Map(choiceSql.choicesOfCases(db, caseIds).map((c) => [c.report_id, c]));
  for (const row of rows) {
    const report = toReport(row, ihc.get(row.id) ?? [], mol.get(row.id) ?? []);
    const choice = choices.get(row.id);
    if (choice && choice.case_id === row.case_id) {
      report.drivingChoice = {
        by: choice.by_name ?? 'a user not on record',
        at: choice.created_at,
        reason: choice.reason,
      };
    }
    out.get(row.case_id)?.push(report);
  }
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

  /**
   * A person chooses the report that drives grade and staging (it wins over the rule until they go back to it, or
   * the report is deleted), or with `reportId` null goes back to the rule. The reason is required when choosing.
   */
  chooseDriving(caseId: number, reportId: number | null, reason: string, by: Attribution): void {
    writeTransaction(this.db, () => {
      assertCase(this.db, caseId);
      if (reportId === null) return choiceSql.clearChoice(this.db, caseId);
      const row = sql.getReport(this.db, reportId);
      if (!row) throw new DomainError('not-found', `Pathology report ${reportId} does not exist`, 'reportId');
      if (row.case_id !== caseId) {
        throw new DomainError('invalid-input', `Pathology report ${reportId} is not a report of this case`, 'reportId');
      }
      const why = reason.trim();
      if (!why) throw new DomainError('invalid-input', 'Say why this report should drive grade and staging', 'reason');
      choiceSql.setChoice(this.db, { caseId, reportId, reason: why, byUserId: by.userId, now: this.now() });
    });
  }

  remove(id: number): void {
    if (!sql.deleteReport(this.db, id)) throw new DomainError('not-found', `Pathology report ${id} does not exist`);
  }
}
