import { describe, expect, it } from 'vitest';
import {
  stageSoftTissueSarcoma,
  tFromSize,
  type StagingInput,
  type StagingSite,
} from '../../../shared/clinical/staging';

const stage = (over: Partial<StagingInput>) =>
  stageSoftTissueSarcoma({ site: 'trunk-extremity', sizeCm: 3, N: 'N0', M: 'M0', G: 'G2', prefix: 'c', ...over });

describe('tFromSize (T by site chapter)', () => {
  it.each([
    // trunk/extremity and retroperitoneum: <= 5 T1, > 5..<= 10 T2, > 10..<= 15 T3, > 15 T4
    ...(['trunk-extremity', 'retroperitoneum'] as const).flatMap((site) => [
      [site, 0.4, 'T1'],
      [site, 5, 'T1'],
      [site, 5.01, 'T2'],
      [site, 5.1, 'T2'],
      [site, 10, 'T2'],
      [site, 10.01, 'T3'],
      [site, 15, 'T3'],
      [site, 15.01, 'T4'],
      [site, 40, 'T4'],
    ]),
    // head and neck: <= 2 T1, > 2..<= 4 T2, > 4 T3
    ['head-and-neck', 1, 'T1'],
    ['head-and-neck', 2, 'T1'],
    ['head-and-neck', 2.01, 'T2'],
    ['head-and-neck', 4, 'T2'],
    ['head-and-neck', 4.01, 'T3'],
    ['head-and-neck', 25, 'T3'],
    // visceral T is by extent, never size
    ['visceral', 3, 'TX'],
    ['visceral', 30, 'TX'],
  ] as Array<[StagingSite, number, string]>)('%s, %s cm -> %s', (site, cm, T) => {
    expect(tFromSize(site, cm)).toBe(T);
  });

  it.each([[null], [undefined], [0], [-2], [Number.NaN], [Number.POSITIVE_INFINITY]])('size %s -> TX', (cm) => {
    expect(tFromSize('trunk-extremity', cm)).toBe('TX');
  });
});

describe('stage groups, PDQ Table 7', () => {
  it.each([
    // [T size, G, trunk/extremity, retroperitoneum] with N0 M0
    [3, 'G1', 'IA'],
    [3, 'GX', 'IA'],
    [3, 'G2', 'II'],
    [3, 'G3', 'II'],
    [8, 'G1', 'IB'],
    [8, 'GX', 'IB'],
    [12, 'G1', 'IB'],
    [20, 'GX', 'IB'],
    [8, 'G2', 'IIIA'],
    [8, 'G3', 'IIIA'],
    [12, 'G2', 'IIIB'],
    [12, 'G3', 'IIIB'],
    [20, 'G2', 'IIIB'],
    [20, 'G3', 'IIIB'],
  ] as const)('N0 M0, %s cm, %s -> %s at both trunk/extremity and retroperitoneum', (cm, G, group) => {
    expect(stage({ site: 'trunk-extremity', sizeCm: cm, G }).stageGroup).toBe(group);
    expect(stage({ site: 'retroperitoneum', sizeCm: cm, G }).stageGroup).toBe(group);
  });

  it.each([
    ['trunk-extremity', 3, 'G1', 'IV'],
    ['trunk-extremity', 20, 'G3', 'IV'],
    ['trunk-extremity', null, 'GX', 'IV'],
    ['retroperitoneum', 3, 'G1', 'IIIB'],
    ['retroperitoneum', 20, 'G3', 'IIIB'],
    ['retroperitoneum', null, 'GX', 'IIIB'],
  ] as const)('N1 M0 at %s (%s cm, %s) -> %s', (site, cm, G, group) => {
    const r = stage({ site, sizeCm: cm, G, N: 'N1' });
    expect(r.stageGroup).toBe(group);
    expect(r.explanation).toContain(`Stage ${group}: any T, N1, M0, any G`);
  });

  it.each([
    ['trunk-extremity', 'N0'],
    ['trunk-extremity', 'N1'],
    ['retroperitoneum', 'N0'],
    ['retroperitoneum', 'N1'],
  ] as const)('M1 at %s with %s -> IV', (site, N) => {
    const r = stage({ site, N, M: 'M1', sizeCm: 2, G: 'G1' });
    expect(r.stageGroup).toBe('IV');
    expect(r.explanation).toContain('Stage IV: any T, any N, M1, any G (PDQ Table 7).');
  });

  it.each([
    ['head-and-neck', 'N0', 'M0'],
    ['head-and-neck', 'N1', 'M0'],
    ['head-and-neck', 'N0', 'M1'],
    ['visceral', 'N0', 'M0'],
    ['visceral', 'N1', 'M1'],
  ] as const)('no AJCC stage group at %s (%s %s)', (site, N, M) => {
    const r = stage({ site, N, M, sizeCm: 3, G: 'G3', t: site === 'visceral' ? 'T3' : undefined });
    expect(r.stageGroup).toBeNull();
    expect(r.explanation).toContain('No AJCC stage group for this site');
  });

  it.each([
    ['trunk-extremity', 4, 'T1', 'IA'],
    ['trunk-extremity', 12, 'T3', 'IB'],
    ['retroperitoneum', 5, 'T1', 'IA'],
    ['retroperitoneum', 16, 'T4', 'IB'],
    ['head-and-neck', 3, 'T2', null],
    ['visceral', 3, 'TX', null],
  ] as const)('GX at %s (%s cm) -> %s, %s', (site, cm, T, group) => {
    const r = stage({ site, sizeCm: cm, G: 'GX' });
    expect(r.T).toBe(`c${T}`);
    expect(r.G).toBe('GX');
    expect(r.stageGroup).toBe(group);
  });
});

