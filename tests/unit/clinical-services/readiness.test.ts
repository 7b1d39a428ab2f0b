import { readdirSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createMeetingsServices } from '../../../electron/services/meetings';
import { MeetingInput } from '../../../shared/domain/meeting';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { imagingFromStudies } from '../../../electron/services/clinical/case-data';
import { CT_SERIES } from '../../fixtures';
import { caller, insertStudy, MEETING, report, setup } from './fixtures';

const byId = <T extends { id: string }>(items: T[]) => Object.fromEntries(items.map((i) => [i.id, i]));

describe('readiness from the record', () => {
  it('counts imported studies by modality and body part, ages them against the meeting, and takes manual ticks', () => {
    const { db, clinical, newCase } = setup();
    const caseId = newCase({ siteChapter: 'trunk-extremity' });
    clinical.pathology.create(
      caseId,
      report({
        procedure: 'core-needle-biopsy',
        specimenId: 'B26-77',
        specimenDate: '2026-10-01',
        histotypeId: 'myxoid-liposarcoma',
        mitosesPer10Hpf: 12,
        necrosisPercent: 0,
      }),
    );
    insertStudy(db, caseId, {
      uid: '1.1',
      date: '2026-11-20',
      description: 'MRI RIGHT THIGH',
      series: [
        { modality: 'MR', bodyPart: 'THIGH', description: 'AX T1' },
        { modality: 'MR', bodyPart: 'THIGH', description: 'STIR' },
      ],
    });
    // 100 days before the meeting: older than 8 weeks, so stale.
    insertStudy(db, caseId, {
      uid: '1.2',
      date: '2026-09-01',
      description: 'CT THORAX',
      series: [{ modality: 'CT', bodyPart: 'CHEST' }],
    });
    insertStudy(db, caseId, {
      uid: '1.3',
      date: '2026-11-25',
      description: 'CT ABDOMEN PELVIS WITH CONTRAST',
      series: [{ modality: 'CT', bodyPart: 'ABDOMEN' }],
    });
    insertStudy(db, caseId, {
      uid: '1.4',
      date: null,
      description: 'OLD OUTSIDE STUDY',
      series: [{ modality: 'MR', bodyPart: 'SPINE' }],
    });
    insertStudy(db, null, {
      uid: '1.5',
      date: '2026-11-30',
      description: 'WHOLE SPINE MRI',
      series: [{ modality: 'MR', bodyPart: 'SPINE' }],
    }); // not attached

    let view = clinical.readiness.view(caseId, MEETING);
    let items = byId(view.items);
    expect(items['primary-imaging']).toMatchObject({
      state: 'done',
      evidence: { kind: 'study', description: 'MR THIGH (MRI RIGHT THIGH / AX T1 / STIR)', date: '2026-11-20' },
    });
    expect(items['chest-ct']).toMatchObject({
      state: 'stale',
      evidence: { kind: 'study', date: '2026-09-01' },
      reason: expect.stringMatching(/100 days old at the meeting, older than 8 weeks/),
    });
    expect(items['biopsy']).toMatchObject({
      state: 'done',
      evidence: { kind: 'report', description: 'Core needle biopsy (B26-77)' },
    });
    expect(items['fnclcc-grade']).toMatchObject({ state: 'done', evidence: { description: 'FNCLCC G2' } });
    expect(items['expert-review'].state).toBe('missing');
    expect(items['ct-abdomen-pelvis']).toMatchObject({ state: 'done', evidence: { date: '2026-11-25' } });
    // The undated spine MRI cannot count, and the unattached one belongs to no case.
    expect(items['whole-spine-mri'].state).toBe('missing');
    expect(view.notes).toEqual([
      'OLD OUTSIDE STUDY: no valid study date in the DICOM, so it is not counted as work-up evidence.',
    ]);
    expect(view).toMatchObject({ missing: 2, stale: 1, ready: false, staleWeeks: 8, meetingDate: MEETING });

    const tick = clinical.readiness.tick(
      caseId,
      { item: 'whole-spine-mri', date: '2026-10-28', note: 'Whole-spine MRI at the referring hospital: clear' },
      { userId: null, name: 'Dr Rad' },
    );
    expect(tick).toMatchObject({ caseId, item: 'whole-spine-mri', date: '2026-10-28', by: 'Dr Rad' });
    view = clinical.readiness.view(caseId, MEETING);
    items = byId(view.items);
    expect(items['whole-spine-mri']).toMatchObject({
      state: 'done',
      evidence: {
        kind: 'manual',
        description: 'Ticked by Dr Rad: Whole-spine MRI at the referring hospital: clear',
        date: '2026-10-28',
      },
    });
    expect(view.ticks).toEqual([tick]);

    // Ticking again replaces the tick; unticking brings the gap back.
    clinical.readiness.tick(
      caseId,
      { item: 'whole-spine-mri', date: '2026-10-29', note: '' },
      { userId: null, name: 'Dr Rad 2' },
    );
    expect(clinical.readiness.view(caseId, MEETING).ticks).toEqual([
      expect.objectContaining({ date: '2026-10-29', by: 'Dr Rad 2' }),
    ]);
    clinical.readiness.untick(caseId, 'whole-spine-mri');
    expect(byId(clinical.readiness.view(caseId, MEETING).items)['whole-spine-mri'].state).toBe('missing');
    expect(() => clinical.readiness.untick(caseId, 'whole-spine-mri')).toThrow(/not ticked by hand/);

    // "Stale after" is a board setting.
    expect(clinical.readiness.setStaleWeeks(16)).toEqual({ staleWeeks: 16 });
    expect(byId(clinical.readiness.view(caseId, MEETING).items)['chest-ct'].state).toBe('done');
  });

  it("reads the project's real CT chest series imported with importDicom: done before 8 weeks, stale after", async () => {
    const { db, dataDir, clinical, newCase } = setup();
    const caseId = newCase({ patient: { mrn: '0000006', familyName: 'Bellona', givenNames: 'Anna' } });
    expect(readdirSync(CT_SERIES).length).toBe(37);
    await importDicom(db, dataDir, [CT_SERIES], { caseId, confirmMismatch: true });

    const fresh = byId(clinical.readiness.view(caseId, '2015-11-20').items)['chest-ct'];
    expect(fresh).toMatchObject({
      state: 'done',
      evidence: { kind: 'study', description: 'CT CHEST (CT CHEST W CONTRAST / Chest 3x3 Soft)', date: '2015-10-26' },
    });
    const old = byId(clinical.readiness.view(caseId, '2016-03-01').items)['chest-ct'];
    expect(old).toMatchObject({ state: 'stale', reason: expect.stringMatching(/127 days old/) });
    expect(clinical.timeline.list(caseId)).toEqual([
      expect.objectContaining({
        date: '2015-10-26',
        kind: 'study',
        title: 'CT: CT CHEST W CONTRAST',
        detail: 'CHEST; 1 series',
      }),
    ]);
  });

  it('a PET-CT gives evidence for each modality; a report that only says "biopsy" is not called a core needle biopsy', () => {
    const { imaging } = imagingFromStudies([
      {
        case_id: 1,
        study_instance_uid: '9',
        study_date: '2026-11-01',
        study_description: 'PET-CT WHOLE BODY',
        study_body_part: 'WHOLEBODY',
        modalities_in_study: 'CT\\PT',
        series_instance_uid: '9.1',
        modality: 'CT',
        series_description: 'CT AC',
        body_part_examined: 'CHEST',
        series_date: null,
      },
      {
        case_id: 1,
        study_instance_uid: '9',
        study_date: '2026-11-01',
        study_description: 'PET-CT WHOLE BODY',
        study_body_part: 'WHOLEBODY',
        modalities_in_study: 'CT\\PT',
        series_instance_uid: '9.2',
        modality: 'PT',
        series_description: 'PET AC',
        body_part_examined: 'WHOLEBODY',
        series_date: null,
      },
    ]);
    expect(imaging).toEqual([
      { modality: 'CT', bodyPart: 'CHEST', studyDescription: 'PET-CT WHOLE BODY / CT AC', date: '2026-11-01' },
      { modality: 'PT', bodyPart: 'WHOLEBODY', studyDescription: 'PET-CT WHOLE BODY / PET AC', date: '2026-11-01' },
    ]);

    const { clinical, newCase } = setup();
    const caseId = newCase();
    clinical.pathology.create(
      caseId,
      report({
        procedure: 'biopsy-not-specified',
        specimenId: 'X-1',
        specimenDate: '2026-11-02',
        histotypeId: 'dedifferentiated-liposarcoma',
        molecular: [{ test: 'MDM2 amplification (FISH)', result: 'amplified' }],
        expertReview: { by: 'Dr E', date: '2026-11-10', agreement: 'concordant' },
      }),
    );
    const items = byId(clinical.readiness.view(caseId, MEETING).items);
    expect(items['biopsy']).toMatchObject({
      state: 'done',
      evidence: { description: 'Biopsy, type not stated (X-1)' },
      reason: expect.stringMatching(/^Biopsy, type not stated \(X-1\) on 2 Nov 2026/),
    });
    expect(items['expert-review'].evidence!.description).toBe(
      'Expert review by Dr E (concordant) of biopsy, type not stated X-1',
    );
    expect(items['mdm2'].evidence!.description).toBe('MDM2 amplification (FISH): amplified (X-1)');
    const texts = Object.values(items).flatMap((i) => [i.reason, i.evidence?.description ?? '']);
    expect(texts.join('\n')).not.toMatch(/core needle|\u2063/i);
  });

  it('readiness counts for the case list: one batch of queries for 100 cases, unknown ids left out', () => {
    const { db, clinical, newCase } = setup();
    const ids = Array.from({ length: 100 }, (_, i) =>
      newCase({ siteChapter: i % 2 ? 'retroperitoneum' : 'trunk-extremity' }),
    );
    clinical.pathology.create(
      ids[0],
      report({
        histotypeId: 'leiomyosarcoma',
        mitosesPer10Hpf: 1,
        necrosisPercent: 0,
        expertReview: { by: 'E', date: '2026-10-20', agreement: 'concordant' },
      }),
    );
    insertStudy(db, ids[0], {
      uid: '2.1',
      date: '2026-11-20',
      description: 'MRI THIGH',
      series: [{ modality: 'MR', bodyPart: 'THIGH' }],
    });
    insertStudy(db, ids[1], {
      uid: '2.2',
      date: '2026-08-01',
      description: 'CT ABDOMEN',
      series: [{ modality: 'CT', bodyPart: 'ABDOMEN' }],
    });

    const prepare = vi.spyOn(db, 'prepare');
    const counts = clinical.readiness.counts([...ids, 999_999], MEETING);
    // A fixed number whatever the number of cases: cases, reports, IHC, molecular, driving choices, studies, ticks,
    // treatment events and the settings.
    expect(prepare.mock.calls.length).toBeLessThanOrEqual(10);
    prepare.mockRestore();

    expect(counts).toHaveLength(100);
    // G1 with a review: chest CT not required; every item present.
    const judged = { meetingDate: MEETING, meeting: null };
    expect(counts[0]).toEqual({ caseId: ids[0], ...judged, missing: 0, pending: 0, stale: 0, ready: true });
    // No histotype yet: the five histotype-specific items are pending (open), not "not applicable".
    expect(counts[1]).toEqual({ caseId: ids[1], ...judged, missing: 4, pending: 5, stale: 1, ready: false });
    expect(counts[2]).toEqual({ caseId: ids[2], ...judged, missing: 5, pending: 5, stale: 0, ready: false });
    for (const [i, id] of ids.entries()) {
      const view = clinical.readiness.view(id, MEETING);
      expect({ missing: view.missing, pending: view.pending, stale: view.stale }, `case ${i}`).toEqual({
        missing: counts[i].missing,
        pending: counts[i].pending,
        stale: counts[i].stale,
      });
    }
  });

  it("the case's question picks the items: post-operative reads margins, the operation date and the timeline", () => {
    const { db, clinical, newCase } = setup();
    const caseId = newCase({ siteChapter: 'trunk-extremity', questionKind: 'post-operative' });
    const ids = () => clinical.readiness.view(caseId, MEETING).items.map((i) => i.id);
    expect(ids()).toEqual([
      'resection-pathology',
      'post-operative-imaging',
      'expert-review',
      'fnclcc-grade',
      'treatment-history',
      'chest-ct',
    ]);
    let items = byId(clinical.readiness.view(caseId, MEETING).items);
    // Without an operation on record it cannot tell post-operative imaging from pre-operative.
    expect(items['post-operative-imaging'].state).toBe('pending');
    clinical.pathology.create(
      caseId,
      report({
        procedure: 'resection',
        specimenId: 'R26-5',
        specimenDate: '2026-10-15',
        histotypeId: 'myxofibrosarcoma',
        marginStatus: 'R1',
        closestMarginMm: 0,
      }),
    );
    clinical.timeline.addEvent(caseId, { kind: 'surgery', date: '2026-10-15', text: 'Wide local excision' });
    insertStudy(db, caseId, {
      uid: '7.1',
      date: '2026-11-20',
      description: 'MRI THIGH POST-OP',
      series: [{ modality: 'MR', bodyPart: 'THIGH' }],
    });
    items = byId(clinical.readiness.view(caseId, MEETING).items);
    expect(items['resection-pathology']).toMatchObject({
      state: 'done',
      label: 'Resection pathology with margins',
      evidence: { kind: 'report', description: 'Resection specimen, margins R1, closest 0 mm (R26-5)' },
    });
    expect(items['post-operative-imaging']).toMatchObject({ state: 'done', evidence: { date: '2026-11-20' } });
    expect(items['treatment-history']).toMatchObject({
      state: 'done',
      evidence: { kind: 'event', description: 'Surgery: Wide local excision', date: '2026-10-15' },
    });
  });

  it('a palliative case outside the sarcoma chapters: no sarcoma-only items; ECOG from the case; a symptom tick', () => {
    const { db, clinical, newCase } = setup();
    const caseId = newCase({ siteChapter: 'other', questionKind: 'palliative', ecog: 2 });
    insertStudy(db, caseId, {
      uid: '8.1',
      date: '2026-11-25',
      description: 'CT ABDOMEN PELVIS',
      series: [{ modality: 'CT', bodyPart: 'ABDOMEN' }],
    });
    let view = clinical.readiness.view(caseId, MEETING);
    expect(view.items.map((i) => [i.id, i.state])).toEqual([
      ['primary-imaging', 'done'],
      ['performance-status', 'done'],
      ['symptom-assessment', 'missing'],
      ['treatment-history', 'missing'],
    ]);
    expect(byId(view.items)['performance-status'].evidence).toEqual({
      kind: 'case',
      description: 'ECOG 2 recorded on the case',
      date: null,
    });
    clinical.readiness.tick(
      caseId,
      { item: 'symptom-assessment', date: '2026-10-30', note: 'Pain clinic letter' },
      { userId: null, name: 'Dr Pal' },
    );
    clinical.readiness.tick(
      caseId,
      { item: 'treatment-history', date: '2026-10-30', note: 'No treatment given yet' },
      { userId: null, name: 'Dr Pal' },
    );
    view = clinical.readiness.view(caseId, MEETING);
    expect(view).toMatchObject({ missing: 0, pending: 0, ready: true });
    expect(view.items.some((i) => /sarcoma|FNCLCC/i.test(i.label))).toBe(false);
  });

  it('a study dated after the meeting is flagged with its date and not counted', () => {
    const { db, clinical, newCase } = setup();
    const caseId = newCase({ siteChapter: 'trunk-extremity' });
    insertStudy(db, caseId, {
      uid: '9.1',
      date: '2026-12-12',
      description: 'CT THORAX',
      series: [{ modality: 'CT', bodyPart: 'CHEST' }],
    });
    const chest = byId(clinical.readiness.view(caseId, MEETING).items)['chest-ct'];
    expect(chest).toMatchObject({
      state: 'missing',
      evidence: null,
      afterMeeting: { kind: 'study', date: '2026-12-12' },
      reason: expect.stringMatching(
        /^CT CHEST \(CT THORAX\) is dated 12 Dec 2026, after the meeting of 10 Dec 2026: not counted\./,
      ),
    });
    // For a later meeting it counts.
    expect(byId(clinical.readiness.view(caseId, '2026-12-14').items)['chest-ct'].state).toBe('done');
  });

  it('without a date, each case is judged for its next meeting on an agenda, else for today', () => {
    const { db, clinical, newCase } = setup();
    const [onAgenda, offAgenda] = [newCase(), newCase()];
    // On two scheduled meetings: the sooner one counts.
    const meetings = createMeetingsServices(db, { now: () => '2026-11-20T09:00:00.000Z' });
    const base = {
      boardType: 'sarcoma',
      title: 'Sarcoma MDT',
      durationMinutes: 60,
      place: '',
      videoLink: '',
      chair: '',
      coordinator: '',
      submissionCutoff: null,
    };
    const later = meetings.meetings.create(MeetingInput.parse({ ...base, startsAt: '2099-03-04T13:00' }));
    const sooner = meetings.meetings.create(MeetingInput.parse({ ...base, startsAt: '2099-02-04T13:00' }));
    meetings.agenda.add(later.id, [onAgenda]);
    meetings.agenda.add(sooner.id, [onAgenda]);
    const counts = clinical.readiness.counts([onAgenda, offAgenda]);
    expect(counts[0]).toMatchObject({
      meetingDate: '2099-02-04',
      meeting: { id: sooner.id, title: 'Sarcoma MDT', startsAt: '2099-02-04T13:00' },
    });
    // The fixture's clock says 1 Nov 2026.
    expect(counts[1]).toMatchObject({ meetingDate: '2026-11-01', meeting: null });
    expect(clinical.summary(onAgenda).readiness).toMatchObject({
      meetingDate: '2099-02-04',
      meeting: { id: sooner.id },
    });
    expect(clinical.summary(onAgenda, '2099-01-01').readiness).toMatchObject({
      meetingDate: '2099-01-01',
      meeting: null,
    });
  });

  it('the contract: ticks need a real date and take who from the session, never the input; stale weeks must be sensible', async () => {
    const { clinical, newCase } = setup();
    const call = caller(clinical);
    const caseId = newCase();
    expect(
      await call('readiness:tick', {
        caseId,
        tick: { item: 'chest-ct', date: '2026-11-01', by: 'Someone else' } as never,
      }),
    ).toMatchObject({ ok: false, code: 'invalid-input' });
    expect(
      await call('readiness:tick', { caseId, tick: { item: 'bone-scan' as never, date: '2026-11-01' } }),
    ).toMatchObject({ ok: false, field: 'tick.item', message: 'Not a work-up item' });
    expect(await call('readiness:tick', { caseId, tick: { item: 'chest-ct', date: '01/11/2026' } })).toMatchObject({
      ok: false,
      message: 'Use the format YYYY-MM-DD',
    });
    // The fixture's clock says 1 Nov 2026: evidence cannot be dated after today.
    expect(await call('readiness:tick', { caseId, tick: { item: 'chest-ct', date: '2026-11-02' } })).toEqual({
      ok: false,
      code: 'invalid-input',
      field: 'date',
      message:
        'The evidence is dated 2 Nov 2026, which is in the future: give the date it was done (today, 1 Nov 2026, at the latest).',
    });
    expect(clinical.readiness.view(caseId, MEETING).ticks).toEqual([]);
    expect(await call('readiness:tick', { caseId, tick: { item: 'chest-ct', date: '2026-11-01' } })).toMatchObject({
      ok: true,
      value: { item: 'chest-ct', by: 'Test chair' },
    });
    expect(await call('readiness:untick', { caseId, item: 'chest-ct' })).toEqual({
      ok: true,
      value: { removed: true },
    });
    expect(await call('readiness:untick', { caseId, item: 'chest-ct' })).toMatchObject({
      ok: false,
      code: 'not-found',
    });
    expect(await call('readiness:setStaleWeeks', { weeks: 0 })).toMatchObject({
      ok: false,
      message: 'Stale after must be more than 0 weeks',
    });
    expect(await call('readiness:setStaleWeeks', { weeks: 6 })).toEqual({ ok: true, value: { staleWeeks: 6 } });
    expect(await call('clinical:readinessCounts', { caseIds: [caseId], meetingDate: '2026-13-01' })).toMatchObject({
      ok: false,
      field: 'meetingDate',
    });
    expect(await call('clinical:readinessCounts', { caseIds: [caseId], meetingDate: MEETING })).toMatchObject({
      ok: true,
      value: [{ caseId, missing: 5 }],
    });
  });
});
