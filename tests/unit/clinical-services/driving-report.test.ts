import { describe, expect, it } from 'vitest';
import { drivingReport } from '../../../electron/services/clinical/pathology-service';
import type { PathologyInput } from '../../../shared/domain/pathology';
import { caller, MEETING, report, setup, type Setup } from './fixtures';

/**
 * Which report drives grade and staging (issue 13 item 2, docs/clinical-rules.md#driving-report): by content, then
 * expert review, then recency; a person may choose another report with a reason.
 */

const REVIEW = (date: string) => ({ by: 'Dr R. Expert', date, agreement: 'concordant' as const });
// Myxoid liposarcoma scores 2 for differentiation (PDQ Table 4); 25 mitoses per 10 HPF = 3; 10% necrosis = 1: 6 -> G3.
const G3_MYXOID: Partial<PathologyInput> = {
  histotypeId: 'myxoid-liposarcoma',
  mitosesPer10Hpf: 25,
  necrosisPercent: 10,
};
const JUST_SENT: Partial<PathologyInput> = { procedure: 'resection', specimenDate: '2026-11-20' };

function withReports(s: Setup, rows: Partial<PathologyInput>[]) {
  const caseId = s.newCase();
  const ids = rows.map((r) => s.clinical.pathology.create(caseId, report(r)).id);
  return { caseId, ids };
}

describe('the content rule', () => {
  // Each row: the reports in entry order, and which of them (index) drives. Dates are specimen dates.
  const TABLE: { name: string; reports: Partial<PathologyInput>[]; drives: number; why: RegExp }[] = [
    {
      name: 'a newer report with only a procedure and a date does not replace a graded biopsy',
      reports: [{ specimenDate: '2026-10-01', ...G3_MYXOID }, JUST_SENT],
      drives: 0,
      why: /The newer resection of 20 Nov 2026 states neither histotype nor grade, so it does not replace this one\./,
    },
    {
      name: 'a newer report with a histotype only (no grade) does drive: it states a diagnosis',
      reports: [
        { specimenDate: '2026-10-01', ...G3_MYXOID },
        { ...JUST_SENT, histotypeId: 'myxoid-liposarcoma' },
      ],
      drives: 1,
      why: /no report has an expert review yet, so the most recent specimen is used/,
    },
    {
      name: 'a newer report with a stated grade only (no histotype) drives',
      reports: [
        { specimenDate: '2026-10-01', histotypeId: 'leiomyosarcoma' },
        { ...JUST_SENT, reportedGrade: 'G2' },
      ],
      drives: 1,
      why: /the most recent specimen is used/,
    },
    {
      name: 'a stated GX is no grade: with no histotype either, the report does not drive',
      reports: [
        { specimenDate: '2026-10-01', ...G3_MYXOID },
        { ...JUST_SENT, reportedGrade: 'GX' },
      ],
      drives: 0,
      why: /states neither histotype nor grade/,
    },
    {
      name: 'a reviewed report without content does not beat an unreviewed one with content',
      reports: [
        { specimenDate: '2026-10-01', ...G3_MYXOID },
        { ...JUST_SENT, expertReview: REVIEW('2026-11-25') },
      ],
      drives: 0,
      why: /no report has an expert review yet/,
    },
    {
      name: 'among reports with content, the reviewed one wins over a newer unreviewed one',
      reports: [
        { specimenDate: '2026-10-01', ...G3_MYXOID, expertReview: REVIEW('2026-10-10') },
        { ...JUST_SENT, histotypeId: 'myxoid-liposarcoma', reportedGrade: 'G1' },
      ],
      drives: 0,
      why: /most recent specimen with an expert review .*A newer report is not used until reviewed by an expert\./,
    },
    {
      name: 'after neoadjuvant therapy, the resection (GX, not gradable) does not hide the pre-treatment grade',
      reports: [
        { specimenDate: '2026-07-01', ...G3_MYXOID },
        { ...JUST_SENT, histotypeId: 'myxoid-liposarcoma', neoadjuvantTherapy: true, treatmentEffect: '40% viable' },
      ],
      drives: 0,
      why: /The resection of 20 Nov 2026 was taken after neoadjuvant therapy and cannot be graded, so the pre-treatment grade stands\./,
    },
    {
      name: 'after neoadjuvant therapy with no pre-treatment grade, the resection drives (nothing to hide)',
      reports: [
        { specimenDate: '2026-07-01', histotypeId: 'myxoid-liposarcoma' },
        { ...JUST_SENT, histotypeId: 'myxoid-liposarcoma', neoadjuvantTherapy: true },
      ],
      drives: 1,
      why: /the most recent specimen is used/,
    },
    {
      name: 'no report states anything: the most recent drives, and the reason says so',
      reports: [{ specimenDate: '2026-10-01' }, JUST_SENT],
      drives: 1,
      why: /no report states a histotype or a grade yet, so the most recent specimen is used/,
    },
  ];

  it.each(TABLE)('$name', ({ reports, drives, why }) => {
    const s = setup();
    const { caseId, ids } = withReports(s, reports);
    const list = s.clinical.pathology.list(caseId);
    expect(list.drivingReportId).toBe(ids[drives]);
    expect(list.drivingReason).toMatch(why);
    // The summary (grade, stage, readiness) reads the same report.
    expect(s.clinical.summary(caseId, MEETING).drivingReportId).toBe(ids[drives]);
  });

  it('the issue scenario: G3 myxoid liposarcoma biopsy, then a resection just sent: G3 and the myxoid work-up stay', () => {
    const s = setup();
    const { caseId } = withReports(s, [{ specimenDate: '2026-10-01', ...G3_MYXOID }]);
    const before = s.clinical.summary(caseId, MEETING);
    expect(before.grade).toMatchObject({ grade: 'G3', score: 6 });

    s.clinical.pathology.create(caseId, report(JUST_SENT));
    const after = s.clinical.summary(caseId, MEETING);
    expect(after.grade).toMatchObject({ grade: 'G3', score: 6 });
    expect(after.stage.G).toBe('G3');
    const item = (id: string) => after.readiness.items.find((i) => i.id === id)!;
    for (const id of ['ct-abdomen-pelvis', 'whole-spine-mri']) {
      expect(item(id).state, id).not.toBe('not-applicable');
      expect(item(id).state, id).toBe(before.readiness.items.find((i) => i.id === id)!.state);
    }
  });
});