describe('reference worked examples', () => {
  it.each([
    ['trunk-extremity', 5.0, 'N0', 'M0', 'G1', 'T1', 'IA'],
    ['trunk-extremity', 5.1, 'N0', 'M0', 'G1', 'T2', 'IB'],
    ['trunk-extremity', 10.0, 'N0', 'M0', 'G2', 'T2', 'IIIA'],
    ['trunk-extremity', 15.0, 'N0', 'M0', 'G2', 'T3', 'IIIB'],
    ['retroperitoneum', 12, 'N0', 'M1', 'G1', 'T3', 'IV'],
  ] as const)('%s %s cm %s %s %s -> %s, %s', (site, sizeCm, N, M, G, T, group) => {
    const r = stageSoftTissueSarcoma({ site, sizeCm, N, M, G, prefix: 'p' });
    expect(r.T).toBe(`p${T}`);
    expect(r.stageGroup).toBe(group);
  });

  it('explains the deciding table rows in plain English', () => {
    const r = stage({ sizeCm: 15, G: 'G2', prefix: 'p' });
    expect(r.explanation).toBe(
      'T3 (trunk and extremities: > 10 and <= 15 cm; 15.0 cm). Stage IIIB: T3-T4, N0, M0, G2-G3 (PDQ Table 7).',
    );
  });

  it.each([
    ['trunk-extremity', 5, 'T1 (trunk and extremities: <= 5 cm; 5.0 cm).'],
    ['trunk-extremity', 5.04, 'T2 (trunk and extremities: > 5 and <= 10 cm; 5.04 cm).'],
    ['retroperitoneum', 16, 'T4 (retroperitoneum: > 15 cm; 16.0 cm).'],
    ['head-and-neck', 4.5, 'T3 (head and neck: > 4 cm; 4.5 cm).'],
  ] as const)('%s %s cm explains T as "%s"', (site, sizeCm, text) => {
    expect(stage({ site, sizeCm }).explanation.startsWith(text)).toBe(true);
  });
});

