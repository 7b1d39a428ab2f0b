import { describe, expect, it } from 'vitest';
import { LesionsService } from '../../../electron/services/imaging/lesions-service';
import { LesionInput } from '../../../shared/domain/imaging';
import { MEETING, report, setup, type Setup } from './fixtures';

const lesion = (l: Partial<LesionInput>) =>
  LesionInput.parse({
    label: 'primary',
    longCm: null,
    shortCm: null,
    craniocaudalCm: null,
    studyDate: null,
    source: 'typed',
    ...l,
  });

/** Puts lesion rows into one tracked lesion, as the tracking table does (migration 0009). */
function track(s: Setup, caseId: number, lesionIds: number[]) {
  const patient = (s.db.prepare('SELECT patient_id FROM cases WHERE id = ?').get(caseId) as { patient_id: number })
    .patient_id;
  const id = Number(
    s.db
      .prepare("INSERT INTO tracked_lesions (patient_id, name, created_at) VALUES (?, 'primary', '2026-11-01')")
      .run(patient).lastInsertRowid,
  );
  for (const l of lesionIds) s.db.prepare('UPDATE lesions SET tracked_lesion_id = ? WHERE id = ?').run(id, l);
}

describe('a GX stage is never shown below what the histotype allows', () => {
  it('the 16.3 cm retroperitoneal DDLPS without mitoses/necrosis: IB, at least IIIB', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'retroperitoneum' });
    new LesionsService(s.db).create(
      caseId,
      lesion({ longCm: 9, shortCm: 8, craniocaudalCm: 16.3, studyDate: '2026-11-20' }),
    );
    s.clinical.pathology.create(
      caseId,
      report({ procedure: 'biopsy-not-specified', histotypeId: 'dedifferentiated-liposarcoma' }),
    );
    const stage = s.clinical.summary(caseId, MEETING).stage;
    expect(stage).toMatchObject({
      T: 'cT4',
      G: 'GX',
      stageGroup: 'IB',
      atLeastStageGroup: 'IIIB',
      atLeastReason: 'grade not assessed, a dedifferentiated liposarcoma is at least G2',
      gradeFloor: { G: 'G2', reason: 'a dedifferentiated liposarcoma is at least G2' },
      pathological: null,
    });
    expect(stage.explanation).toContain('At least stage IIIB');
  });

  it('not when the grade is known, nor for a histotype that can be G1', () => {
    const s = setup();
    const graded = s.newCase({ siteChapter: 'retroperitoneum' });
    new LesionsService(s.db).create(graded, lesion({ longCm: 16.3, studyDate: '2026-11-20' }));
    s.clinical.pathology.create(
      graded,
      report({ histotypeId: 'dedifferentiated-liposarcoma', mitosesPer10Hpf: 25, necrosisPercent: 10 }),
    );
    expect(s.clinical.summary(graded, MEETING).stage).toMatchObject({
      G: 'G3',
      stageGroup: 'IIIB',
      atLeastStageGroup: null,
    });

    const lms = s.newCase({ siteChapter: 'retroperitoneum' });
    new LesionsService(s.db).create(lms, lesion({ longCm: 16.3, studyDate: '2026-11-20' }));
    s.clinical.pathology.create(lms, report({ histotypeId: 'leiomyosarcoma' }));
    expect(s.clinical.summary(lms, MEETING).stage).toMatchObject({
      G: 'GX',
      stageGroup: 'IB',
      atLeastStageGroup: null,
      gradeFloor: null,
    });
  });
});

describe('the size for T: its date, its age at the meeting, and the latest measurement of each lesion', () => {
  it('a measurement older than the staleness limit (8 weeks) before the meeting is flagged, with its date', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    new LesionsService(s.db).create(caseId, lesion({ longCm: 6, studyDate: '2015-06-01' }));
    const stage = s.clinical.summary(caseId, MEETING).stage;
    expect(stage.size).toMatchObject({ sizeCm: 6, date: '2015-06-01', stale: true });
    expect(stage.size.staleReason).toMatch(
      /^The size is from 1 Jun 2015, \d+ days before the meeting of 10 Dec 2026: older than 8 weeks/,
    );
    expect(stage.explanation).toContain('older than 8 weeks');
  });

  it('the limit is the readiness setting; a recent size is not stale; a typed size has no date', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    new LesionsService(s.db).create(caseId, lesion({ longCm: 6, studyDate: '2026-11-20' }));
    expect(s.clinical.summary(caseId, MEETING).stage.size).toMatchObject({
      date: '2026-11-20',
      stale: false,
      staleReason: 'Measured 20 days before the meeting of 10 Dec 2026.',
    });
    s.clinical.readiness.setStaleWeeks(2);
    expect(s.clinical.summary(caseId, MEETING).stage.size.stale).toBe(true);
    const typed = s.clinical.staging.setInputs(caseId, {
      sizeOverrideCm: 7,
      sizeOverrideReason: 'pathology gross size',
      N: 'NX',
      M: 'M0',
      prefix: 'c',
      tOverride: null,
      note: '',
    });
    expect(typed.size).toMatchObject({ kind: 'override', date: null, stale: false });
  });

  it('without a date asked, the stage is judged for the case next meeting, else today (as readiness is)', () => {
    const s = setup(); // the clock is 1 Nov 2026
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    new LesionsService(s.db).create(caseId, lesion({ longCm: 6, studyDate: '2026-10-01' }));
    expect(s.clinical.staging.stage(caseId).size.staleReason).toBe(
      'Measured 31 days before the meeting of 1 Nov 2026.',
    );
  });

  it('a tracked lesion measured on several studies counts at its most recent size, not its largest ever', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    const lesions = new LesionsService(s.db);
    const before = lesions.create(caseId, lesion({ longCm: 18, studyDate: '2026-06-01' }));
    const after = lesions.create(caseId, lesion({ longCm: 9, studyDate: '2026-11-20' }));
    lesions.create(caseId, lesion({ label: 'satellite', longCm: 4, studyDate: '2026-11-20' }));
    track(s, caseId, [before.id, after.id]);
    const stage = s.clinical.summary(caseId, MEETING).stage;
    expect(stage.size).toMatchObject({ sizeCm: 9, lesionId: after.id, date: '2026-11-20' });
    expect(stage.size.text).toContain("9 cm, lesion 'primary'");
    expect(stage.size.text).toContain(
      "most recent of 2 measurements: T uses each lesion's latest size, not its largest ever",
    );
    expect(stage.T).toBe('cT2');
  });
});

