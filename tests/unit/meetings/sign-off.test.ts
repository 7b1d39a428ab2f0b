import { describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../../electron/host/dispatch';
import { meetingHandlers } from '../../../electron/host/handlers/meetings';
import { AuthService } from '../../../electron/services/auth/auth-service';
import type { Result } from '../../../shared/contract/result';
import { CORE_SPECIALTIES, type Attendance, type DecisionView } from '../../../shared/domain/meeting';
import type { Caller } from '../../../electron/host/dispatch';
import { signOffText } from '../../../shared/domain/sign-off-text';
import { callerAs } from '../helpers/caller';
import { setup } from './fixtures';

/**
 * Sign-off and amendments as a hospital record (issue 12): the signed-in chair, never a typed name; the quorum
 * computed by the main process from the stored attendance; a reason when there is none, kept with the record.
 */

const everyoneBut = (missing: string[]): Attendance =>
  Object.fromEntries(
    CORE_SPECIALTIES.map((s) => [
      s,
      missing.includes(s)
        ? { present: false, people: [] }
        : { present: true, people: [{ name: `Dr ${s}`, guest: true }] },
    ]),
  ) as Attendance;

const discussed = {
  recommendation: { options: ['surgery' as const], text: 'Wide excision' },
  intent: 'curative' as const,
  outcome: 'discussed' as const,
};

/** A meeting with one case, a chair user signed in (a real session), and dispatch as the app runs it. */
async function start(attendance = everyoneBut(['radiation-oncologist'])) {
  const s = setup();
  const auth = new AuthService(s.db);
  const chair = await auth.create({
    username: 'hmarsh',
    displayName: 'Dr Helena Marsh',
    role: 'chair',
    specialty: 'surgeon',
    password: 'a long chair password',
  });
  const { session } = await auth.signIn('hmarsh', 'a long chair password');
  const table = meetingHandlers({ meetings: s.m }) as unknown as HandlerTable;
  const asChair: Caller = { gate: auth, token: session };
  const call = (channel: string, input: unknown, who = asChair) =>
    dispatch(table, channel, input, who) as Promise<Result<DecisionView>>;
  const meetingId = s.newMeeting();
  const itemId = s.m.agenda.add(meetingId, [s.newCase({ status: 'ready' as never })]).items[0].id;
  const version = s.m.decisions.save(itemId, 0, {
    ...s.m.decisions.get(itemId).current,
    ...discussed,
    attendance,
  }).version;
  const row = () =>
    s.db
      .prepare(
        'SELECT signed_off_by, signed_off_user_id, sign_off_json, signed_off_at FROM decisions WHERE item_id = ?',
      )
      .get(itemId) as {
      signed_off_by: string | null;
      signed_off_user_id: number | null;
      sign_off_json: string | null;
      signed_off_at: string | null;
    };
  return { s, chair, call, itemId, version, row };
}

describe('sign-off', () => {
  it('records the signed-in chair (user id and name), whatever the page sends', async () => {
    const { chair, call, itemId, version, row } = await start(everyoneBut([]));
    // A typed name is no longer part of the input: the contract refuses it.
    expect(await call('decisions:signOff', { itemId, version, by: 'Somebody Else' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const signed = await call('decisions:signOff', { itemId, version });
    expect(signed.ok && signed.value).toMatchObject({
      status: 'signed',
      signedOffBy: 'Dr Helena Marsh',
      signOff: { by: 'Dr Helena Marsh', userId: chair.id, quorumMet: true, missing: [], reason: '' },
    });
    expect(row()).toMatchObject({ signed_off_by: 'Dr Helena Marsh', signed_off_user_id: chair.id });
  });

  it('refuses without quorum and without a reason, naming the field, and writes nothing', async () => {
    const { call, itemId, version, row } = await start();
    for (const noQuorumReason of [undefined, '   ']) {
      const refused = await call('decisions:signOff', { itemId, version, noQuorumReason });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'noQuorumReason' } });
      expect(!refused.ok && refused.error.message).toMatch(/No quorum \(radiation oncologist absent\)/);
    }
    expect(row()).toMatchObject({ signed_off_at: null, sign_off_json: null });
  });

  it('accepts a reason without quorum and keeps it with the record: quorum, missing specialties, who was there', async () => {
    const { chair, call, itemId, version, row } = await start();
    const reason = 'Radiation oncology review not needed for a surgical decision; discussed with Dr Kerr by phone';
    const signed = await call('decisions:signOff', { itemId, version, noQuorumReason: ` ${reason} ` });
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    expect(signed.value.signOff).toMatchObject({
      by: 'Dr Helena Marsh',
      userId: chair.id,
      quorumMet: false,
      missing: ['radiation-oncologist'],
      reason,
    });
    expect(JSON.parse(row().sign_off_json!)).toEqual({
      quorumMet: false,
      missing: ['radiation-oncologist'],
      reason,
      attendance: {
        surgeon: ['Dr surgeon (guest)'],
        radiologist: ['Dr radiologist (guest)'],
        pathologist: ['Dr pathologist (guest)'],
        'medical-oncologist': ['Dr medical-oncologist (guest)'],
        'specialist-nurse': ['Dr specialist-nurse (guest)'],
      },
    });
    const line = signOffText(signed.value.signOff!);
    expect(line).toMatch(
      /^Signed off by Dr Helena Marsh on \d{1,2} [A-Z][a-z]+ 2026 at \d{2}:\d{2} — without quorum \(radiation oncologist absent\): Radiation oncology review/,
    );
    expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('recomputes quorum from the stored attendance: a reason sent while quorum is met is not stored', async () => {
    const { call, itemId, version } = await start(everyoneBut([]));
    const signed = await call('decisions:signOff', { itemId, version, noQuorumReason: 'Not needed' });
    expect(signed.ok && signed.value.signOff).toMatchObject({ quorumMet: true, reason: '' });
  });

  it('amendments record the signed-in user (id and name)', async () => {
    const { s, chair, call, itemId, version } = await start(everyoneBut([]));
    await call('decisions:signOff', { itemId, version });
    const amended = await call('decisions:amend', {
      itemId,
      version: version + 1,
      why: 'Intent misheard',
      changes: { intent: 'palliative' },
    });
    expect(amended.ok && amended.value.amendments).toMatchObject([
      { by: 'Dr Helena Marsh', userId: chair.id, why: 'Intent misheard' },
    ]);
    expect(s.db.prepare('SELECT by_whom, by_user_id FROM decision_amendments').get()).toEqual({
      by_whom: 'Dr Helena Marsh',
      by_user_id: chair.id,
    });
  });

  it('is refused to a member or a presenter at the boundary, naming the right', async () => {
    const { call, itemId, version, row } = await start(everyoneBut([]));
    for (const role of ['member', 'presenter'] as const) {
      const refused = await call('decisions:signOff', { itemId, version }, callerAs(role));
      expect(refused).toMatchObject({ ok: false, error: { code: 'refused' } });
      expect(!refused.ok && refused.error.message).toMatch(
        /decisions:signOff needs the right to .*\(decisions\.signOff; roles: .*chair/,
      );
    }
    expect(row().signed_off_at).toBeNull();
  });
});

describe('attendance rows recorded before users', () => {
  it('still read: bare names are guests, the quorum is computed, and an old sign-off shows without a reason', () => {
    const s = setup();
    const meetingId = s.newMeeting();
    const itemId = s.m.agenda.add(meetingId, [s.newCase()]).items[0].id;
    const old = Object.fromEntries(
      CORE_SPECIALTIES.map((sp) => [
        sp,
        sp === 'pathologist' ? { present: false, names: [] } : { present: true, names: [`Dr ${sp}`] },
      ]),
    );
    s.db
      .prepare(
        `INSERT INTO decisions (item_id, attendance_json, recommendation_json, recommendation_text, intent, actions_json,
           notes, outcome, outcome_reason, signed_off_at, signed_off_by, version, created_at, updated_at)
         VALUES (?, ?, '["surgery"]', '', 'curative', '[]', '', 'discussed', '', '2026-11-12T14:00:00.000Z', 'Dr Old',
           2, '2026-11-12T13:00:00.000Z', '2026-11-12T14:00:00.000Z')`,
      )
      .run(itemId, JSON.stringify(old));
    const decisionId = (s.db.prepare('SELECT id FROM decisions').get() as { id: number }).id;
    s.db
      .prepare(
        `INSERT INTO decision_amendments (decision_id, by_whom, why, before_json, after_json, created_at)
         VALUES (?, 'Dr Old', 'Pathologist joined late', ?, ?, '2026-11-12T15:00:00.000Z')`,
      )
      .run(
        decisionId,
        JSON.stringify({ attendance: old }),
        JSON.stringify({ attendance: { ...old, pathologist: { present: true, names: ['Dr Late'] } } }),
      );
    const d = s.m.decisions.get(itemId);
    expect(d.original!.attendance.surgeon).toEqual({ present: true, people: [{ name: 'Dr surgeon', guest: true }] });
    expect(d.original!.attendance.pathologist).toEqual({ present: false, people: [] });
    expect(d.current.attendance.pathologist).toEqual({ present: true, people: [{ name: 'Dr Late', guest: true }] });
    expect(d.quorum.met).toBe(true);
    expect(d.amendments[0]).toMatchObject({ by: 'Dr Old', userId: null });
    expect(d.signOff).toMatchObject({
      by: 'Dr Old',
      userId: null,
      quorumMet: false,
      missing: ['pathologist'],
      reason: '',
    });
    expect(signOffText(d.signOff!)).toMatch(/— without quorum \(pathologist absent\)$/);
  });
});
