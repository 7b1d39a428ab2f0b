import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { assessChoi, assessRecist, explainRecist } from '../../../shared/clinical/response';
import { dayMonthYear } from '../../../shared/dates';
import {
  ResponseView,
  TrackedLesion,
  type LesionRole,
  type NonTargetStatus,
  type ResponseTimepoint,
  type TrackedMeasurement,
} from '../../../shared/domain/response';
import { DomainError } from '../errors';
import * as sql from './tracking-sql';

/**
 * Lesions tracked across the studies of a patient, and their response by RECIST 1.1 and Choi
 * (docs/clinical-rules.md#lesion-tracking). Rules of this file:
 * - The baseline is the first study date at which every target lesion has its RECIST diameter (long axis, short
 *   axis for a node): before that the sum would leave a lesion out. Dates before it are noted and not assessed.
 * - The nadir of a time point is the smallest sum from the baseline up to the time point before it.
 * - A target lesion without a diameter at a later date makes that date's sum, and so its RECIST response, NE.
 * - Choi uses the sum of the target lesions' long axes (nodes included) and the mean of their ellipses' mean HU,
 *   each only when every target lesion has it at that date.
 * - When the patient has non-target lesions and no status was recorded for a date, the table uses NE (RECIST:
 *   not assessed), which turns a target CR into an overall PR and changes nothing else.
 * - Two measurements of one tracked lesion at one date (two episodes measuring the same study): the later row
 *   counts, and a note says so.
 */

const mmOf = (cm: number | null) => (cm === null ? null : Math.round(cm * 1000) / 100);
const round = (n: number) => Math.round(n * 100) / 100;
const words = (n: number) => `${round(n)}`;

function toTracked(r: sql.TrackedLesionRow): TrackedLesion {
  return TrackedLesion.parse({
    id: r.id,
    patientId: r.patient_id,
    name: r.name,
    role: r.role,
    isNode: r.is_node === 1,
    note: r.note,
  });
}

function toMeasurement(r: sql.TrackedMeasurementRow, isNode: boolean): TrackedMeasurement {
  const longMm = mmOf(r.long_cm);
  const shortMm = mmOf(r.short_cm);
  return {
    lesionRowId: r.id,
    caseId: r.case_id,
    studyDate: r.study_date,
    studyInstanceUid: r.study_instance_uid,
    longMm,
    shortMm,
    meanHu: r.mean_hu,
    recistMm: isNode ? shortMm : longMm,
    source: r.source,
  };
}

interface AtDate {
  sumMm: number | null;
  choiSizeMm: number | null;
  meanHu: number | null;
  residualNodesOnly: boolean;
}

