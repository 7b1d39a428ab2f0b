import { describe, expect, it } from 'vitest';
import { minimumGrade, minimumGradeReason } from '../../../shared/clinical/grading';
import { sizeAge } from '../../../shared/clinical/size-age';
import { stageGroupShort, stageGroupText, stageLineText, tSourceText } from '../../../shared/clinical/stage-text';
import { stageSoftTissueSarcoma, type StagingInput } from '../../../shared/clinical/staging';

const DDLPS = 'a dedifferentiated liposarcoma is at least G2';
const stage = (over: Partial<StagingInput>) =>
  stageSoftTissueSarcoma({
    site: 'retroperitoneum',
    sizeCm: 16.3,
    N: 'NX',
    M: 'M0',
    G: 'GX',
    prefix: 'c',
    minimumG: 'G2',
    minimumGReason: DDLPS,
    ...over,
  });

describe('minimumGrade: differentiation score 3 (PDQ Table 4) -> lowest FNCLCC total 3 + 1 + 0 = 4 -> G2 (AJCC 8th bands)', () => {
  it.each([
    // PDQ Table 4, score 3 rows
    ['dedifferentiated-liposarcoma', 'G2'],
    ['pleomorphic-liposarcoma', 'G2'],
    ['synovial-sarcoma', 'G2'],
    ['undifferentiated-sarcoma', 'G2'],
    ['extraskeletal-osteosarcoma', 'G2'],
    // Score 1 or 2 can still total 2-3 (G1): no floor
    ['well-differentiated-liposarcoma', null],
    ['myxoid-liposarcoma', null],
    ['leiomyosarcoma', null],
    // Bone tumours are not FNCLCC-graded; unknown or missing histotype: no floor
    ['dedifferentiated-chondrosarcoma', null],
    ['not-in-catalogue', null],
    [null, null],
    [undefined, null],
  ] as const)('%s -> %s', (id, g) => {
    expect(minimumGrade(id)).toBe(g);
  });

  it('says why, in words', () => {
    expect(minimumGradeReason('dedifferentiated-liposarcoma')).toBe(DDLPS);
    expect(minimumGradeReason('undifferentiated-sarcoma')).toBe('an undifferentiated sarcoma, NOS is at least G2');
    expect(minimumGradeReason('leiomyosarcoma')).toBe('');
  });
});

describe('atLeastStageGroup: PDQ Table 7 (AJCC 8th) with GX and with the minimum grade G2', () => {
  it.each([
    // [site, size cm, N, M, GX group, at-least group]; N0 M0 rows: T1 GX IA vs T1 G2 II, T2 GX IB vs IIIA,
    // T3/T4 GX IB vs IIIB; N1 and M1 rows ignore G, so no difference.
    ['trunk-extremity', 5, 'N0', 'M0', 'IA', 'II'],
    ['retroperitoneum', 0.5, 'N0', 'M0', 'IA', 'II'],
    ['trunk-extremity', 5.01, 'N0', 'M0', 'IB', 'IIIA'],
    ['retroperitoneum', 10, 'NX', 'M0', 'IB', 'IIIA'],
    ['retroperitoneum', 10.01, 'N0', 'M0', 'IB', 'IIIB'],
    ['trunk-extremity', 15, 'N0', 'M0', 'IB', 'IIIB'],
    ['retroperitoneum', 16.3, 'NX', 'M0', 'IB', 'IIIB'],
    ['trunk-extremity', 40, 'N0', 'M0', 'IB', 'IIIB'],
    ['retroperitoneum', 16.3, 'N1', 'M0', 'IIIB', null],
    ['trunk-extremity', 16.3, 'N1', 'M0', 'IV', null],
    ['retroperitoneum', 3, 'N0', 'M1', 'IV', null],
  ] as const)('%s %s cm %s %s GX: %s, at least %s', (site, sizeCm, N, M, group, atLeast) => {
    const r = stage({ site, sizeCm, N, M });
    expect(r.stageGroup).toBe(group);
    expect(r.atLeastStageGroup).toBe(atLeast);
    expect(r.atLeastReason).toBe(atLeast ? `grade not assessed, ${DDLPS}` : '');
  });

  it('the explanation names the higher group and why', () => {
    expect(stage({}).explanation).toContain(`At least stage IIIB: grade not assessed, ${DDLPS} (PDQ Table 7 with G2).`);
  });

  it.each(['G1', 'G2', 'G3'] as const)('not when the grade is known (%s)', (G) => {
    expect(stage({ G }).atLeastStageGroup).toBeNull();
  });

  it('not without a minimum grade, nor without T (no stage group to raise)', () => {
    expect(stage({ minimumG: null }).atLeastStageGroup).toBeNull();
    expect(stage({ minimumG: undefined }).atLeastStageGroup).toBeNull();
    expect(stage({ sizeCm: null }).atLeastStageGroup).toBeNull();
  });

  it.each([
    ['head-and-neck', 6, null],
    ['visceral', 6, 'T2'],
  ] as const)('not for %s (no AJCC stage group)', (site, sizeCm, t) => {
    const r = stage({ site, sizeCm, t });
    expect(r.stageGroup).toBeNull();
    expect(r.atLeastStageGroup).toBeNull();
  });

  it('without a reason it still says the grade floor', () => {
    expect(stage({ minimumGReason: undefined }).atLeastReason).toBe('grade not assessed, the grade is at least G2');
  });
});

