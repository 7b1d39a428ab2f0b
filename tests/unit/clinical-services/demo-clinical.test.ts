import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { createClinicalServices } from '../../../electron/services/clinical';
import { readDemoBoard } from '../../../electron/services/demo/demo-board';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { demoCaseId } from '../../../electron/services/demo/demo-case-ids';
import { LesionsService } from '../../../electron/services/imaging/lesions-service';
import { lastOverride } from '../../../electron/services/clinical/ready-gate';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';
import { MEETING } from './fixtures';

function loaded() {
  const db = openDatabase(tempDataDir());
  loadDemoBoard(db, RESOURCES_DIR);
  const cases = new CasesService(db);
  // Each demo key's own case (a patient may have several episodes, each its own demo case).
  const board = readDemoBoard(RESOURCES_DIR);
  const ids = Object.fromEntries(board.cases.map((c) => [c.key, demoCaseId(db, board, c.key)!])) as Record<
    string,
    number
  >;
  return { db, ids, clinical: createClinicalServices(db), cases };
}

const states = (items: { id: string; state: string }[]) =>
  Object.fromEntries(items.filter((i) => i.state !== 'not-applicable').map((i) => [i.id, i.state]));

describe('the demo board clinical sections', () => {
  it('rp-ddlps: 16.3 cm lesion -> cT4; DDLPS with differentiation 3 from the catalogue but no mitoses/necrosis -> GX; M0 kept with the note -> IB, at least IIIB', () => {
    const { db, ids, clinical } = loaded();
    const id = ids['rp-ddlps'];
    expect(new LesionsService(db).list(id)).toEqual([
      expect.objectContaining({
        longCm: 9,
        shortCm: 8,
        craniocaudalCm: 16.3,
        greatestDimensionCm: 16.3,
        studyDate: '2026-09-22',
        source: 'typed',
      }),
    ]);
    const s = clinical.summary(id, MEETING);
    expect(s.grade).toMatchObject({
      grade: 'GX',
      status: 'incomplete',
      components: { differentiation: 3, mitoses: null, necrosis: null },
    });
    expect(s.grade.reason).toMatch(
      /missing mitosesPer10Hpf, necrosisPercent\. Differentiation 3 taken from the histotype \(Dedifferentiated liposarcoma, PDQ Table 4\)/,
    );
    expect(s.stage).toMatchObject({
      T: 'cT4',
      N: 'cN0',
      M: 'cM0',
      G: 'GX',
      stageGroup: 'IB',
      // Differentiation 3 (PDQ Table 4): the FNCLCC total is at least 4, so G2 at least: T4 N0 M0 G2 is IIIB.
      atLeastStageGroup: 'IIIB',
      atLeastReason: 'grade not assessed, a dedifferentiated liposarcoma is at least G2',
      // The outside CT of 22 Sep 2026 is more than 8 weeks before the December meeting.
      size: { sizeCm: 16.3, kind: 'lesion', date: '2026-09-22', stale: true },
      pathological: null,
    });
    expect(s.stage.size.text).toBe(
      "16.3 cm, lesion 'Left retroperitoneal mass (outside CT abdomen/pelvis)', typed, study of 22 Sep 2026",
    );
    expect(s.stage.explanation).toMatch(
      /Staging note: Possible lung metastasis .* not confirmed.*M1 makes it stage IV/,
    );
    // Gaps shown as missing: expert review, grade, MDM2; the outside CT abdomen/pelvis is older than 8 weeks.
    expect(states(s.readiness.items)).toEqual({
      'primary-imaging': 'stale',
      'chest-ct': 'done',
      biopsy: 'done',
      'expert-review': 'missing',
      'fnclcc-grade': 'missing',
      mdm2: 'missing',
    });
    expect(s.readiness.items.find((i) => i.id === 'biopsy')!.evidence!.description).toBe('Biopsy, type not stated');
    expect(s.readiness.items.find((i) => i.id === 'fnclcc-grade')!.reason).toMatch(
      /^No FNCLCC grade yet: cannot be assessed, missing mitosesPer10Hpf, necrosisPercent/,
    );
    expect(s.plan).toMatchObject({ options: [], text: '' });
    expect(clinical.timeline.list(id).map((e) => `${e.date} ${e.kind}`)).toEqual([
      '2026-09 presentation',
      '2026-10-08 biopsy',
      '2026-11-16 treatment',
    ]);
  });

  it('ivc-lms: the resection drives; FNCLCC G2 as reported; R0 < 1 mm; no size -> TX and no stage group', () => {
    const { ids, clinical } = loaded();
    const id = ids['ivc-lms'];
    const { reports, drivingReportId, drivingReason } = clinical.pathology.list(id);
    expect(reports.map((r) => [r.procedure, r.coded])).toEqual([
      ['biopsy-not-specified', false],
      ['resection', true],
    ]);
    const resection = reports[1];
    expect(drivingReportId).toBe(resection.id);
    expect(drivingReason).toMatch(
      /^Resection of 9 Nov 2026 drives grade and staging: no report has an expert review yet/,
    );
    expect(resection).toMatchObject({
      histotypeId: 'leiomyosarcoma',
      icdO3: '8890/3',
      marginStatus: 'R0',
      closestMarginMm: 1,
      closestMarginLessThan: true,
      reportDate: '2026-11-20',
    });

    const s = clinical.summary(id, MEETING);
    expect(s.grade).toMatchObject({ grade: 'G2', source: 'reported', status: 'graded', score: null });
    expect(s.stage).toMatchObject({ T: 'cTX', G: 'G2', stageGroup: null, size: { kind: 'none' } });
    // A post-operative question: the specimen's margins, imaging since the operation, the treatment given.
    expect(states(s.readiness.items)).toEqual({
      'resection-pathology': 'done',
      'post-operative-imaging': 'missing',
      'expert-review': 'missing',
      'fnclcc-grade': 'done',
      'treatment-history': 'done',
      'chest-ct': 'missing',
    });
    expect(s.plan.options).toEqual(['postoperative-radiotherapy', 'surveillance']);
  });

  it('back-lps, thigh-ilms: sizes 8 and 5.28 cm (latest) -> T2, GX -> IB; free-text liposarcoma is not coded; gaps missing', () => {
    const { ids, clinical } = loaded();
    const back = clinical.summary(ids['back-lps'], MEETING);
    expect(back.stage).toMatchObject({
      T: 'cT2',
      stageGroup: 'IB',
      size: { sizeCm: 8, text: "8 cm, lesion 'Upper back mass', typed, no study date" },
    });
    expect(clinical.pathology.list(ids['back-lps']).reports[0]).toMatchObject({
      coded: false,
      histotypeName: 'Liposarcoma, subtype not stated',
    });
    expect(back.readiness).toMatchObject({ missing: 5, pending: 2, stale: 0 });
    expect(states(back.readiness.items)).toMatchObject({
      'primary-imaging': 'missing',
      'chest-ct': 'missing',
      'fnclcc-grade': 'missing',
      mdm2: 'missing',
      // Needed only if it is myxoid: not decidable until the subtype is known.
      'ct-abdomen-pelvis': 'pending',
      'whole-spine-mri': 'pending',
    });

    const thigh = clinical.summary(ids['thigh-ilms'], MEETING);
    expect(thigh.grade).toMatchObject({
      grade: 'GX',
      status: 'incomplete',
      components: { differentiation: null, mitoses: 1 },
    });
    // The thigh mass was 6 cm at baseline and 5.28 cm at restaging: T uses its latest size (still T2).
    expect(thigh.stage).toMatchObject({ T: 'cT2', G: 'GX', stageGroup: 'IB', size: { sizeCm: 5.28 } });
    expect(clinical.pathology.list(ids['thigh-ilms']).reports[0].ihc).toEqual([
      { marker: 'Desmin', result: 'positive', note: 'diffuse' },
      { marker: 'MyoD1', result: 'positive', note: 'diffuse' },
    ]);
    expect(thigh.readiness).toMatchObject({ missing: 3, stale: 1 });
  });

  it("the MPS cases are not sarcomas: no pathology, no AJCC sarcoma stage, site 'other' explained", () => {
    const { ids, clinical } = loaded();
    for (const key of ['mps-1', 'mps-2', 'mps-3']) {
      const s = clinical.summary(ids[key], MEETING);
      expect(s.drivingReportId, key).toBeNull();
      expect(s.grade, key).toMatchObject({ grade: 'GX', status: 'no-report' });
      expect(s.stage, key).toMatchObject({
        applicable: false,
        T: null,
        stageGroup: null,
        explanation: expect.stringMatching(/site chapter is 'other'/),
      });
    }
    expect(clinical.summary(ids['mps-2'], MEETING).plan.text).toMatch(/40 Gy in 16 fractions/);
  });

  it('the two ready demo cases passed the ready gate: their missing items are on record with who overrode them and why', () => {
    const { db, ids, cases } = loaded();
    const overridden = {
      'ivc-lms': ['post-operative-imaging', 'expert-review', 'chest-ct'],
      // Palliative, not a sarcoma: no sarcoma items; the symptoms and the treatment so far are not on record.
      'mps-2': ['symptom-assessment', 'treatment-history'],
    };
    for (const [key, missing] of Object.entries(overridden)) {
      expect(cases.get(ids[key]).status, key).toBe('ready');
      const o = lastOverride(db, ids[key])!;
      expect(o, key).toMatchObject({ by: 'Joanne Pike, sarcoma MDT coordinator', meetingDate: '2026-12-10' });
      expect(
        o.missing.map((m) => m.id),
        key,
      ).toEqual(missing);
    }
    expect(lastOverride(db, ids['rp-ddlps'])).toBeNull();
  });

  it('readiness counts for the whole board; a second load adds nothing; a bad clinical section stores nothing', () => {
    const { db, ids, clinical } = loaded();
    const counts = clinical.readiness.counts(Object.values(ids), MEETING);
    expect(
      Object.fromEntries(
        counts.map((c) => [Object.keys(ids).find((k) => ids[k] === c.caseId), [c.missing, c.pending, c.stale]]),
      ),
    ).toEqual({
      // [missing, pending, stale]
      'rp-ddlps': [3, 0, 1],
      // Liposarcoma of unstated subtype: MDM2 is needed to tell which; the myxoid staging waits for the subtype.
      'back-lps': [5, 2, 0],
      // Post-operative: post-operative imaging, expert review and chest CT.
      'ivc-lms': [3, 0, 0],
      'thigh-ilms': [3, 0, 1],
      // Palliative, not sarcomas: no sarcoma items; symptom assessment (and the treatment so far, where the timeline
      // has none) missing.
      'mps-1': [1, 0, 0],
      'mps-2': [2, 0, 0],
      'mps-3': [2, 0, 0],
    });
    const rows = () =>
      db
        .prepare(
          'SELECT (SELECT count(*) FROM pathology_reports) AS p, (SELECT count(*) FROM lesions) AS l, (SELECT count(*) FROM case_events) AS e',
        )
        .get();
    expect(rows()).toEqual({ p: 5, l: 4, e: 9 });
    expect(loadDemoBoard(db, RESOURCES_DIR).casesCreated).toBe(0);
    expect(rows()).toEqual({ p: 5, l: 4, e: 9 });

    const resources = tempDataDir();
    cpSync(RESOURCES_DIR, resources, { recursive: true });
    const board = readDemoBoard(RESOURCES_DIR);
    board.cases[0].pathology![0].differentiation = 5;
    writeFileSync(path.join(resources, 'demo', 'board.json'), JSON.stringify(board));
    const empty = openDatabase(tempDataDir());
    expect(() => loadDemoBoard(empty, resources)).toThrow(
      /cases\.0\.pathology\.0\.differentiation: The differentiation score is 1, 2 or 3/,
    );
    expect(new CasesService(empty).count()).toBe(0);
  });
});
