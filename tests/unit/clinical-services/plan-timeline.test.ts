import { describe, expect, it } from 'vitest';
import { caller, insertStudy, report, setup } from './fixtures';

describe('the proposed plan', () => {
  it('holds several options and free text; empty until proposed', async () => {
    const s = setup();
    const call = caller(s.clinical);
    const caseId = s.newCase();
    expect(s.clinical.plan.get(caseId)).toEqual({ caseId, options: [], text: '', updatedAt: null });
    const set = await call('plan:set', {
      caseId,
      plan: { options: ['preoperative-radiotherapy', 'surgery'], text: 'RT 50 Gy/25 then wide excision' },
    });
    expect(set).toMatchObject({
      ok: true,
      value: { caseId, options: ['preoperative-radiotherapy', 'surgery'], text: 'RT 50 Gy/25 then wide excision' },
    });
    expect(s.clinical.summary(caseId, '2026-12-10').plan.options).toEqual(['preoperative-radiotherapy', 'surgery']);
    expect(await call('plan:set', { caseId, plan: { options: ['amputation' as never] } })).toMatchObject({
      ok: false,
      message: 'Not one of the plan options',
    });
    expect(await call('plan:set', { caseId, plan: { options: ['surgery', 'surgery'] } })).toMatchObject({
      ok: false,
      message: 'Each option once',
    });
    expect(await call('plan:set', { caseId: 999, plan: {} })).toMatchObject({ ok: false, code: 'not-found' });
  });
});

describe('the case timeline', () => {
  it('draws presentation, studies, biopsy, diagnosis, review and treatments from the record, in date order', async () => {
    const s = setup();
    const call = caller(s.clinical);
    const caseId = s.newCase();
    const surgery = s.clinical.timeline.addEvent(caseId, {
      kind: 'surgery',
      date: '2026-11-09',
      text: 'Wide local excision',
    });
    s.clinical.timeline.addEvent(caseId, { kind: 'presentation', date: '2026-08', text: 'Painless thigh lump' });
    insertStudy(s.db, caseId, {
      uid: '5.1',
      date: '2026-09-21',
      description: 'MRI THIGH',
      series: [{ modality: 'MR', bodyPart: 'THIGH' }],
    });
    insertStudy(s.db, caseId, { uid: '5.2', date: null, description: 'OUTSIDE CD', series: [{ modality: 'CT' }] });
    const biopsy = s.clinical.pathology.create(
      caseId,
      report({ specimenId: 'B-1', specimenDate: '2026-10-08', histotypeText: 'Spindle cell sarcoma' }),
    );
    const resection = s.clinical.pathology.create(
      caseId,
      report({
        procedure: 'resection',
        specimenDate: '2026-11-09',
        histotypeId: 'leiomyosarcoma',
        reportedGrade: 'G2',
        marginStatus: 'R0',
        closestMarginMm: 1,
        closestMarginLessThan: true,
        expertReview: { by: 'Dr E', date: '2026-11-25', agreement: 'minor-discordance' },
      }),
    );

    const timeline = await call('timeline:list', { caseId });
    expect(timeline.ok && timeline.value.map((e) => [e.date, e.kind, e.title])).toEqual([
      ['2026-08', 'presentation', 'Presentation'],
      ['2026-09-21', 'study', 'MR: MRI THIGH'],
      ['2026-10-08', 'biopsy', 'Core needle biopsy: Spindle cell sarcoma (not coded)'],
      ['2026-11-09', 'diagnosis', 'Resection: Leiomyosarcoma, NOS (conventional)'],
      ['2026-11-09', 'treatment', 'Surgery'],
      ['2026-11-25', 'review', 'Expert pathology review (minor-discordance)'],
      [null, 'study', 'CT: OUTSIDE CD'],
    ]);
    const entries = timeline.ok ? timeline.value : [];
    expect(entries[2]).toMatchObject({
      detail: 'FNCLCC GX; specimen B-1',
      source: { type: 'pathology', id: biopsy.id },
    });
    expect(entries[3]).toMatchObject({
      detail: 'FNCLCC G2 (as reported); R0, closest margin < 1 mm',
      source: { type: 'pathology', id: resection.id },
    });
    expect(entries[4]).toMatchObject({ detail: 'Wide local excision', source: { type: 'event', id: surgery.id } });
    expect(entries[6]).toMatchObject({ detail: '1 series; no valid study date', source: { type: 'study', id: '5.2' } });

    expect(await call('timeline:removeEvent', { id: surgery.id })).toEqual({ ok: true, value: { removed: true } });
    expect(await call('timeline:removeEvent', { id: surgery.id })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('one presentation per case; treatments need a description; dates are a day or a month', async () => {
    const s = setup();
    const call = caller(s.clinical);
    const caseId = s.newCase();
    expect(await call('timeline:addEvent', { caseId, event: { kind: 'presentation', date: '2026-09' } })).toMatchObject(
      { ok: true, value: { kind: 'presentation', date: '2026-09', text: '' } },
    );
    expect(
      await call('timeline:addEvent', { caseId, event: { kind: 'presentation', date: '2026-09-03' } }),
    ).toMatchObject({
      ok: false,
      code: 'conflict',
      message: 'This case already has a presentation date (Sep 2026). Remove it before adding another.',
    });
    expect(
      await call('timeline:addEvent', { caseId, event: { kind: 'radiotherapy', date: '2026-10-01' } }),
    ).toMatchObject({ ok: false, field: 'event.text', message: 'Describe the treatment given' });
    expect(
      await call('timeline:addEvent', { caseId, event: { kind: 'radiotherapy', date: 'Oct 2026', text: '50 Gy' } }),
    ).toMatchObject({
      ok: false,
      field: 'event.date',
      message: 'Use YYYY-MM-DD, or YYYY-MM when only the month is known',
    });
    expect(
      await call('timeline:addEvent', {
        caseId,
        event: { kind: 'radiotherapy', date: '2026-10-01', text: '50 Gy in 25 fractions' },
      }),
    ).toMatchObject({ ok: true });
    expect(s.clinical.timeline.events(caseId).map((e) => e.kind)).toEqual(['presentation', 'radiotherapy']);
  });
});