describe("prefixes: 'yp' for a specimen after neoadjuvant therapy (AJCC general rules)", () => {
  it('ypT with a clinical N; there is no pM0, so cM0', () => {
    const r = stage({ prefix: 'yp', nPrefix: 'c', sizeCm: 12.5, G: 'G3' });
    expect([r.T, r.N, r.M, r.stageGroup]).toEqual(['ypT3', 'cN0', 'cM0', 'IIIB']);
  });
  it('pT with pN when N has no prefix of its own; M1 keeps the prefix', () => {
    const r = stage({ prefix: 'p', sizeCm: 4, G: 'G1', M: 'M1' });
    expect([r.T, r.N, r.M, r.stageGroup]).toEqual(['pT1', 'pN0', 'pM1', 'IV']);
  });
  it('an unknown prefix falls back to c', () => {
    expect(stage({ prefix: 'x' as never }).T).toBe('cT4');
  });
});

describe('stage-text: one wording for every screen, slide and letter', () => {
  const raised = { stageGroup: 'IB', atLeastStageGroup: 'IIIB', atLeastReason: `grade not assessed, ${DDLPS}` };
  it('never the bare lower group', () => {
    expect(stageGroupText(raised)).toBe(`IB (at least IIIB: grade not assessed, ${DDLPS})`);
    expect(stageGroupShort(raised)).toBe('IB, at least IIIB');
    expect(stageLineText({ ...raised, T: 'cT4', N: 'cN0', M: 'cM0', G: 'GX' })).toBe(
      `cT4 cN0 cM0 GX, stage IB (at least IIIB: grade not assessed, ${DDLPS})`,
    );
  });
  it('a plain group, and no group', () => {
    const plain = { stageGroup: 'IIIA', atLeastStageGroup: null, atLeastReason: '' };
    expect(stageGroupText(plain)).toBe('IIIA');
    expect(stageGroupShort(plain)).toBe('IIIA');
    expect(stageGroupText({ ...plain, stageGroup: null })).toBeNull();
    expect(stageLineText({ ...plain, stageGroup: null, T: 'cT2', N: 'cN0', M: 'cM0', G: 'G2' })).toBe(
      'cT2 cN0 cM0 G2, no stage group',
    );
  });
  it('T with its source', () => {
    expect(tSourceText('pT3', '12.5 cm, resection specimen S26-1234 of 3 Nov 2026')).toBe(
      'pT3: 12.5 cm, resection specimen S26-1234 of 3 Nov 2026',
    );
  });
});

describe('sizeAge: the size is stale when strictly older than the staleness limit before the meeting', () => {
  it.each([
    // 8 weeks = 56 days: exactly 56 days old is still current (same rule as the work-up checklist)
    ['2026-10-08', '2026-12-03', 8, false],
    ['2026-10-07', '2026-12-03', 8, true],
    ['2015-06-01', '2026-12-03', 8, true],
    ['2026-11-30', '2026-12-03', 1, false],
    ['2026-11-25', '2026-12-03', 1, true],
  ] as const)('%s for a meeting on %s, limit %s weeks: stale %s', (date, meeting, weeks, stale) => {
    expect(sizeAge(date, meeting, weeks).stale).toBe(stale);
  });
  it('says how old, and what to do', () => {
    expect(sizeAge('2026-10-07', '2026-12-03', 8).reason).toBe(
      'The size is from 7 Oct 2026, 57 days before the meeting of 3 Dec 2026: older than 8 weeks, so T may not reflect the tumour now. Measure a current study or type the current size.',
    );
    expect(sizeAge('2026-11-03', '2026-12-03', 8).reason).toBe('Measured 30 days before the meeting of 3 Dec 2026.');
    expect(sizeAge(null, '2026-12-03', 8)).toEqual({ stale: false, reason: '' });
  });
});
