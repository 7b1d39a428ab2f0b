import { describe, expect, it } from 'vitest';
import { differentiationScore, fnclccGrade, type FnclccInput } from '../../../shared/clinical/grading';

const g = (over: Partial<FnclccInput>) =>
  fnclccGrade({ differentiation: 2, mitosesPer10Hpf: 0, necrosisPercent: 0, ...over });

describe('fnclccGrade: components', () => {
  // Reference: mitoses per 10 HPF 0-9 -> 1; 10-19 -> 2; >= 20 -> 3.
  it.each([
    [0, 1],
    [9, 1],
    [10, 2],
    [19, 2],
    [20, 3],
    [75, 3],
  ])('%i mitoses/10 HPF scores %i', (m, score) => {
    expect(g({ mitosesPer10Hpf: m }).components.mitoses).toBe(score);
  });

  // Reference: necrosis none -> 0; < 50% -> 1; >= 50% -> 2.
  it.each([
    [0, 0],
    [0.5, 1],
    [1, 1],
    [49, 1],
    [49.9, 1],
    [50, 2],
    [100, 2],
  ])('%s percent necrosis scores %i', (n, score) => {
    expect(g({ necrosisPercent: n }).components.necrosis).toBe(score);
  });
});

describe('fnclccGrade: total score to grade (G1 2-3, G2 4-5, G3 6-8)', () => {
  it.each([
    [1, 0, 0, 2, 'G1'],
    [1, 10, 0, 3, 'G1'],
    [1, 0, 10, 3, 'G1'],
    [2, 10, 0, 4, 'G2'],
    [1, 20, 0, 4, 'G2'],
    [2, 10, 30, 5, 'G2'],
    [3, 10, 30, 6, 'G3'],
    [3, 0, 50, 6, 'G3'],
    [3, 20, 30, 7, 'G3'],
    [3, 20, 60, 8, 'G3'],
  ])('differentiation %i, %i mitoses, %i percent necrosis -> %i, %s', (d, m, n, score, grade) => {
    const r = g({ differentiation: d, mitosesPer10Hpf: m, necrosisPercent: n });
    expect(r.score).toBe(score);
    expect(r.grade).toBe(grade);
    expect(r.reason).toContain(`= ${score} -> ${grade}`);
  });

  it('reference example: conventional leiomyosarcoma 2 + 10 mitoses 2 + 30% necrosis 1 = 5 -> G2', () => {
    const r = fnclccGrade({
      differentiation: 2,
      mitosesPer10Hpf: 10,
      necrosisPercent: 30,
      histotypeId: 'leiomyosarcoma',
    });
    expect(r).toEqual({
      score: 5,
      grade: 'G2',
      components: { differentiation: 2, mitoses: 2, necrosis: 1 },
      status: 'graded',
      reason: expect.stringContaining('Differentiation 2 + mitoses 2 (10 per 10 HPF) + necrosis 1 (30%) = 5 -> G2'),
    });
  });
});

describe('fnclccGrade: GX', () => {
  it.each([
    [{ differentiation: null }, 'differentiation'],
    [{ differentiation: undefined }, 'differentiation'],
    [{ mitosesPer10Hpf: null }, 'mitosesPer10Hpf'],
    [{ necrosisPercent: undefined }, 'necrosisPercent'],
  ] as Array<[Partial<FnclccInput>, string]>)('missing %j gives GX naming %s', (over, field) => {
    const r = g(over);
    expect(r.grade).toBe('GX');
    expect(r.score).toBeNull();
    expect(r.status).toBe('incomplete');
    expect(r.reason).toMatch(/missing/);
    expect(r.reason).toContain(field);
  });

  it('keeps the components it could score when one is missing', () => {
    const r = g({ differentiation: 3, mitosesPer10Hpf: 12, necrosisPercent: null });
    expect(r.components).toEqual({ differentiation: 3, mitoses: 2, necrosis: null });
  });

  it.each([
    [{ differentiation: 0 }, 'differentiation'],
    [{ differentiation: 4 }, 'differentiation'],
    [{ differentiation: 2.5 }, 'differentiation'],
    [{ differentiation: Number.NaN }, 'differentiation'],
    [{ differentiation: '2' as unknown as number }, 'differentiation'],
    [{ mitosesPer10Hpf: -1 }, 'mitosesPer10Hpf'],
    [{ mitosesPer10Hpf: 3.5 }, 'mitosesPer10Hpf'],
    [{ mitosesPer10Hpf: Number.POSITIVE_INFINITY }, 'mitosesPer10Hpf'],
    [{ necrosisPercent: -0.1 }, 'necrosisPercent'],
    [{ necrosisPercent: 100.5 }, 'necrosisPercent'],
    [{ necrosisPercent: Number.NaN }, 'necrosisPercent'],
    [{ roundCellPercent: 101, histotypeId: 'myxoid-liposarcoma' }, 'roundCellPercent'],
  ] as Array<[Partial<FnclccInput>, string]>)('invalid %j gives GX naming %s, without throwing', (over, field) => {
    const r = g(over);
    expect(r.grade).toBe('GX');
    expect(r.score).toBeNull();
    expect(r.status).toBe('incomplete');
    expect(r.reason).toMatch(/invalid input/);
    expect(r.reason).toContain(field);
  });

  it('names every invalid field at once', () => {
    const r = g({ differentiation: 7, necrosisPercent: 150 });
    expect(r.reason).toContain('differentiation');
    expect(r.reason).toContain('necrosisPercent');
  });

  it.each([
    [{ differentiation: 3, mitosesPer10Hpf: 30, necrosisPercent: 80 }],
    [{ differentiation: null, mitosesPer10Hpf: null, necrosisPercent: null }],
  ] as Array<[Partial<FnclccInput>]>)('is not gradable after neoadjuvant therapy (%j)', (over) => {
    const r = g({ ...over, neoadjuvantTherapy: true });
    expect(r).toEqual({
      score: null,
      grade: 'GX',
      components: { differentiation: null, mitoses: null, necrosis: null },
      status: 'not-gradable',
      reason: expect.stringContaining('not gradable after neoadjuvant therapy'),
    });
  });

  it('grades normally when neoadjuvantTherapy is false', () => {
    expect(g({ neoadjuvantTherapy: false, mitosesPer10Hpf: 10 }).grade).toBe('G2');
  });

  it.each([['osteosarcoma'], ['chordoma'], ['chondrosarcoma']])('does not FNCLCC-grade a bone tumour (%s)', (id) => {
    const r = g({ histotypeId: id, differentiation: 3, mitosesPer10Hpf: 25 });
    expect(r.grade).toBe('GX');
    expect(r.status).toBe('not-gradable');
    expect(r.reason).toMatch(/bone tumour/);
  });

  it('never throws on a missing input object', () => {
    expect(fnclccGrade(undefined as unknown as FnclccInput).grade).toBe('GX');
  });
});