describe('missing or unknown inputs', () => {
  it.each([
    ['trunk-extremity', null],
    ['retroperitoneum', null],
    ['trunk-extremity', Number.NaN],
    ['retroperitoneum', -1],
  ] as const)('%s with size %s -> TX and no stage group when N0 M0', (site, sizeCm) => {
    const r = stage({ site, sizeCm });
    expect(r.T).toBe('cTX');
    expect(r.stageGroup).toBeNull();
    expect(r.explanation).toMatch(/^TX \(/);
  });

  it('TX with M1 is still stage IV (the M1 row is "any T")', () => {
    expect(stage({ sizeCm: null, M: 'M1' }).stageGroup).toBe('IV');
  });

  it.each([['NX'], [null]] as const)('N %s counts as N0 and says so', (N) => {
    const r = stage({ N, sizeCm: 8, G: 'G3' });
    expect(r.N).toBe('cN0');
    expect(r.stageGroup).toBe('IIIA');
    expect(r.explanation).toContain('Nodal status unknown: counted as N0');
  });

  it('does not mention unknown nodes when N0 is given', () => {
    expect(stage({ N: 'N0' }).explanation).not.toContain('unknown');
  });

  it('visceral without a T from extent is TX', () => {
    const r = stage({ site: 'visceral', sizeCm: 12 });
    expect(r.T).toBe('cTX');
    expect(r.explanation).toContain('not size');
  });

  it('an unexpected site gives no T or stage group instead of throwing', () => {
    const r = stage({ site: 'other' as StagingSite, sizeCm: 12 });
    expect(r.T).toBe('cTX');
    expect(r.stageGroup).toBeNull();
  });
});

describe('prefixes', () => {
  it.each([
    ['c', 'N0', 'M0', 'cT2', 'cN0', 'cM0'],
    ['p', 'N1', 'M0', 'pT2', 'pN1', 'cM0'], // AJCC has no pM0
    ['p', 'N0', 'M1', 'pT2', 'pN0', 'pM1'],
    ['y', 'N0', 'M0', 'ycT2', 'ycN0', 'ycM0'], // a hand-set y is clinical after neoadjuvant therapy: yc
    ['r', 'N1', 'M1', 'rT2', 'rN1', 'rM1'],
  ] as const)('prefix %s with %s %s -> %s %s %s', (prefix, N, M, T, nOut, mOut) => {
    const r = stage({ prefix, N, M, sizeCm: 7 });
    expect([r.T, r.N, r.M]).toEqual([T, nOut, mOut]);
  });
});

describe('T by anatomical extent (t override)', () => {
  it.each([
    ['head-and-neck', 1.5, 'T4a', 'pT4a', /orbit/],
    ['head-and-neck', null, 'T4b', 'pT4b', /carotid/],
    ['visceral', 3, 'T1', 'pT1', /confined to the organ/],
    ['visceral', 3, 'T2b', 'pT2b', /beyond the serosa/],
    ['visceral', null, 'T4c', 'pT4c', /> 5 sites/],
    ['trunk-extremity', null, 'T0', 'pT0', /no evidence of primary/],
  ] as const)('%s, %s cm, t=%s -> %s', (site, sizeCm, t, T, text) => {
    const r = stage({ site, sizeCm, t, prefix: 'p' });
    expect(r.T).toBe(T);
    expect(r.explanation).toMatch(text);
  });

  it.each([
    ['trunk-extremity', 12, 'T1', 'cT3'],
    ['retroperitoneum', 3, 'T4', 'cT1'],
    ['head-and-neck', 3, 'T1', 'cT2'],
    ['head-and-neck', 3, 'T4c', 'cT2'],
    ['visceral', 3, 'T0', 'cTX'],
  ] as const)('%s ignores t=%s where size (or nothing) decides', (site, sizeCm, t, T) => {
    const r = stage({ site, sizeCm, t });
    expect(r.T).toBe(T);
    expect(r.explanation).toContain(`Given T "${t}" ignored`);
  });

  it('T0 N0 M0 has no stage group row', () => {
    expect(stage({ t: 'T0', sizeCm: null }).stageGroup).toBeNull();
  });

  it('head and neck T4a still has no stage group', () => {
    expect(stage({ site: 'head-and-neck', t: 'T4a', G: 'G3' }).stageGroup).toBeNull();
  });
});
