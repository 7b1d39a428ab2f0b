import { describe, expect, it } from 'vitest';
import { assertCanMarkReady } from '../../../electron/services/clinical';
import { DomainError } from '../../../electron/services/errors';
import { caller, insertStudy, MEETING, report, setup } from './fixtures';

/** A trunk/extremity case whose work-up is complete: MRI, chest CT, reviewed biopsy with a grade. */
function completeCase(s: ReturnType<typeof setup>) {
  const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
  s.clinical.pathology.create(
    caseId,
    report({
      histotypeId: 'undifferentiated-pleomorphic-sarcoma',
      mitosesPer10Hpf: 22,
      necrosisPercent: 60,
      expertReview: { by: 'Dr E', date: '2026-10-20', agreement: 'concordant' },
    }),
  );
  insertStudy(s.db, caseId, {
    uid: `3.${caseId}.1`,
    date: '2026-11-20',
    description: 'MRI LEFT THIGH',
    series: [{ modality: 'MR', bodyPart: 'THIGH' }],
  });
  insertStudy(s.db, caseId, {
    uid: `3.${caseId}.2`,
    date: '2026-11-21',
    description: 'CT CHEST',
    series: [{ modality: 'CT', bodyPart: 'CHEST' }],
  });
  return caseId;
}

describe('the ready gate', () => {
  it('refuses a case with missing items, naming them, and records nothing', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    let error: unknown;
    try {
      assertCanMarkReady(s.db, caseId, MEETING);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'refused',
      field: 'status',
      message:
        'Case has 10 missing or pending work-up items: Imaging of the primary (MRI and/or contrast CT); ' +
        'Chest CT for staging of a high-grade sarcoma; Biopsy for the diagnosis (image-guided core needle); ' +
        'Sarcoma-expert pathology review; FNCLCC grade; ' +
        'MDM2 amplification (FISH) for well-differentiated / dedifferentiated liposarcoma (pending); ' +
        'CT abdomen/pelvis for myxoid liposarcoma staging (pending); ' +
        'Whole-spine MRI (or whole-body MRI) for myxoid liposarcoma staging (pending); ' +
        'Brain imaging for a sarcoma that spreads to the brain (pending); ' +
        'Regional lymph node assessment for a node-prone sarcoma (pending). ' +
        'Complete them, or mark the case ready with an override that says why (it is recorded under your name).',
    });
    expect(() => s.clinical.markReady(caseId, MEETING)).toThrow(/Case has 10 missing or pending work-up items/);
    expect(s.cases.get(caseId).status).toBe('draft');
    expect(s.db.prepare('SELECT count(*) AS n FROM ready_overrides').get()).toEqual({ n: 0 });
  });

  it('with an override, marks the case ready and records who, why, when and what was missing', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    insertStudy(s.db, caseId, {
      uid: '4.1',
      date: '2026-11-20',
      description: 'MRI THIGH',
      series: [{ modality: 'MR', bodyPart: 'THIGH' }],
    });
    const before = s.cases.get(caseId);
    const result = s.clinical.markReady(caseId, MEETING, {
      by: { userId: null, name: 'Dr Chair' },
      why: 'Urgent: rapidly growing mass; biopsy booked for Monday',
    });
    expect(result.case).toMatchObject({ id: caseId, status: 'ready', version: before.version + 1 });
    expect(result.override).toMatchObject({
      caseId,
      by: 'Dr Chair',
      why: 'Urgent: rapidly growing mass; biopsy booked for Monday',
      meetingDate: MEETING,
      // Pending items are overridden like missing ones.
      missing: [
        { id: 'chest-ct', label: 'Chest CT for staging of a high-grade sarcoma' },
        { id: 'biopsy', label: 'Biopsy for the diagnosis (image-guided core needle)' },
        { id: 'expert-review' },
        { id: 'fnclcc-grade' },
        { id: 'mdm2', reason: 'Depends on the histotype, not yet known.' },
        { id: 'ct-abdomen-pelvis' },
        { id: 'whole-spine-mri' },
        { id: 'brain-imaging' },
        { id: 'nodal-assessment' },
      ],
    });
    expect(result.override!.createdAt).toMatch(/^2026-11-01T/);
    expect(s.clinical.summary(caseId, MEETING).lastReadyOverride).toEqual(result.override);
    // Already ready: nothing more to record.
    expect(s.clinical.markReady(caseId, MEETING).override).toBeNull();
  });

  it('a complete case is marked ready without an override; stale items warn but do not block', () => {
    const s = setup();
    const caseId = completeCase(s);
    expect(s.clinical.canMarkReady(caseId, MEETING)).toBeNull();
    // Ten weeks later the imaging is stale, not missing.
    const later = s.clinical.readiness.view(caseId, '2027-02-10');
    expect(later).toMatchObject({ missing: 0, stale: 2, ready: true });
    expect(s.clinical.markReady(caseId, '2027-02-10')).toMatchObject({ case: { status: 'ready' }, override: null });
    expect(s.db.prepare('SELECT count(*) AS n FROM ready_overrides').get()).toEqual({ n: 0 });
  });

  it('a case whose only open items are pending is refused too, naming them as pending', () => {
    const s = setup();
    const caseId = completeCase(s);
    // The subtype is not known yet: "Liposarcoma, subtype not stated" (typed, not coded), MDM2 already done.
    const [r] = s.clinical.pathology.list(caseId).reports;
    s.clinical.pathology.update(
      r.id,
      report({
        histotypeId: null,
        histotypeText: 'Liposarcoma, subtype not stated',
        mitosesPer10Hpf: 22,
        necrosisPercent: 60,
        differentiation: 3,
        expertReview: { by: 'Dr E', date: '2026-10-20', agreement: 'concordant' },
        molecular: [{ test: 'MDM2 amplification (FISH)', result: 'amplified' }],
      }),
    );
    expect(s.clinical.readiness.view(caseId, MEETING)).toMatchObject({ missing: 0, pending: 2, ready: false });
    expect(() => s.clinical.markReady(caseId, MEETING)).toThrow(
      'Case has 2 pending work-up items: CT abdomen/pelvis for myxoid liposarcoma staging (pending); ' +
        'Whole-spine MRI (or whole-body MRI) for myxoid liposarcoma staging (pending).',
    );
  });

  it('through the contract: refused in words, override fields checked, closed cases refused', async () => {
    const s = setup();
    const call = caller(s.clinical);
    const caseId = s.newCase();
    expect(await call('cases:markReady', { caseId, meetingDate: MEETING })).toMatchObject({
      ok: false,
      code: 'refused',
      field: 'status',
      message: expect.stringMatching(/^Case has 10 missing or pending/),
    });
    expect(await call('cases:markReady', { caseId, meetingDate: MEETING, override: { why: '' } })).toMatchObject({
      ok: false,
      field: 'override.why',
      message: 'Say why the case should go to the board with items missing',
    });
    expect(
      await call('cases:markReady', {
        caseId,
        meetingDate: MEETING,
        override: { by: 'Dr X', why: 'Urgent' } as never,
      }),
    ).toMatchObject({ ok: false, code: 'invalid-input' });
    // Who overrides is the signed-in user (here the stand-in chair), never a name in the input.
    const ok = await call('cases:markReady', { caseId, meetingDate: MEETING, override: { why: 'Urgent' } });
    expect(ok).toMatchObject({ ok: true, value: { case: { status: 'ready' }, override: { by: 'Test chair' } } });

    const closed = completeCase(s);
    s.db.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(closed);
    expect(await call('cases:markReady', { caseId: closed, meetingDate: MEETING })).toMatchObject({
      ok: false,
      code: 'refused',
      message: expect.stringMatching(/closed/),
    });
    expect(await call('cases:markReady', { caseId: 4242, meetingDate: MEETING })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
  });
});