/** The ResponseView of a patient, from rows: pure apart from reading them. */
export function buildResponseView(
  patientId: number,
  trackedRows: sql.TrackedLesionRow[],
  measurementRows: sql.TrackedMeasurementRow[],
  timepointRows: sql.TimepointRow[],
): ResponseView {
  const notes: string[] = [];
  const tracked = trackedRows.map(toTracked);
  const lesions = tracked
    .map((t) => ({
      ...t,
      measurements: measurementRows.filter((m) => m.tracked_lesion_id === t.id).map((m) => toMeasurement(m, t.isNode)),
    }))
    .filter((l) => l.measurements.length > 0);
  const undated = lesions.flatMap((l) => l.measurements.filter((m) => m.studyDate === null).map(() => l.name));
  for (const name of new Set(undated)) notes.push(`'${name}' has a measurement without a study date: not used.`);

  // One measurement per lesion and date: the later row (rows come ordered by date, then id).
  const at = new Map<number, Map<string, TrackedMeasurement>>();
  for (const l of lesions) {
    const byDate = new Map<string, TrackedMeasurement>();
    for (const m of l.measurements) {
      if (m.studyDate === null) continue;
      if (byDate.has(m.studyDate))
        notes.push(`'${l.name}' is measured twice on ${dayMonthYear(m.studyDate)}: the later entry is used.`);
      byDate.set(m.studyDate, m);
    }
    at.set(l.id, byDate);
  }

  const targets = lesions.filter((l) => l.role === 'target');
  const hasNonTarget = lesions.some((l) => l.role === 'non-target');
  const recorded = new Map(timepointRows.map((t) => [t.study_date, t]));
  const dates = [
    ...new Set([...lesions.flatMap((l) => [...at.get(l.id)!.keys()]), ...timepointRows.map((t) => t.study_date)]),
  ].sort();

  const valuesAt = (date: string): AtDate => {
    const ms = targets.map((t) => ({ t, m: at.get(t.id)!.get(date) }));
    const all = <T>(f: (m: TrackedMeasurement) => T | null): T[] | null => {
      const vs = ms.map(({ m }) => (m ? f(m) : null));
      return targets.length > 0 && vs.every((v) => v !== null) ? (vs as T[]) : null;
    };
    const recist = all((m) => m.recistMm);
    const longs = all((m) => m.longMm);
    const hus = all((m) => m.meanHu);
    const sumMm = recist && round(recist.reduce((a, b) => a + b, 0));
    return {
      sumMm,
      choiSizeMm: longs && round(longs.reduce((a, b) => a + b, 0)),
      meanHu: hus && round(hus.reduce((a, b) => a + b, 0) / hus.length),
      // RECIST 1.1: target nodes under 10 mm short axis are normal; CR although they stay in the sum.
      residualNodesOnly:
        sumMm !== null && sumMm > 0 && ms.every(({ t, m }) => (t.isNode ? m!.recistMm! < 10 : m!.recistMm === 0)),
    };
  };

  const values = new Map(dates.map((d) => [d, valuesAt(d)]));
  const baselineDate = dates.find((d) => values.get(d)!.sumMm !== null) ?? null;
  if (targets.length === 0 && lesions.length > 0)
    notes.push('No target lesion: mark the lesions to sum as targets to assess the response.');
  else if (lesions.length > 0 && baselineDate === null)
    notes.push('No baseline yet: no study date has every target lesion measured.');

  const missing = (date: string) =>
    targets.filter((t) => at.get(t.id)!.get(date)?.recistMm == null).map((t) => `'${t.name}'`);
  const timepoints: ResponseTimepoint[] = [];
  let nadir: { date: string; sum: number } | null = null;
  let currentNadirDate: string | null = null;
  for (const date of dates) {
    const v = values.get(date)!;
    const rec = recorded.get(date);
    const common = {
      studyDate: date,
      sumMm: v.sumMm,
      meanHu: v.meanHu,
      nonTarget: rec?.non_target ?? null,
      newLesions: rec?.new_lesions === 1,
      note: rec?.note ?? '',
    };
    if (baselineDate === null) {
      timepoints.push({ ...common, recist: null, choi: null, explanation: 'No baseline: not assessed.' });
      continue;
    }
    if (date < baselineDate) {
      notes.push(`${dayMonthYear(date)} is before the baseline (not every target lesion measured): not assessed.`);
      continue;
    }
    if (date === baselineDate) {
      nadir = { date, sum: v.sumMm! };
      timepoints.push({
        ...common,
        recist: null,
        choi: null,
        explanation: `Baseline: sum ${words(v.sumMm!)} mm, the first study with every target lesion measured.`,
      });
      continue;
    }
    const base = values.get(baselineDate)!;
    const nonTarget: NonTargetStatus | null = common.nonTarget ?? (hasNonTarget ? 'NE' : null);
    const input = {
      baseline: base.sumMm,
      nadir: nadir!.sum,
      current: v.sumMm,
      nonTarget,
      newLesions: common.newLesions,
      residualNodesOnly: v.residualNodesOnly,
    };
    const recist = assessRecist(input);
    const choi = assessChoi({
      baselineSizeMm: base.choiSizeMm,
      currentSizeMm: v.choiSizeMm,
      baselineHu: base.meanHu,
      currentHu: v.meanHu,
      newLesions: common.newLesions,
    });
    const gaps = v.sumMm === null ? missing(date) : [];
    if (gaps.length) notes.push(`${gaps.join(', ')} not measured on ${dayMonthYear(date)}: RECIST not evaluable.`);
    const unrecorded = hasNonTarget && common.nonTarget === null ? ' Non-target status not recorded: taken as NE.' : '';
    timepoints.push({
      ...common,
      recist: {
        ...recist,
        changeFromBaselinePct: recist.changeFromBaselinePct === null ? null : round(recist.changeFromBaselinePct),
        changeFromNadirPct: recist.changeFromNadirPct === null ? null : round(recist.changeFromNadirPct),
      },
      choi: { response: choi.response },
      explanation: `RECIST 1.1: ${explainRecist(input, recist)}${unrecorded} Choi: ${choi.reason}.`,
    });
    currentNadirDate = nadir!.date;
    if (v.sumMm !== null && v.sumMm < nadir!.sum) nadir = { date, sum: v.sumMm };
  }
  const current = baselineDate && timepoints.length > 1 ? timepoints[timepoints.length - 1] : null;
  return ResponseView.parse({
    patientId,
    lesions,
    timepoints,
    baselineDate,
    nadirDate: current ? currentNadirDate : baselineDate,
    current,
    notes,
  });
}

