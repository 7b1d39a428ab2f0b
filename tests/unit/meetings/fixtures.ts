import type { z } from 'zod';
import { openDatabase, type Db } from '../../../electron/db/open';
import type { Call } from '../../../electron/host/dispatch';
import { meetingHandlers } from '../../../electron/host/handlers/meetings';
import type { SessionInfo } from '../../../electron/services/auth/auth-service';
import type { Role } from '../../../shared/auth/roles';
import { callerAs } from '../helpers/caller';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { createClinicalServices, type ClinicalServices } from '../../../electron/services/clinical';
import { DomainError } from '../../../electron/services/errors';
import { createMeetingsServices, type MeetingsServices } from '../../../electron/services/meetings';
import { meetingsContract, type MeetingsChannel } from '../../../shared/contract/meetings';
import { CaseInput } from '../../../shared/domain/case';
import { MeetingInput, type MeetingInput as MeetingInputType } from '../../../shared/domain/meeting';
import { caseInput, type CaseOverrides } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

export interface Setup {
  db: Db;
  dataDir: string;
  cases: CasesService;
  clinical: ClinicalServices;
  m: MeetingsServices;
  newCase(overrides?: CaseOverrides): number;
  /** A meeting of the sarcoma board; tests change what they are about. */
  newMeeting(overrides?: Partial<MeetingInputType>): number;
}

/** A meeting as the contract parses it. */
export function meetingFields(overrides: Partial<MeetingInputType> = {}) {
  return MeetingInput.parse({ title: 'Sarcoma MDT', startsAt: '2026-12-10T13:00', durationMinutes: 90, ...overrides });
}

let mrn = 0;
/**
 * A fresh data folder with the meetings services on a clock that moves one second per reading, starting on
 * 2026-11-01 (so a December meeting is upcoming and an October one is past, in any time zone).
 */
export function setup(): Setup {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  const cases = new CasesService(db);
  let tick = 0;
  const now = () => new Date(Date.UTC(2026, 10, 1, 9, 0, tick++)).toISOString();
  const clinical = createClinicalServices(db, now);
  const m = createMeetingsServices(db, { clinical, now });
  return {
    db,
    dataDir,
    cases,
    clinical,
    m,
    newCase: (overrides = {}) =>
      cases.create(CaseInput.parse(caseInput({ ...overrides, patient: { mrn: `M-${++mrn}`, ...overrides.patient } })))
        .id,
    newMeeting: (overrides = {}) => m.meetings.create(meetingFields(overrides)).id,
  };
}

/** JSON with the keys of every object sorted, to compare values whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

type In<C extends MeetingsChannel> = z.input<(typeof meetingsContract)[C]['input']>;
type Out<C extends MeetingsChannel> = z.output<(typeof meetingsContract)[C]['output']>;
export type Answer<T> = { ok: true; value: T } | { ok: false; code: string; message: string; field?: string };

/**
 * A signed-in session named `displayName` (a chair unless said otherwise), with no users row (userId null in the
 * actor, so nothing references it): who the meetings tests sign off and amend as.
 */
export function sessionAs(displayName = 'Dr Chair', role: Role = 'chair'): SessionInfo {
  const session = callerAs(role).gate.resolve('test')!;
  return { ...session, user: { ...session.user, displayName }, actor: { ...session.actor, displayName } };
}

/**
 * What dispatch does for a registered channel (host/dispatch.ts): validate the input against the contract, run the
 * handler as `session` (rights are dispatch's: tests/unit/meetings/sign-off.test.ts goes through it), validate the
 * output (and check nothing was stripped by it), turn a DomainError into a failed answer.
 */
export function caller(m: MeetingsServices) {
  const handlers = meetingHandlers({ meetings: m });
  return async function call<C extends MeetingsChannel>(
    channel: C,
    input: In<C>,
    session: SessionInfo = sessionAs(),
  ): Promise<Answer<Out<C>>> {
    const spec = meetingsContract[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, code: 'invalid-input', message: issue.message, field: issue.path.map(String).join('.') };
    }
    try {
      const value = await (handlers[channel] as (i: unknown, c: Call) => unknown)(parsed.data, {
        session,
        token: 'test',
      });
      const checked = spec.output.parse(value) as Out<C>;
      // The output schema must describe every field the service answers with (dispatch would drop the others).
      if (canonical(checked) !== canonical(value))
        throw new Error(`${channel}: the output schema drops or changes fields`);
      return { ok: true, value: checked };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message, field: err.field };
      throw err;
    }
  };
}

/** Raw rows for a key image (an imported instance and its key image), without files. */
export function insertKeyImages(
  db: Db,
  caseId: number,
  count: number,
  caption = (i: number) => `Axial CT ${i + 1}`,
): number[] {
  const importId = Number(
    db.prepare("INSERT INTO dicom_imports (started_at, status) VALUES ('2026-10-02T10:00:00Z', 'done')").run()
      .lastInsertRowid,
  );
  const uid = `1.2.826.0.1.${caseId}.${importId}`;
  const studyId = Number(
    db
      .prepare(
        "INSERT INTO dicom_studies (study_instance_uid, case_id, study_date, study_description, modalities_in_study, created_at) VALUES (?, ?, '2026-10-02', 'CT chest abdomen pelvis', 'CT', 'now')",
      )
      .run(uid, caseId).lastInsertRowid,
  );
  const seriesId = Number(
    db
      .prepare(
        "INSERT INTO dicom_series (series_instance_uid, study_id, modality, series_number, series_description) VALUES (?, ?, 'CT', 1, 'Axial 5 mm')",
      )
      .run(`${uid}.1`, studyId).lastInsertRowid,
  );
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const sop = `${uid}.1.${i + 1}`;
    db.prepare(
      `INSERT INTO dicom_instances (sop_instance_uid, sop_class_uid, series_id, instance_number, transfer_syntax_uid, file_hash, file_size,
         stored_path, imported_at, import_id)
       VALUES (?, '1.2.840.10008.5.1.4.1.1.2', ?, ?, '1.2.840.10008.1.2.1', ?, 1, 'images/x.dcm', 'now', ?)`,
    ).run(sop, seriesId, i + 1, String(i).padStart(64, '0'), importId);
    const annotations = [
      {
        id: `a${i}`,
        tool: 'bidirectional',
        sopInstanceUid: sop,
        frame: 0,
        handles: {},
        values: { unit: 'mm', spacingSource: 'PixelSpacing', long: 42.14, short: 20 },
      },
    ];
    ids.push(
      Number(
        db
          .prepare(
            `INSERT INTO key_images (case_id, sop_instance_uid, frame, caption, view_json, annotations_json, render_path, position, created_at)
             VALUES (?, ?, 0, ?, '{}', ?, ?, ?, 'now')`,
          )
          .run(caseId, sop, caption(i), JSON.stringify(annotations), `renders/${i}.png`, i + 1).lastInsertRowid,
      ),
    );
  }
  return ids;
}