describe('pathological stage after a resection with the specimen size', () => {
  const dims = { tumourDim1Cm: 12.5, tumourDim2Cm: 8, tumourDim3Cm: 6 };

  it('pT from the largest dimension, with its source, next to cT; grade from the resection', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    new LesionsService(s.db).create(caseId, lesion({ longCm: 16.3, studyDate: '2026-09-22' }));
    s.clinical.pathology.create(caseId, report({ histotypeId: 'leiomyosarcoma', specimenDate: '2026-09-30' }));
    const resection = s.clinical.pathology.create(
      caseId,
      report({
        procedure: 'resection',
        specimenId: 'S26-1234',
        specimenDate: '2026-11-03',
        histotypeId: 'leiomyosarcoma',
        mitosesPer10Hpf: 25,
        necrosisPercent: 60,
        ...dims,
      }),
    );
    const stage = s.clinical.summary(caseId, MEETING).stage;
    expect(stage.T).toBe('cT4');
    expect(stage.pathological).toMatchObject({
      T: 'pT3',
      N: 'cN0',
      M: 'cM0',
      G: 'G3',
      stageGroup: 'IIIB',
      atLeastStageGroup: null,
      sizeCm: 12.5,
      reportId: resection.id,
      date: '2026-11-03',
      source: '12.5 cm, resection specimen S26-1234 of 3 Nov 2026',
      gradeNote: 'Grade from the resection specimen S26-1234 of 3 Nov 2026.',
    });
  });

  it('after neoadjuvant therapy: ypT, and the grade of the pre-treatment biopsy (AJCC)', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'retroperitoneum' });
    s.clinical.pathology.create(
      caseId,
      report({ specimenId: 'B-1', histotypeId: 'leiomyosarcoma', mitosesPer10Hpf: 25, necrosisPercent: 60 }),
    );
    s.clinical.pathology.create(
      caseId,
      report({
        procedure: 'excision',
        specimenDate: '2026-11-20',
        neoadjuvantTherapy: true,
        histotypeId: 'leiomyosarcoma',
        tumourDim1Cm: 4,
      }),
    );
    const p = s.clinical.summary(caseId, MEETING).stage.pathological!;
    expect(p).toMatchObject({ T: 'ypT1', N: 'cN0', M: 'cM0', G: 'G3', stageGroup: 'II' });
    expect(p.source).toBe('4 cm, excision specimen of 20 Nov 2026');
    expect(p.gradeNote).toBe(
      'After neoadjuvant therapy the resection cannot be graded: G3 is the grade of the pre-treatment core needle biopsy B-1 of 8 Oct 2026 (AJCC 8th).',
    );
    expect(p.explanation).toContain('The y prefix');
  });

  it('after neoadjuvant therapy with no graded biopsy: GX, raised to the histotype floor', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'retroperitoneum' });
    s.clinical.pathology.create(
      caseId,
      report({
        procedure: 'resection',
        neoadjuvantTherapy: true,
        histotypeId: 'dedifferentiated-liposarcoma',
        ...dims,
      }),
    );
    expect(s.clinical.summary(caseId, MEETING).stage.pathological).toMatchObject({
      T: 'ypT3',
      G: 'GX',
      stageGroup: 'IB',
      atLeastStageGroup: 'IIIB',
    });
  });

  it('none without a surgical specimen with dimensions, or outside the sarcoma chapters', () => {
    const s = setup();
    const caseId = s.newCase({ siteChapter: 'trunk-extremity' });
    s.clinical.pathology.create(caseId, report({ ...dims })); // a biopsy's dimensions give no pT
    s.clinical.pathology.create(caseId, report({ procedure: 'resection', specimenDate: '2026-11-03' }));
    expect(s.clinical.summary(caseId, MEETING).stage.pathological).toBeNull();
    const other = s.newCase({ siteChapter: 'other' });
    s.clinical.pathology.create(other, report({ procedure: 'resection', ...dims }));
    expect(s.clinical.summary(other, MEETING).stage.pathological).toBeNull();
  });
});
