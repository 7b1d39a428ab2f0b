import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/host/dispatch';
import { requestBody } from '../../../electron/host/body';
import { handlersFor } from '../../../electron/host/handlers';
import { answerMedia } from '../../../electron/host/media';
import { createServices } from '../../../electron/host/services';
import type { Channel } from '../../../shared/contract/channels';
import type { Role } from '../../../shared/auth/roles';
import { caseInput } from '../helpers/case-input';
import { RESOURCES_DIR } from '../helpers/temp';
import { caseWithCt, PNG_1X1 } from '../imaging/fixtures';

/**
 * Issue 12 item 3: every attributable act records the signed-in user, never a typed or remembered name. Each act
 * below goes through the dispatcher as a real signed-in user, and the audit trail's rows for it carry that user's
 * id, username and session, with the row as it was before and after.
 */

interface AuditRow {
  id: number;
  user_id: number | null;
  actor: string;
  session_id: number | null;
  action: string;
  entity: string;
  entity_id: string;
  patient_id: number | null;
  before_json: string | null;
  after_json: string | null;
}

const PASSWORD = 'attribution-pass-1';

async function setup() {
  const base = await caseWithCt();
  const services = createServices({ db: base.db, dataDir: base.dataDir, resourcesDir: RESOURCES_DIR, version: 't' });
  const handlers = handlersFor(services);
  const people = {} as Record<'presenter' | 'coordinator' | 'chair', { id: number; token: string; sessionId: number }>;
  for (const role of ['presenter', 'coordinator', 'chair'] as const) {
    const user = await services.auth.create({
      username: `${role}-1`,
      displayName: `Dr ${role[0].toUpperCase()}${role.slice(1)}`,
      role,
      password: PASSWORD,
    });
    const { session } = await services.auth.signIn(`${role}-1`, PASSWORD);
    people[role] = { id: user.id, token: session, sessionId: services.auth.resolve(session)!.actor.sessionId! };
  }
  let mark = 0;
  return {
    ...base,
    services,
    people,
    /** Calls a channel as that user; the act must succeed. */
    async as<T = Record<string, unknown>>(role: keyof typeof people, channel: Channel, input: unknown): Promise<T> {
      const result = await dispatch(handlers, channel, input, { gate: services.auth, token: people[role].token });
      if (!result.ok) throw new Error(`${channel} as ${role}: ${result.error.code}: ${result.error.message}`);
      return result.value as T;
    },
    /** The audit rows written since the last call. */
    newRows(): AuditRow[] {
      const rows = base.db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').all(mark) as AuditRow[];
      mark = rows.at(-1)?.id ?? mark;
      return rows;
    },
    mediaPut: (url: string, body: Buffer) =>
      answerMedia(services, 'PUT', new URL(url, 'http://127.0.0.1/'), requestBody(Readable.from([body]))),
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** The one row for `entity` and `action` among `rows`, attributed to `role`'s user and session. */
function rowBy(s: Setup, rows: AuditRow[], role: Role & keyof Setup['people'], action: string, entity: string) {
  const matching = rows.filter((r) => r.action === action && r.entity === entity);
  expect(matching, `${action} ${entity}`).not.toHaveLength(0);
  for (const row of matching)
    expect(row, `${action} ${entity}`).toMatchObject({
      user_id: s.people[role].id,
      actor: `${role}-1`,
      session_id: s.people[role].sessionId,
    });
  const row = matching[matching.length - 1];
  return {
    row,
    before: row.before_json === null ? null : (JSON.parse(row.before_json) as Record<string, unknown>),
    after: row.after_json === null ? null : (JSON.parse(row.after_json) as Record<string, unknown>),
  };
}

describe('every attributable act records the signed-in user', { timeout: 120_000 }, () => {
  it('case edits, readiness, imaging, key images, agenda and decisions: user, session, before and after', async () => {
    const s = await setup();
    s.newRows();

    // A case created and edited by the coordinator.
    const created = await s.as<{ id: number; version: number }>(
      'coordinator',
      'cases:create',
      caseInput({ patient: { mrn: 'ATTR-1' } }),
    );
    let rows = s.newRows();
    expect(rowBy(s, rows, 'coordinator', 'create', 'patients').after).toMatchObject({ mrn: 'ATTR-1' });
    expect(rowBy(s, rows, 'coordinator', 'create', 'cases')).toMatchObject({
      before: null,
      after: { board_question: 'Neoadjuvant radiotherapy?' },
    });
    await s.as('coordinator', 'cases:update', {
      id: created.id,
      version: created.version,
      fields: caseInput({ patient: { mrn: 'ATTR-1' }, boardQuestion: 'Surgery first?' }),
    });
    expect(rowBy(s, s.newRows(), 'coordinator', 'change', 'cases')).toMatchObject({
      row: { entity_id: String(created.id) },
      before: { board_question: 'Neoadjuvant radiotherapy?' },
      after: { board_question: 'Surgery first?' },
    });

    // A readiness tick by the presenter: the record names them, not a typed name.
    const tick = await s.as('presenter', 'readiness:tick', {
      caseId: created.id,
      tick: { item: 'chest-ct', date: '2026-11-20', note: 'Outside CT' },
    });
    expect(tick).toMatchObject({ by: 'Dr Presenter' });
    expect(rowBy(s, s.newRows(), 'presenter', 'create', 'readiness_ticks').after).toMatchObject({
      item: 'chest-ct',
      ticked_by: 'Dr Presenter',
      ticked_by_user_id: s.people.presenter.id,
    });

    // Ready despite missing items, overridden by the coordinator.
    const marked = await s.as<{ override: { by: string } }>('coordinator', 'cases:markReady', {
      caseId: created.id,
      meetingDate: '2026-12-10',
      override: { why: 'Urgent: growing mass' },
    });
    expect(marked.override.by).toBe('Dr Coordinator');
    rows = s.newRows();
    expect(rowBy(s, rows, 'coordinator', 'create', 'ready_overrides').after).toMatchObject({
      by_whom: 'Dr Coordinator',
      by_user_id: s.people.coordinator.id,
      why: 'Urgent: growing mass',
    });
    expect(rowBy(s, rows, 'coordinator', 'change', 'cases')).toMatchObject({
      before: { status: 'draft' },
      after: { status: 'ready' },
    });

    // A study in the image index, attached to the case by the coordinator.
    s.db
      .prepare(
        `INSERT INTO dicom_studies (study_instance_uid, case_id, study_date, modalities_in_study, created_at)
         VALUES ('9.9.9.1', NULL, '2026-11-02', 'CT', 'now')`,
      )
      .run();
    s.newRows();
    await s.as('coordinator', 'imaging:attachStudy', { studyInstanceUid: '9.9.9.1', caseId: created.id });
    expect(rowBy(s, s.newRows(), 'coordinator', 'change', 'dicom_studies')).toMatchObject({
      row: { patient_id: expect.any(Number) },
      before: { study_instance_uid: '9.9.9.1', case_id: null },
      after: { case_id: created.id },
    });

    // A key image kept and removed by the presenter, on the imported CT.
    expect(await s.mediaPut('/media/renders/attr-render-1.png', PNG_1X1)).toMatchObject({ status: 201 });
    const key = await s.as<{ id: number }>('presenter', 'keyImages:create', {
      caseId: s.caseId,
      sopInstanceUid: s.sops[3],
      frame: 0,
      caption: 'Mass, axial',
      view: { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } },
      annotations: [],
      renderToken: 'attr-render-1',
    });
    expect(rowBy(s, s.newRows(), 'presenter', 'create', 'key_images').after).toMatchObject({
      caption: 'Mass, axial',
      sop_instance_uid: s.sops[3],
    });
    await s.as('presenter', 'keyImages:remove', { id: key.id });
    expect(rowBy(s, s.newRows(), 'presenter', 'delete', 'key_images')).toMatchObject({
      row: { entity_id: String(key.id) },
      before: { caption: 'Mass, axial' },
      after: null,
    });

    // A meeting and its agenda, by the coordinator.
    const meeting = await s.as<{ id: number }>('coordinator', 'meetings:create', {
      title: 'Sarcoma MDT',
      startsAt: '2026-12-10T13:00',
      durationMinutes: 90,
    });
    expect(rowBy(s, s.newRows(), 'coordinator', 'create', 'meetings').after).toMatchObject({ title: 'Sarcoma MDT' });
    const agenda = await s.as<{ items: { id: number; caseId: number }[] }>('coordinator', 'agenda:add', {
      meetingId: meeting.id,
      caseIds: [created.id],
      presenter: 'Dr Presenter',
    });
    expect(rowBy(s, s.newRows(), 'coordinator', 'create', 'agenda_items').after).toMatchObject({
      case_id: created.id,
      meeting_id: meeting.id,
    });
    const itemId = agenda.items.find((i) => i.caseId === created.id)!.id;

    // The decision, recorded and signed off by the chair.
    const saved = await s.as<{ version: number }>('chair', 'decisions:save', {
      itemId,
      version: 0,
      decision: { outcome: 'deferred', outcomeReason: 'Awaiting the biopsy' },
    });
    expect(rowBy(s, s.newRows(), 'chair', 'create', 'decisions').after).toMatchObject({
      outcome: 'deferred',
      outcome_reason: 'Awaiting the biopsy',
    });
    // The sign-off input belongs to the sign-off work (attendance, quorum); what matters here is who it is logged as.
    await s.as('chair', 'decisions:signOff', {
      itemId,
      version: saved.version,
      noQuorumReason: 'Quorum is not what this test is about',
    });
    const signed = rowBy(s, s.newRows(), 'chair', 'change', 'decisions');
    expect(signed.before).toMatchObject({ outcome: 'deferred' });
    expect(signed.after).not.toEqual(signed.before);
  });

  it('a refused act writes nothing, and what it would have changed stays as it was', async () => {
    const s = await setup();
    s.newRows();
    const viewer = await s.services.auth.create({
      username: 'viewer-1',
      displayName: 'Vi Ewer',
      role: 'viewer',
      password: PASSWORD,
    });
    const { session } = await s.services.auth.signIn('viewer-1', PASSWORD);
    s.newRows();
    const handlers = handlersFor(s.services);
    const result = await dispatch(
      handlers,
      'readiness:tick',
      { caseId: s.caseId, tick: { item: 'chest-ct', date: '2026-11-20' } },
      { gate: s.services.auth, token: session },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(s.newRows()).toEqual([]);
    expect(s.db.prepare('SELECT count(*) FROM readiness_ticks').pluck().get()).toBe(0);
    expect(viewer.role).toBe('viewer');
  });
});