function patientOf(db: Db, caseId: number): number {
  const patientId = sql.patientOfCase(db, caseId);
  if (patientId === undefined) throw new DomainError('not-found', `Case ${caseId} does not exist`);
  return patientId;
}

/** The lesion-tracking view of a case's patient (all episodes): the Imaging tab's table and the Response slide. */
export function responseViewForCase(db: Db, caseId: number): ResponseView {
  const patientId = patientOf(db, caseId);
  return buildResponseView(
    patientId,
    sql.listTrackedLesions(db, patientId),
    sql.listTrackedMeasurements(db, patientId),
    sql.listTimepoints(db, patientId),
  );
}

export interface TrackedLesionChange {
  id: number;
  name?: string;
  role?: LesionRole;
  isNode?: boolean;
  note?: string;
}

export interface TimepointInput {
  studyDate: string;
  nonTarget: NonTargetStatus | null;
  newLesions: boolean;
  note: string;
}

export class TrackingService {
  constructor(
    private readonly db: Db,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  view(caseId: number): ResponseView {
    return responseViewForCase(this.db, caseId);
  }

  /** Name, role (target or non-target) and node-ness of a tracked lesion; a name stays unique per patient. */
  setTrackedLesion(change: TrackedLesionChange): TrackedLesion {
    return writeTransaction(this.db, () => {
      const row = sql.getTrackedLesion(this.db, change.id);
      if (!row) throw new DomainError('not-found', `Tracked lesion ${change.id} does not exist`);
      const name = change.name?.trim() ?? row.name;
      const same = sql.findTrackedLesionByName(this.db, row.patient_id, name);
      if (same && same.id !== row.id)
        throw new DomainError('conflict', `The patient already has a tracked lesion named '${same.name}'`, 'name');
      sql.updateTrackedLesion(this.db, row.id, {
        name,
        role: change.role ?? row.role,
        is_node: change.isNode === undefined ? row.is_node : change.isNode ? 1 : 0,
        note: change.note ?? row.note,
      });
      return toTracked(sql.getTrackedLesion(this.db, row.id)!);
    });
  }

  /** What the sums cannot say at a study date: non-target status and new lesions (per patient). */
  setTimepoint(caseId: number, input: TimepointInput, byUserId: number | null): ResponseView {
    writeTransaction(this.db, () => {
      sql.upsertTimepoint(this.db, {
        patient_id: patientOf(this.db, caseId),
        study_date: input.studyDate,
        non_target: input.nonTarget,
        new_lesions: input.newLesions ? 1 : 0,
        note: input.note,
        by_user_id: byUserId,
        updated_at: this.now(),
      });
    });
    return this.view(caseId);
  }
}
