import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { dispatch } from '../../../electron/host/dispatch';
import { handlersFor } from '../../../electron/host/handlers';
import { createServices } from '../../../electron/host/services';
import { DomainError } from '../../../electron/services/errors';
import { NOT_GIVEN, ReferralsService } from '../../../electron/services/referrals/referrals-service';
import { ReferralInput, type ReferralInput as ReferralInputType } from '../../../shared/domain/referral';
import { callerAs } from '../helpers/caller';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';
import { setup as meetingsSetup } from '../meetings/fixtures';

const COMPLETE = {
  'working-diagnosis': 'Suspected myxoid liposarcoma',
  'tumour-site': 'Right thigh, deep',
  'clinical-history': 'Painless mass for 3 months.',
  'imaging-available': 'MRI at Northgate, 2 Nov',
  'histology-available': 'Core biopsy pending',
};

let mrn = 0;
const referral = (overrides: Partial<ReferralInputType> = {}) =>
  ReferralInput.parse({
    referrerName: 'Dr R. Referrer',
    referrerContact: 'r.referrer@northgate.example',
    referringHospital: 'Northgate General',
    urgency: 'soon',
    question: 'Diagnosis and management?',
    patient: { familyName: 'Lark', givenNames: 'Mina', mrn: `R-${++mrn}`, dateOfBirth: '1970-03-04', sex: 'female' },
    dataset: COMPLETE,
    ...overrides,
  });

/** The meetings fixtures plus a referrals service whose wall clock the test sets. */
function setup() {
  const s = meetingsSetup();
  const clock = { local: '2026-12-01T09:00' };
  const referrals = new ReferralsService({ db: s.db, cases: s.cases, agenda: s.m.agenda, localNow: () => clock.local });
  return { ...s, clock, referrals };
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, message: err.message, field: err.field };
    throw err;
  }
  throw new Error('not refused');
};