describe('choosing the driving report', () => {
  function chooser(s: Setup) {
    const userId = Number(
      s.db
        .prepare(
          `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
           VALUES ('ada', 'Dr Ada Lee', 'coordinator', 'scrypt$x', 'now', 'now')`,
        )
        .run().lastInsertRowid,
    );
    return { userId, name: 'Dr Ada Lee' };
  }

  it('a chosen report wins over the rule, says who chose it, when and why; back to the rule undoes it', () => {
    const s = setup();
    const { caseId, ids } = withReports(s, [
      { specimenDate: '2026-10-01', histotypeId: 'leiomyosarcoma', reportedGrade: 'G3' },
      { ...JUST_SENT, histotypeId: 'leiomyosarcoma', reportedGrade: 'G1' },
    ]);
    expect(s.clinical.summary(caseId, MEETING).grade.grade).toBe('G1');

    s.clinical.pathology.chooseDriving(caseId, ids[0], 'The resection grade is provisional. ', chooser(s));
    const summary = s.clinical.summary(caseId, MEETING);
    expect(summary.drivingReportId).toBe(ids[0]);
    expect(summary.grade.grade).toBe('G3');
    expect(summary.drivingReason).toMatch(
      /^Core needle biopsy of 1 Oct 2026 drives grade and staging: chosen by Dr Ada Lee on 1 Nov 2026: The resection grade is provisional\. By the rule, the resection of 20 Nov 2026 would drive\. The other report stays as history\.$/,
    );
    const listed = s.clinical.pathology.list(caseId);
    expect(listed.reports.find((r) => r.id === ids[0])!.drivingChoice).toMatchObject({ by: 'Dr Ada Lee' });

    s.clinical.pathology.chooseDriving(caseId, null, '', { userId: null, name: 'Test chair' });
    expect(s.clinical.summary(caseId, MEETING)).toMatchObject({ drivingReportId: ids[1], grade: { grade: 'G1' } });
    expect(s.db.prepare('SELECT count(*) AS n FROM driving_report_choices').get()).toEqual({ n: 0 });
  });

  it('through the channel: the answer is the summary with the chosen report; deleting the report drops the choice', async () => {
    const s = setup();
    const call = caller(s.clinical);
    const { caseId, ids } = withReports(s, [
      { specimenDate: '2026-10-01', ...G3_MYXOID },
      { ...JUST_SENT, histotypeId: 'myxoid-liposarcoma' },
    ]);
    const chosen = await call('clinical:chooseDrivingReport', {
      caseId,
      reportId: ids[0],
      reason: 'Resection grade pending review',
    });
    expect(chosen).toMatchObject({ ok: true, value: { drivingReportId: ids[0], grade: { grade: 'G3' } } });
    // The test session's user has no users row: the reason still names someone.
    expect(chosen.ok && chosen.value.drivingReason).toMatch(/chosen by a user not on record on \d+ \w+ \d{4}: /);

    s.clinical.pathology.remove(ids[0]);
    expect(s.db.prepare('SELECT count(*) AS n FROM driving_report_choices').get()).toEqual({ n: 0 });
    expect(s.clinical.summary(caseId, MEETING).drivingReportId).toBe(ids[1]);
  });

  it('refuses bad input with a message naming what is wrong, and changes nothing', async () => {
    const s = setup();
    const call = caller(s.clinical);
    const { caseId, ids } = withReports(s, [{ ...G3_MYXOID }, JUST_SENT]);
    const other = withReports(s, [{ ...G3_MYXOID }]);

    expect(await call('clinical:chooseDrivingReport', { caseId, reportId: ids[1], reason: '   ' })).toEqual({
      ok: false,
      code: 'invalid-input',
      field: 'reason',
      message: 'Say why this report should drive grade and staging',
    });
    expect(await call('clinical:chooseDrivingReport', { caseId, reportId: other.ids[0], reason: 'x' })).toEqual({
      ok: false,
      code: 'invalid-input',
      field: 'reportId',
      message: `Pathology report ${other.ids[0]} is not a report of this case`,
    });
    expect(await call('clinical:chooseDrivingReport', { caseId, reportId: 9999, reason: 'x' })).toMatchObject({
      ok: false,
      code: 'not-found',
      message: 'Pathology report 9999 does not exist',
    });
    expect(await call('clinical:chooseDrivingReport', { caseId: 9999, reportId: null })).toMatchObject({
      ok: false,
      code: 'not-found',
      message: 'Case 9999 does not exist',
    });
    expect(
      await call('clinical:chooseDrivingReport', { caseId, reportId: ids[1], reason: 'x'.repeat(1001) }),
    ).toMatchObject({ ok: false, field: 'reason', message: 'At most 1000 characters' });
    expect(s.db.prepare('SELECT count(*) AS n FROM driving_report_choices').get()).toEqual({ n: 0 });
  });

  it('drivingReport honours a choice on any report, even one the rule would never pick', () => {
    const s = setup();
    const { caseId, ids } = withReports(s, [{ ...G3_MYXOID }, JUST_SENT]);
    s.clinical.pathology.chooseDriving(caseId, ids[1], 'Specimen supersedes the biopsy', chooser(s));
    const { report: d, reason } = drivingReport(s.clinical.pathology.list(caseId).reports);
    expect(d!.id).toBe(ids[1]);
    expect(reason).toMatch(/By the rule, the core needle biopsy of 8 Oct 2026 would drive\./);
  });
});