describe('fnclccGrade: myxoid liposarcoma round-cell rule', () => {
  const myxoid = { histotypeId: 'myxoid-liposarcoma', differentiation: 2, mitosesPer10Hpf: 2, necrosisPercent: 0 };
  it.each([
    [undefined, 'G1'],
    [0, 'G1'],
    [5, 'G1'],
    [5.1, 'G3'],
    [6, 'G3'],
    [40, 'G3'],
  ])('round-cell %s percent -> %s', (pct, grade) => {
    const r = fnclccGrade({ ...myxoid, roundCellPercent: pct });
    expect(r.grade).toBe(grade);
    if (grade === 'G3') expect(r.reason).toMatch(/> 5%.*high grade/);
    if (grade === 'G3') expect(r.score).toBe(3); // the summed score is still reported
  });

  it('is high grade even when a component is missing', () => {
    const r = fnclccGrade({ ...myxoid, mitosesPer10Hpf: null, roundCellPercent: 20 });
    expect(r.grade).toBe('G3');
    expect(r.score).toBeNull();
  });

  it.each([
    [undefined, 'G3'],
    [30, 'G3'],
    [3, 'G2'],
  ])('round cell liposarcoma with round-cell %s percent -> %s', (pct, grade) => {
    // differentiation 3 (Table 4) + 1 + 0 = 4 would be G2 by score alone.
    const r = fnclccGrade({
      histotypeId: 'round-cell-liposarcoma',
      differentiation: null,
      mitosesPer10Hpf: 1,
      necrosisPercent: 0,
      roundCellPercent: pct,
    });
    expect(r.grade).toBe(grade);
    expect(r.components.differentiation).toBe(3);
  });

  it.each([['undifferentiated-pleomorphic-sarcoma'], [undefined]])(
    'ignores a round-cell percentage outside myxoid liposarcoma (%s)',
    (histotypeId) => {
      const r = g({ differentiation: 1, histotypeId, roundCellPercent: 50 });
      expect(r.grade).toBe('G1');
      expect(r.reason).toMatch(/ignored/);
    },
  );

  it('still applies neoadjuvant GX before the round-cell rule', () => {
    expect(fnclccGrade({ ...myxoid, roundCellPercent: 50, neoadjuvantTherapy: true }).grade).toBe('GX');
  });
});

describe('fnclccGrade: differentiation from the histotype', () => {
  it.each([
    ['undifferentiated-pleomorphic-sarcoma', 3, 'G2'],
    ['myxofibrosarcoma', 2, 'G1'],
    ['atypical-lipomatous-tumour', 1, 'G1'],
  ])('%s without a hand-entered score uses %i', (histotypeId, diff, grade) => {
    const r = fnclccGrade({ differentiation: null, mitosesPer10Hpf: 3, necrosisPercent: 0, histotypeId });
    expect(r.components.differentiation).toBe(diff);
    expect(r.grade).toBe(grade);
    expect(r.reason).toMatch(/PDQ Table 4/);
  });

  it.each([['angiosarcoma'], ['mpnst'], ['not-a-histotype']])(
    '%s has no table score: the pathologist must enter it',
    (histotypeId) => {
      const r = fnclccGrade({ differentiation: null, mitosesPer10Hpf: 3, necrosisPercent: 0, histotypeId });
      expect(r.grade).toBe('GX');
      expect(r.reason).toContain('differentiation');
    },
  );

  it('uses the entered score over the table, and says so', () => {
    const r = fnclccGrade({
      differentiation: 3,
      mitosesPer10Hpf: 10,
      necrosisPercent: 30,
      histotypeId: 'leiomyosarcoma',
    });
    expect(r.score).toBe(6);
    expect(r.grade).toBe('G3');
    expect(r.reason).toMatch(/Table 4 gives 2/);
  });

  it('mentions an unknown histotype id', () => {
    expect(g({ histotypeId: 'foo' }).reason).toMatch(/"foo" is not in the catalogue/);
  });
});

describe('differentiationScore', () => {
  it.each([
    ['atypical-lipomatous-tumour', 1],
    ['well-differentiated-leiomyosarcoma', 1],
    ['myxoid-liposarcoma', 2],
    ['leiomyosarcoma', 2],
    ['dedifferentiated-liposarcoma', 3],
    ['synovial-sarcoma-biphasic', 3],
    ['ewing-sarcoma', 3],
    ['angiosarcoma', null],
    ['osteosarcoma', null],
    ['unknown-thing', null],
    [null, null],
  ])('%s -> %s', (id, score) => {
    expect(differentiationScore(id)).toBe(score);
  });
});
