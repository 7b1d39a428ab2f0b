import { describe, expect, it } from 'vitest';
import { drivingReport, gradeOfReport } from '../../../electron/services/clinical/pathology-service';
import { PathologyInput } from '../../../shared/domain/pathology';
import { caller, editable, report, setup } from './fixtures';

describe('pathology reports', () => {
  it('creates, lists, updates and removes a report with its IHC and molecular results; the grade is computed', () => {
    const { clinical, newCase, db } = setup();
    const caseId = newCase();
    const created = clinical.pathology.create(
      caseId,
      report({
        procedure: 'resection',
        specimenId: 'S26-1234',
        specimenDate: '2026-11-09',
        laboratory: 'Northgate histopathology',
        histotypeId: 'leiomyosarcoma',
        mitosesPer10Hpf: 10,
        necrosisPercent: 30,
        ihc: [
          { marker: 'Desmin', result: 'positive', note: 'diffuse' },
          { marker: 'SMA', result: 'focal' },
        ],
        molecular: [{ test: 'MDM2 amplification (FISH)', result: 'not amplified' }],
        marginStatus: 'R1',
        closestMarginMm: 0.5,
        treatmentEffect: 'None (no neoadjuvant therapy)',
        expertReview: { by: 'Dr R. Expert', date: '2026-11-20', agreement: 'concordant' },
        reportText: 'Leiomyosarcoma ...',
      }),
    );
    // Reference worked example: conventional LMS (2) + 10 mitoses (2) + 30% necrosis (1) = 5 -> G2.
    expect(created).toMatchObject({
      caseId,
      coded: true,
      histotypeName: 'Leiomyosarcoma, NOS (conventional)',
      icdO3: '8890/3',
      ihc: [
        { marker: 'Desmin', result: 'positive', note: 'diffuse' },
        { marker: 'SMA', result: 'focal', note: '' },
      ],
      molecular: [{ test: 'MDM2 amplification (FISH)', result: 'not amplified' }],
      grade: {
        grade: 'G2',
        score: 5,
        source: 'computed',
        status: 'graded',
        components: { differentiation: 2, mitoses: 2, necrosis: 1 },
      },
    });
    expect(created.grade.reason).toMatch(
      /Differentiation 2 \+ mitoses 2 \(10 per 10 HPF\) \+ necrosis 1 \(30%\) = 5 -> G2/,
    );

    const updated = clinical.pathology.update(
      created.id,
      report({ ...editable(created), mitosesPer10Hpf: 25, ihc: [], molecular: [] }),
    );
    expect(updated.grade).toMatchObject({ grade: 'G3', score: 6 });
    expect(updated.ihc).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM pathology_ihc').get()).toEqual({ n: 0 });
    expect(clinical.pathology.list(caseId).reports.map((r) => r.id)).toEqual([created.id]);

    clinical.pathology.remove(created.id);
    expect(clinical.pathology.list(caseId)).toEqual({
      reports: [],
      drivingReportId: null,
      drivingReason: expect.stringMatching(/No pathology report/),
    });
    expect(() => clinical.pathology.remove(created.id)).toThrow(/Pathology report \d+ does not exist/);
    expect(() => clinical.pathology.create(9999, report())).toThrow(/Case 9999 does not exist/);
  });

  it('free text is flagged as not coded; the grade then needs the differentiation typed in', () => {
    const { clinical, newCase } = setup();
    const caseId = newCase();
    const free = clinical.pathology.create(
      caseId,
      report({ histotypeText: 'Spindle cell sarcoma, NOS', icdO3: '8801/3', mitosesPer10Hpf: 3, necrosisPercent: 0 }),
    );
    expect(free).toMatchObject({
      coded: false,
      histotypeName: 'Spindle cell sarcoma, NOS',
      histotypeId: null,
      icdO3: '8801/3',
    });
    expect(free.grade).toMatchObject({ grade: 'GX', status: 'incomplete' });
    expect(free.grade.reason).toMatch(/missing differentiation/);
    const typed = clinical.pathology.update(free.id, report({ ...editable(free), differentiation: 3 }));
    expect(typed.grade).toMatchObject({ grade: 'G2', score: 4 });
  });

  it('the contract refuses bad reports with messages a coordinator understands', async () => {
    const { clinical, newCase } = setup();
    const call = caller(clinical);
    const caseId = newCase();
    const base = { procedure: 'core-needle-biopsy' as const, specimenDate: '2026-10-08' };
    const refused = async (r: Record<string, unknown>) => {
      const answer = await call('pathology:create', { caseId, report: { ...base, ...r } as never });
      expect(answer.ok).toBe(false);
      return answer.ok ? null : { field: answer.field, message: answer.message };
    };
    expect(await refused({ procedure: 'fine-needle' })).toMatchObject({
      field: 'report.procedure',
      message: expect.stringMatching(/Choose the procedure/),
    });
    expect(await refused({ specimenDate: '2026-02-30' })).toMatchObject({
      field: 'report.specimenDate',
      message: 'Not a real calendar date',
    });
    expect(await refused({ histotypeId: 'not-a-type' })).toMatchObject({
      field: 'report.histotypeId',
      message: expect.stringMatching(/not in the histotype catalogue/),
    });
    expect(await refused({ histotypeId: 'leiomyosarcoma', histotypeText: 'LMS' })).toMatchObject({
      field: 'report.histotypeText',
      message: expect.stringMatching(/not both/),
    });
    expect(await refused({ histotypeId: 'leiomyosarcoma', icdO3: '8858/3' })).toMatchObject({
      field: 'report.icdO3',
      message: expect.stringMatching(/8890\/3 in the catalogue/),
    });
    expect(await refused({ differentiation: 4 })).toMatchObject({
      field: 'report.differentiation',
      message: 'The differentiation score is 1, 2 or 3',
    });
    expect(await refused({ mitosesPer10Hpf: 2.5 })).toMatchObject({
      field: 'report.mitosesPer10Hpf',
      message: expect.stringMatching(/whole number/),
    });
    expect(await refused({ necrosisPercent: 150 })).toMatchObject({
      field: 'report.necrosisPercent',
      message: 'Necrosis is 0 to 100%',
    });
    expect(await refused({ ihc: [{ marker: 'desmin', result: 'weak' }] })).toMatchObject({
      field: 'report.ihc.0.result',
      message: expect.stringMatching(/positive, negative, focal or equivocal/),
    });
    expect(await refused({ marginStatus: 'R3' })).toMatchObject({ message: 'Margin status is R0, R1, R2 or RX' });
    expect(await refused({ closestMarginLessThan: true })).toMatchObject({ field: 'report.closestMarginMm' });
    expect(await refused({ expertReview: { by: 'Dr X', date: '2026-10-01', agreement: 'concordant' } })).toMatchObject({
      field: 'report.expertReview.date',
      message: expect.stringMatching(/before the specimen/),
    });
    expect(await refused({ surgeon: 'Dr Y' })).toMatchObject({ message: expect.stringMatching(/surgeon/) });

    const ok = await call('pathology:create', {
      caseId,
      report: {
        ...base,
        histotypeId: 'myxoid-liposarcoma',
        roundCellPercent: 10,
        mitosesPer10Hpf: 1,
        necrosisPercent: 0,
      },
    });
    expect(ok).toMatchObject({ ok: true, value: { grade: { grade: 'G3', status: 'graded' } } });
    expect(await call('pathology:remove', { id: 424242 })).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('a grade stated in the report is kept, labelled as reported, when its components are not recorded', () => {
    const reported = gradeOfReport(report({ histotypeId: 'leiomyosarcoma', reportedGrade: 'G2' }));
    expect(reported).toMatchObject({ grade: 'G2', score: null, source: 'reported', status: 'graded' });
    expect(reported.reason).toMatch(
      /^G2 as stated in the pathology report; the FNCLCC score is not computed \(missing mitosesPer10Hpf, necrosisPercent\)/,
    );
    // Components present: the computed grade wins and the disagreement is named.
    const both = gradeOfReport(
      report({ histotypeId: 'leiomyosarcoma', reportedGrade: 'G3', mitosesPer10Hpf: 1, necrosisPercent: 0 }),
    );
    expect(both).toMatchObject({ grade: 'G1', source: 'computed' });
    expect(both.reason).toMatch(/The report itself states G3/);
    // After neoadjuvant therapy GX is the answer (grading.ts), not a gap to be filled by the reported grade.
    expect(
      gradeOfReport(report({ histotypeId: 'leiomyosarcoma', reportedGrade: 'G2', neoadjuvantTherapy: true })),
    ).toMatchObject({
      grade: 'GX',
      status: 'not-gradable',
      reason: expect.stringMatching(/neoadjuvant.*The report's G2 is not used/),
    });
    expect(gradeOfReport(report({ histotypeId: 'osteosarcoma' }))).toMatchObject({
      grade: 'GX',
      status: 'not-gradable',
    });
    expect(gradeOfReport(report({ histotypeId: 'dedifferentiated-liposarcoma' }))).toMatchObject({
      grade: 'GX',
      status: 'incomplete',
      components: { differentiation: 3 },
    });
  });
});

describe('the report that drives grade and staging', () => {
  it('is the most recent specimen among the reviewed reports; a newer unreviewed report does not displace it', () => {
    const { clinical, newCase } = setup();
    const caseId = newCase();
    const review = (date: string) => ({ by: 'Dr R. Expert', date, agreement: 'concordant' as const });
    const biopsy = clinical.pathology.create(
      caseId,
      report({ specimenDate: '2026-09-01', histotypeId: 'leiomyosarcoma', reportedGrade: 'G3' }),
    );

    // No review anywhere: the most recent report drives.
    let list = clinical.pathology.list(caseId);
    expect(list.drivingReportId).toBe(biopsy.id);
    expect(list.drivingReason).toMatch(/no report has an expert review yet, so the most recent specimen is used/);

    const reviewedBiopsy = clinical.pathology.create(
      caseId,
      report({
        specimenDate: '2026-09-15',
        histotypeId: 'leiomyosarcoma',
        mitosesPer10Hpf: 12,
        necrosisPercent: 60,
        expertReview: review('2026-09-30'),
      }),
    );
    const resection = clinical.pathology.create(
      caseId,
      report({
        procedure: 'resection',
        specimenDate: '2026-11-09',
        histotypeId: 'leiomyosarcoma',
        reportedGrade: 'G1',
      }),
    );
    list = clinical.pathology.list(caseId);
    expect(list.reports.map((r) => r.id)).toEqual([biopsy.id, reviewedBiopsy.id, resection.id]);
    expect(list.drivingReportId).toBe(reviewedBiopsy.id);
    expect(list.drivingReason).toMatch(
      /most recent specimen with an expert review \(Dr R\. Expert, 30 Sep 2026, concordant\)\. A newer report is not used until reviewed by an expert\. The other 2 reports stay as history\./,
    );
    expect(clinical.summary(caseId, '2026-12-10')).toMatchObject({
      drivingReportId: reviewedBiopsy.id,
      grade: { grade: 'G3', score: 6 },
    });

    // Once the resection is reviewed, it drives.
    clinical.pathology.update(resection.id, report({ ...editable(resection), expertReview: review('2026-11-25') }));
    expect(clinical.pathology.list(caseId).drivingReportId).toBe(resection.id);
    expect(clinical.summary(caseId, '2026-12-10').grade).toMatchObject({ grade: 'G1', source: 'reported' });
  });

  it('breaks a same-day tie by the later review, then the later entry', () => {
    const { clinical, newCase } = setup();
    const caseId = newCase();
    const a = clinical.pathology.create(
      caseId,
      report({ expertReview: { by: 'A', date: '2026-10-20', agreement: 'concordant' } }),
    );
    const b = clinical.pathology.create(
      caseId,
      report({ expertReview: { by: 'B', date: '2026-10-10', agreement: 'minor-discordance' } }),
    );
    const reports = clinical.pathology.list(caseId).reports;
    expect(drivingReport(reports).report!.id).toBe(a.id);
    const c = clinical.pathology.create(
      caseId,
      report({ expertReview: { by: 'C', date: '2026-10-20', agreement: 'concordant' } }),
    );
    expect(drivingReport(clinical.pathology.list(caseId).reports).report!.id).toBe(c.id);
    expect(b.id).toBeLessThan(c.id);
  });
});

describe('the specimen: dimensions, depth and margins (issue 13 item 4)', () => {
  const MARGINS = [
    { margin: 'deep', distanceMm: 1, lessThan: true },
    { margin: 'proximal', distanceMm: 15 },
  ];

  it('are stored and read back; with no closest margin given, it is taken from the nearest margin of the list', () => {
    const { clinical, newCase } = setup();
    const caseId = newCase();
    const saved = clinical.pathology.create(
      caseId,
      report({
        procedure: 'resection',
        histotypeId: 'leiomyosarcoma',
        tumourDim1Cm: 12,
        tumourDim2Cm: 8.5,
        tumourDim3Cm: 5,
        depth: 'deep',
        marginStatus: 'R0',
        margins: MARGINS,
      }),
    );
    expect(saved).toMatchObject({
      tumourDim1Cm: 12,
      tumourDim2Cm: 8.5,
      tumourDim3Cm: 5,
      depth: 'deep',
      margins: [
        { margin: 'deep', distanceMm: 1, lessThan: true, involved: false },
        { margin: 'proximal', distanceMm: 15, lessThan: false, involved: false },
      ],
      closestMarginMm: 1,
      closestMarginLessThan: true,
    });
    // A closest margin given is kept as given (the report may name a margin it does not list).
    const kept = clinical.pathology.update(saved.id, report({ ...editable(saved), closestMarginMm: 0.5 }));
    expect(kept).toMatchObject({ closestMarginMm: 0.5, closestMarginLessThan: true });
    // An involved margin counts as 0 mm.
    const involved = clinical.pathology.update(
      saved.id,
      report({
        ...editable(saved),
        marginStatus: 'R1',
        closestMarginMm: null,
        closestMarginLessThan: false,
        margins: [...MARGINS, { margin: 'posterior', involved: true }],
      }),
    );
    expect(involved).toMatchObject({ closestMarginMm: 0, closestMarginLessThan: false });
  });

  it('refuses a list that contradicts the closest margin or the status, with messages naming the field', () => {
    const issues = (overrides: Partial<PathologyInput>) =>
      PathologyInput.safeParse({ procedure: 'resection', specimenDate: '2026-10-08', ...overrides }).error?.issues.map(
        (i) => ({ path: i.path.join('.'), message: i.message }),
      );
    expect(issues({ margins: MARGINS, closestMarginMm: 5 })).toEqual([
      {
        path: 'closestMarginMm',
        message:
          'The deep margin (1 mm) is nearer than the closest margin given (5 mm): correct one, or leave the closest margin empty to take it from the list',
      },
    ]);
    expect(issues({ marginStatus: 'R0', margins: [{ margin: 'deep', involved: true }] })).toEqual([
      { path: 'marginStatus', message: 'The deep margin is marked involved: R0 means no tumour at any margin' },
    ]);
    expect(issues({ margins: [{ margin: 'deep', distanceMm: 2, involved: true }] })).toEqual([
      {
        path: 'margins.0.distanceMm',
        message: 'An involved margin has tumour at the ink: leave the deep distance empty or 0',
      },
    ]);
    expect(issues({ margins: [{ margin: 'medial', lessThan: true }] })).toEqual([
      { path: 'margins.0.distanceMm', message: 'Give the distance the medial margin is less than' },
    ]);
    expect(issues({ margins: [{ margin: ' ', distanceMm: -1 }] })).toEqual([
      { path: 'margins.0.margin', message: 'Name the margin (e.g. deep, proximal)' },
      { path: 'margins.0.distanceMm', message: 'A margin distance cannot be negative' },
    ]);
    expect(issues({ tumourDim1Cm: 0, depth: 'middle' as never })).toEqual([
      { path: 'tumourDim1Cm', message: 'A tumour dimension must be more than 0 cm' },
      { path: 'depth', message: 'Depth is superficial, deep or not assessable' },
    ]);
  });
});