describe('referrals', () => {
  it("flags a referral received after the next meeting's cut-off, not one received at it (board defaults)", () => {
    const s = setup();
    // No board row for 'sarcoma': BOARD_DEFAULTS, 2 days before at 12:00 -> 8 Dec 12:00 for the 10 Dec meeting.
    const meetingId = s.newMeeting({ startsAt: '2026-12-10T13:00' });
    s.clock.local = '2026-12-08T12:00';
    const onTime = s.referrals.create(referral());
    expect(onTime).toMatchObject({ status: 'triage', late: false, receivedAt: '2026-12-08T12:00' });
    expect(onTime.meeting).toMatchObject({ id: meetingId, cutoff: '2026-12-08T12:00' });
    s.clock.local = '2026-12-08T12:01';
    const late = s.referrals.create(referral());
    expect(late).toMatchObject({ late: true, meeting: { id: meetingId } });
  });

  it("uses the meeting's own submission cut-off over the board's rule", () => {
    const s = setup();
    s.newMeeting({ startsAt: '2026-12-10T13:00', submissionCutoff: '2026-12-09T09:00' });
    s.clock.local = '2026-12-08T15:00';
    expect(s.referrals.create(referral()).late).toBe(false);
    s.clock.local = '2026-12-09T09:01';
    expect(s.referrals.create(referral()).late).toBe(true);
  });

  it("lists what is missing of the board's minimum dataset and fills the case from the referral", () => {
    const s = setup();
    const r = s.referrals.create(referral({ dataset: { 'working-diagnosis': 'Sarcoma?', ecog: '1' } }));
    expect(r.missing).toEqual(['tumour-site', 'clinical-history', 'imaging-available', 'histology-available']);
    const c = s.cases.get(r.caseId!);
    expect(c).toMatchObject({
      workingDiagnosis: 'Sarcoma?',
      tumourSite: NOT_GIVEN,
      consultantName: 'Dr R. Referrer',
      boardQuestion: 'Diagnosis and management?',
      ecog: 1,
      status: 'draft',
    });
    expect(s.referrals.create(referral()).missing).toEqual([]);
  });

  it('accepting puts the case on the chosen meeting (the next one for a late referral)', () => {
    const s = setup();
    const thisOne = s.newMeeting({ startsAt: '2026-12-10T13:00' });
    const next = s.newMeeting({ startsAt: '2026-12-17T13:00' });
    s.clock.local = '2026-12-09T10:00';
    const r = s.referrals.create(referral());
    expect(r.late).toBe(true);
    expect(r.choices.map((m) => m.id)).toEqual([thisOne, next]);
    const accepted = s.referrals.accept(
      { id: r.id, version: r.version, meetingId: next, confirmIncomplete: false },
      null,
    );
    expect(accepted).toMatchObject({ status: 'accepted', meeting: { id: next }, late: true });
    expect(s.m.meetings.get(next).items.map((i) => i.caseId)).toEqual([r.caseId]);
    expect(s.m.meetings.get(thisOne).items).toEqual([]);
    // Decided once only.
    expect(
      refusal(() =>
        s.referrals.accept({ id: r.id, version: accepted.version, meetingId: thisOne, confirmIncomplete: false }, null),
      ),
    ).toMatchObject({ code: 'refused' });
  });

  it('accepts an incomplete referral only when confirmed, naming what is missing', () => {
    const s = setup();
    const meetingId = s.newMeeting();
    const r = s.referrals.create(referral({ dataset: { 'working-diagnosis': 'Sarcoma?' } }));
    expect(
      refusal(() => s.referrals.accept({ id: r.id, version: r.version, meetingId, confirmIncomplete: false }, null)),
    ).toMatchObject({ code: 'refused', field: 'confirmIncomplete', message: expect.stringContaining('Tumour site') });
    expect(s.m.meetings.get(meetingId).items).toEqual([]);
    s.referrals.accept({ id: r.id, version: r.version, meetingId, confirmIncomplete: true }, null);
    expect(s.m.meetings.get(meetingId).items.map((i) => i.caseId)).toEqual([r.caseId]);
  });

  it('refuses a meeting of another board', () => {
    const s = setup();
    const other = s.newMeeting({ boardType: 'lung' });
    const r = s.referrals.create(referral());
    expect(
      refusal(() =>
        s.referrals.accept({ id: r.id, version: r.version, meetingId: other, confirmIncomplete: true }, null),
      ),
    ).toMatchObject({ code: 'refused', field: 'meetingId' });
  });

  it('declining needs a reason, and closes the draft case', () => {
    const s = setup();
    const r = s.referrals.create(referral());
    expect(refusal(() => s.referrals.decline({ id: r.id, version: r.version, reason: '   ' }, null))).toMatchObject({
      code: 'invalid-input',
      field: 'reason',
    });
    const declined = s.referrals.decline(
      { id: r.id, version: r.version, reason: 'Not a sarcoma: refer to the skin MDT' },
      null,
    );
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'Not a sarcoma: refer to the skin MDT',
      choices: [],
    });
    expect(s.cases.get(r.caseId!).status).toBe('closed');
  });

  it('is refused to roles without the right, at the boundary', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const handlers = handlersFor(createServices({ db, dataDir, resourcesDir: RESOURCES_DIR, version: 'test' }));
    const input = { ...referral(), patient: { ...referral().patient } };
    expect(await dispatch(handlers, 'referrals:create', input, callerAs('viewer'))).toMatchObject({
      ok: false,
      error: { code: 'refused' },
    });
    const created = await dispatch(handlers, 'referrals:create', input, callerAs('presenter'));
    expect(created).toMatchObject({ ok: true, value: { status: 'triage' } });
    const { id, version } = (created as { value: { id: number; version: number } }).value;
    expect(await dispatch(handlers, 'referrals:list', {}, callerAs('viewer'))).toMatchObject({ ok: true });
    expect(
      await dispatch(handlers, 'referrals:decline', { id, version, reason: 'Duplicate' }, callerAs('presenter')),
    ).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(
      await dispatch(handlers, 'referrals:decline', { id, version, reason: 'Duplicate' }, callerAs('coordinator')),
    ).toMatchObject({ ok: true, value: { status: 'declined' } });
    db.close();
  });
});

describe('demo referrals', () => {
  it('puts one late and one incomplete referral in triage, once', async () => {
    const { loadDemoBoard } = await import('../../../electron/services/demo/demo-service');
    const { tempDataDir: temp, RESOURCES_DIR: resources } = await import('../helpers/temp');
    const db = openDatabase(temp());
    const first = loadDemoBoard(db, resources);
    expect(first.casesCreated).toBe(7);
    loadDemoBoard(db, resources);
    const cases = new (await import('../../../electron/services/cases/cases-service')).CasesService(db);
    const { createMeetingsServices } = await import('../../../electron/services/meetings');
    const service = new ReferralsService({
      db,
      cases,
      agenda: createMeetingsServices(db).agenda,
      localNow: () => '2026-12-01T09:00',
    });
    const list = service.list();
    expect(list.map((r) => [r.patientName, r.status, r.late, r.missing.length > 0])).toEqual([
      ['OKAFOR, Daniel', 'triage', true, false],
      ['BRANDT, Hanna', 'triage', false, true],
    ]);
    db.close();
  });
});
