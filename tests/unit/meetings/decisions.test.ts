import { describe, expect, it } from 'vitest';
import type { PlanOption } from '../../../shared/domain/clinical';
import { CORE_SPECIALTIES, DecisionFields } from '../../../shared/domain/meeting';
import { caller, sessionAs, setup } from './fixtures';

const allPresent = Object.fromEntries(CORE_SPECIALTIES.map((s) => [s, { present: true, names: [`Dr ${s}`] }]));

function start() {
  const s = setup();
  const meetingId = s.newMeeting();
  const caseId = s.newCase({ status: 'ready' as never });
  const itemId = s.m.agenda.add(meetingId, [caseId]).items[0].id;
  return { s, call: caller(s.m), meetingId, caseId, itemId };
}

const complete = {
  attendance: allPresent,
  recommendation: {
    options: ['preoperative-radiotherapy', 'surgery'] as PlanOption[],
    text: 'Preoperative RT 50 Gy, then wide excision',
  },
  intent: 'curative' as const,
  actions: [{ what: 'Book RT planning CT', who: 'Clinical oncology', byWhen: '2026-12-17' }],
  notes: 'MRI reviewed; margins achievable.',
  outcome: 'discussed' as const,
};

describe('decisions', () => {
  it('starts empty, saves drafts with the version they started from, and computes quorum', async () => {
    const { s, call, itemId, caseId } = start();
    const empty = await call('decisions:get', { itemId });
    expect(empty.ok && empty.value).toMatchObject({
      status: 'none',
      version: 0,
      original: null,
      caseId,
      quorum: { met: false },
    });
    expect(empty.ok && empty.value.quorum.missing).toEqual([...CORE_SPECIALTIES]);

    const draft = await call('decisions:save', {
      itemId,
      version: 0,
      decision: { attendance: { surgeon: { present: true, names: ['Dr Cut'] } }, notes: 'Started' },
    });
    expect(draft.ok && draft.value).toMatchObject({
      status: 'draft',
      version: 1,
      current: { notes: 'Started', outcome: null },
    });
    expect(draft.ok && draft.value.current.attendance.radiologist).toEqual({ present: false, people: [] });
    // A bare name (the shape before users) is read as a guest.
    expect(draft.ok && draft.value.current.attendance.surgeon).toEqual({
      present: true,
      people: [{ name: 'Dr Cut', guest: true }],
    });
    expect(draft.ok && draft.value.signOffProblems.map((p) => p.field)).toEqual(['outcome']);
    expect(await call('decisions:save', { itemId, version: 0, decision: { notes: 'Other window' } })).toMatchObject({
      ok: false,
      code: 'conflict',
    });

    const full = await call('decisions:save', { itemId, version: 1, decision: complete });
    expect(full.ok && full.value).toMatchObject({
      version: 2,
      quorum: { met: true, missing: [] },
      signOffProblems: [],
    });
    expect(s.m.meetings.get(s.m.decisions.get(itemId).meetingId).items[0]).toMatchObject({
      state: 'discussed',
      decision: { status: 'draft' },
    });

    expect(
      await call('decisions:save', {
        itemId,
        version: 2,
        decision: { attendance: { surgeon: { present: false, names: ['Dr Cut'] } } },
      }),
    ).toMatchObject({
      ok: false,
      field: 'decision.attendance.surgeon.present',
      message: 'People are listed but the specialty is marked absent',
    });
    expect(
      await call('decisions:save', { itemId, version: 2, decision: { intent: 'hopeful' as never } }),
    ).toMatchObject({ ok: false, field: 'decision.intent' });
    expect(
      await call('decisions:save', {
        itemId,
        version: 2,
        decision: { recommendation: { options: ['surgery', 'surgery'] } },
      }),
    ).toMatchObject({ ok: false });
  });

  it('signing off needs an outcome, and for a discussion the recommendation and intent; for a deferral the reason', async () => {
    const { call, itemId } = start();
    await call('decisions:save', { itemId, version: 0, decision: { outcome: 'discussed' } });
    const refused = await call('decisions:signOff', { itemId, version: 1 });
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid-input',
      field: 'decision.recommendation',
      message:
        'Cannot sign off yet: Record the recommendation (an option or its text); Record the treatment intent (curative, palliative or uncertain).',
    });
    await call('decisions:save', { itemId, version: 1, decision: { outcome: 'deferred' } });
    expect(await call('decisions:signOff', { itemId, version: 2 })).toMatchObject({
      ok: false,
      field: 'decision.outcomeReason',
    });
    expect(await call('decisions:signOff', { itemId: 999, version: 0 })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });

  it('sign-off locks the decision: a save is refused with a clear message, and the database refuses it too', async () => {
    const { s, call, itemId, caseId } = start();
    await call('decisions:save', { itemId, version: 0, decision: complete });
    const signed = await call('decisions:signOff', { itemId, version: 1 });
    expect(signed.ok && signed.value).toMatchObject({
      status: 'signed',
      signedOffBy: 'Dr Chair',
      signedOffAt: expect.any(String),
      version: 2,
    });
    expect(signed.ok && signed.value.original).toEqual(signed.ok && signed.value.current);
    expect(s.cases.get(caseId).status).toBe('discussed');

    const again = await call('decisions:save', { itemId, version: 2, decision: { ...complete, intent: 'palliative' } });
    expect(again).toMatchObject({ ok: false, code: 'refused' });
    expect(!again.ok && again.message).toMatch(
      /^This decision was signed off by Dr Chair on .+ and is locked\. Record the change as an amendment, saying who and why\.$/,
    );
    expect(await call('decisions:signOff', { itemId, version: 2 }, sessionAs('Dr Other'))).toMatchObject({
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/already signed off/),
    });
    expect(() => s.db.prepare("UPDATE decisions SET intent = 'palliative' WHERE item_id = ?").run(itemId)).toThrow(
      /signed off/,
    );
    expect(s.m.decisions.get(itemId).current.intent).toBe('curative');
  });

  it('an amendment records who, when, why and what changed; the original stays readable; current = original + amendments', async () => {
    const { s, call, itemId } = start();
    expect(
      await call('decisions:amend', { itemId, version: 0, why: 'x', changes: { notes: 'y' } }, sessionAs('Dr A')),
    ).toMatchObject({
      ok: false,
      code: 'refused',
      message: 'This decision is not signed off yet: change the draft instead of amending it.',
    });
    await call('decisions:save', { itemId, version: 0, decision: complete });
    await call('decisions:signOff', { itemId, version: 1 });

    const first = await call(
      'decisions:amend',
      {
        itemId,
        version: 2,
        why: 'The radiotherapy dose was misheard',
        changes: {
          recommendation: {
            options: ['preoperative-radiotherapy', 'surgery'],
            text: 'Preoperative RT 50.4 Gy, then wide excision',
          },
          intent: 'curative',
        },
      },
      sessionAs('Dr Rad'),
    );
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    // Only the field that really changed is recorded.
    expect(first.value.amendments).toEqual([
      {
        id: expect.any(Number),
        by: 'Dr Rad',
        userId: null,
        why: 'The radiotherapy dose was misheard',
        at: expect.any(String),
        before: {
          recommendation: {
            options: ['preoperative-radiotherapy', 'surgery'],
            text: 'Preoperative RT 50 Gy, then wide excision',
          },
        },
        after: {
          recommendation: {
            options: ['preoperative-radiotherapy', 'surgery'],
            text: 'Preoperative RT 50.4 Gy, then wide excision',
          },
        },
      },
    ]);
    expect(first.value.original!.recommendation.text).toBe('Preoperative RT 50 Gy, then wide excision');
    expect(first.value.current.recommendation.text).toBe('Preoperative RT 50.4 Gy, then wide excision');
    expect(first.value.version).toBe(3);

    expect(
      await call('decisions:amend', { itemId, version: 2, why: 'late', changes: { notes: 'n' } }, sessionAs('Dr B')),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      await call(
        'decisions:amend',
        { itemId, version: 3, why: 'same', changes: { intent: 'curative' } },
        sessionAs('Dr B'),
      ),
    ).toMatchObject({
      ok: false,
      field: 'changes',
      message: 'The amendment changes nothing',
    });
    expect(
      await call('decisions:amend', { itemId, version: 3, why: 'oops', changes: { intent: null } }, sessionAs('Dr B')),
    ).toMatchObject({ ok: false, field: 'changes.intent' });
    expect(
      await call('decisions:amend', { itemId, version: 3, why: '', changes: { notes: 'n' } }, sessionAs('Dr B')),
    ).toMatchObject({ ok: false, field: 'why' });
    expect(
      await call('decisions:amend', { itemId, version: 3, why: 'w', changes: {} }, sessionAs('Dr B')),
    ).toMatchObject({
      ok: false,
      message: 'Change at least one field',
    });

    const second = await call('decisions:amend', {
      itemId,
      version: 3,
      why: 'Patient declined surgery at the clinic',
      // Every action of a signed-off decision has an owner and a due date (issue 14: it is followed up).
      changes: {
        intent: 'palliative',
        actions: [{ what: 'Palliative care referral', who: 'CNS', byWhen: '2026-12-20' }],
      },
    });
    expect(second.ok && second.value.current).toMatchObject({
      intent: 'palliative',
      actions: [{ what: 'Palliative care referral', who: 'CNS', byWhen: '2026-12-20' }],
      recommendation: { text: 'Preoperative RT 50.4 Gy, then wide excision' },
      notes: complete.notes,
    });
    expect(second.ok && second.value.original).toMatchObject({ intent: 'curative', actions: complete.actions });

    const history = await call('decisions:history', { itemId });
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    expect(
      history.value.entries.map((e) => [e.kind, e.by, e.why, e.value.intent, e.value.recommendation.text]),
    ).toEqual([
      ['signed-off', 'Dr Chair', null, 'curative', 'Preoperative RT 50 Gy, then wide excision'],
      [
        'amendment',
        'Dr Rad',
        'The radiotherapy dose was misheard',
        'curative',
        'Preoperative RT 50.4 Gy, then wide excision',
      ],
      [
        'amendment',
        'Dr Chair',
        'Patient declined surgery at the clinic',
        'palliative',
        'Preoperative RT 50.4 Gy, then wide excision',
      ],
    ]);
    expect(history.value.entries[2].before).toEqual({
      intent: 'curative',
      actions: complete.actions.map((a) => ({ ...a })),
    });

    // The signed row itself never changed.
    const row = s.db.prepare('SELECT intent, recommendation_text FROM decisions WHERE item_id = ?').get(itemId);
    expect(row).toEqual({ intent: 'curative', recommendation_text: 'Preoperative RT 50 Gy, then wide excision' });
  });

  it('a deferral amended to a discussion moves the agenda item and the case along', async () => {
    const { s, call, itemId, caseId, meetingId } = start();
    await call('decisions:save', {
      itemId,
      version: 0,
      decision: { outcome: 'deferred', outcomeReason: 'Awaiting PET', attendance: allPresent },
    });
    await call('decisions:signOff', { itemId, version: 1 });
    expect(s.m.meetings.get(meetingId).items[0]).toMatchObject({ state: 'deferred', deferredReason: 'Awaiting PET' });
    expect(s.cases.get(caseId).status).toBe('ready');
    await call('decisions:amend', {
      itemId,
      version: 2,
      why: 'PET reviewed at the end of the meeting',
      changes: {
        outcome: 'discussed',
        outcomeReason: '',
        intent: 'uncertain',
        recommendation: { options: ['further-investigations'], text: '' },
      },
    });
    expect(s.m.meetings.get(meetingId).items[0]).toMatchObject({
      state: 'discussed',
      deferredReason: '',
      decision: { status: 'signed', amendments: 1 },
    });
    expect(s.cases.get(caseId).status).toBe('discussed');
    const all = await call('decisions:forMeeting', { meetingId });
    expect(all.ok && all.value.map((d) => [d.itemId, d.status, d.current.outcome])).toEqual([
      [itemId, 'signed', 'discussed'],
    ]);
  });

  it('the draft schema fills what is left out, and attendance is given whole in an amendment', () => {
    const d = DecisionFields.parse({});
    expect(d).toMatchObject({
      intent: null,
      outcome: null,
      actions: [],
      notes: '',
      recommendation: { options: [], text: '' },
    });
    expect(Object.keys(d.attendance)).toEqual([...CORE_SPECIALTIES]);
  });
});
