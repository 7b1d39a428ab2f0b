import type { z } from 'zod';
import { openDatabase, type Db } from '../../../electron/db/open';
import { clinicalHandlers } from '../../../electron/host/handlers/clinical';
import type { Call } from '../../../electron/host/dispatch';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { createClinicalServices, type ClinicalServices } from '../../../electron/services/clinical';
import { DomainError } from '../../../electron/services/errors';
import { clinicalContract, type ClinicalChannel } from '../../../shared/contract/clinical';
import { CaseInput } from '../../../shared/domain/case';
import { PathologyInput, type PathologyReport } from '../../../shared/domain/pathology';
import { caseInput, type CaseOverrides } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';
import { CHAIR } from '../helpers/caller';

export const MEETING = '2026-12-10';

export interface Setup {
  db: Db;
  dataDir: string;
  clinical: ClinicalServices;
  cases: CasesService;
  newCase(overrides?: CaseOverrides): number;
}

let mrn = 0;
export function setup(): Setup {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  const cases = new CasesService(db);
  let tick = 0;
  // A clock that moves, so "most recent" is never a tie by accident.
  const now = () => new Date(Date.UTC(2026, 10, 1, 0, 0, tick++)).toISOString();
  return {
    db,
    dataDir,
    cases,
    clinical: createClinicalServices(db, now),
    newCase: (overrides = {}) =>
      cases.create(CaseInput.parse(caseInput({ ...overrides, patient: { mrn: `C-${++mrn}`, ...overrides.patient } })))
        .id,
  };
}

/** A valid pathology report (the contract's parsed form); tests change what they are about. */
export function report(overrides: Partial<PathologyInput> = {}) {
  return PathologyInput.parse({ procedure: 'core-needle-biopsy', specimenDate: '2026-10-08', ...overrides });
}

/** An imported study attached to a case, as the DICOM import writes it (rows only, no image files). */
export function insertStudy(
  db: Db,
  caseId: number | null,
  study: {
    uid: string;
    date: string | null;
    description?: string;
    bodyPart?: string;
    series: { modality: string; description?: string; bodyPart?: string }[];
  },
): void {
  const modalities = [...new Set(study.series.map((s) => s.modality))].join('\\');
  const id = Number(
    db
      .prepare(
        `INSERT INTO dicom_studies (study_instance_uid, case_id, study_date, study_description, modalities_in_study, body_part, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'now')`,
      )
      .run(study.uid, caseId, study.date, study.description ?? null, modalities, study.bodyPart ?? null)
      .lastInsertRowid,
  );
  study.series.forEach((s, i) =>
    db
      .prepare(
        'INSERT INTO dicom_series (series_instance_uid, study_id, modality, series_number, series_description, body_part_examined) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(`${study.uid}.${i + 1}`, id, s.modality, i + 1, s.description ?? null, s.bodyPart ?? null),
  );
}

type In<C extends ClinicalChannel> = z.input<(typeof clinicalContract)[C]['input']>;
type Out<C extends ClinicalChannel> = z.output<(typeof clinicalContract)[C]['output']>;
export type Answer<T> = { ok: true; value: T } | { ok: false; code: string; message: string; field?: string };

/**
 * What dispatch does for a registered channel (host/dispatch.ts): validate the input against the contract, run the
 * handler, validate the output, turn a DomainError into a failed answer. Lets the clinical slice be exercised before
 * its channels are registered in shared/contract/channels.ts.
 */
export function caller(clinical: ClinicalServices) {
  const handlers = clinicalHandlers({ clinical });
  return async function call<C extends ClinicalChannel>(channel: C, input: In<C>): Promise<Answer<Out<C>>> {
    const spec = clinicalContract[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, code: 'invalid-input', message: issue.message, field: issue.path.map(String).join('.') };
    }
    try {
      // Signed in as the stand-in chair ("Test chair"): ticks and overrides are recorded under that name.
      const call: Call = { session: CHAIR.gate.resolve(CHAIR.token), token: CHAIR.token };
      const value = await (handlers[channel] as (i: unknown, c: Call) => unknown)(parsed.data, call);
      return { ok: true, value: spec.output.parse(value) as Out<C> };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message, field: err.field };
      throw err;
    }
  };
}

/** The editable fields of a stored report, to send back with changes. */
export function editable(r: PathologyReport): Partial<PathologyInput> {
  const {
    id: _id,
    caseId: _caseId,
    coded: _coded,
    histotypeName: _name,
    grade: _grade,
    createdAt: _c,
    updatedAt: _u,
    ...fields
  } = r;
  return fields;
}
