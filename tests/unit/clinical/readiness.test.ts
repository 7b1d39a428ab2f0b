import { describe, expect, it } from 'vitest';
import {
  READINESS_ITEM_IDS,
  ReadinessInput,
  assessReadiness,
  type ImagingStudy,
  type ManualTick,
  type PathologyReport,
  type ReadinessItemId,
} from '../../../shared/clinical/readiness';

const MEETING = '2025-06-10';

/** ISO date `days` before the meeting. */
function before(days: number): string {
  return new Date(Date.parse(`${MEETING}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}
const study = (modality: string, bodyPart: string, studyDescription = '', daysAgo = 10): ImagingStudy => ({
  modality,
  bodyPart,
  studyDescription,
  date: before(daysAgo),
});
const report = (over: Partial<PathologyReport> = {}): PathologyReport => ({
  specimenId: 'S25-100',
  procedure: 'core-needle-biopsy',
  date: before(20),
  expertReview: { by: 'Dr Expert', date: before(12), agreement: 'concordant' },
  molecular: [],
  ...over,
});
const tick = (item: ReadinessItemId, daysAgo = 5, note = ''): ManualTick => ({
  item,
  date: before(daysAgo),
  by: 'Dr Coordinator',
  note,
});

/** A complete high-grade extremity UPS case: everything that applies is done. */
function base(over: Partial<ReadinessInput> = {}): ReadinessInput {
  return {
    siteChapter: 'trunk-extremity',
    histotypeId: 'undifferentiated-pleomorphic-sarcoma',
    histotypeText: '',
    fnclccGrade: 'G3',
    pathology: [report()],
    imaging: [study('MR', 'THIGH', 'MRI left thigh with contrast'), study('CT', 'CHEST', 'CT thorax')],
    manual: [],
    ...over,
  };
}
const assess = (over: Partial<ReadinessInput> = {}, staleAfterWeeks?: number) =>
  assessReadiness(base(over), { meetingDate: MEETING, staleAfterWeeks });
const itemOf = (over: Partial<ReadinessInput>, id: ReadinessItemId, staleAfterWeeks?: number) =>
  assess(over, staleAfterWeeks).items.find((i) => i.id === id)!;

describe('assessReadiness: summary', () => {
  it('a complete case is ready, with every item in a fixed order and labelled', () => {
    const r = assess();
    expect(r.items.map((i) => i.id)).toEqual([...READINESS_ITEM_IDS]);
    expect(r.items.every((i) => i.label.length > 0 && i.reason.length > 0)).toBe(true);
    expect(Object.fromEntries(r.items.map((i) => [i.id, i.state]))).toEqual({
      'primary-imaging': 'done',
      'chest-ct': 'done',
      biopsy: 'done',
      'expert-review': 'done',
      'fnclcc-grade': 'done',
      mdm2: 'not-applicable',
      'ct-abdomen-pelvis': 'not-applicable',
      'whole-spine-mri': 'not-applicable',
      'brain-imaging': 'not-applicable',
      'nodal-assessment': 'not-applicable',
    });
    expect(r).toMatchObject({ missing: 0, stale: 0, ready: true });
  });

  it('an empty case lists what is missing and is not ready', () => {
    const r = assess({ pathology: [], imaging: [], fnclccGrade: null });
    expect(r.items.filter((i) => i.state === 'missing').map((i) => i.id)).toEqual([
      'primary-imaging',
      'chest-ct',
      'biopsy',
      'expert-review',
      'fnclcc-grade',
    ]);
    expect(r).toMatchObject({ missing: 5, stale: 0, ready: false });
    expect(r.items.filter((i) => i.state === 'missing').every((i) => i.evidence === null)).toBe(true);
  });

  it('stale items warn but do not block readiness', () => {
    const r = assess({ imaging: [study('MR', 'THIGH', '', 100), study('CT', 'CHEST', '', 100)] });
    expect(r).toMatchObject({ missing: 0, stale: 2, ready: true });
  });
});

describe('staleness at the boundary', () => {
  it.each([
    [8, 55, 'done'],
    [8, 56, 'done'], // exactly 8 weeks: not older than 8 weeks
    [8, 57, 'stale'],
    [6, 42, 'done'],
    [6, 43, 'stale'],
    [undefined, 56, 'done'], // default 8 weeks
    [undefined, 57, 'stale'],
    [8, 0, 'done'],
    [8, -3, 'done'], // a study dated after the meeting date is current
  ] as const)('staleAfterWeeks %s, chest CT %i days before the meeting -> %s', (weeks, days, state) => {
    const item = itemOf(
      { imaging: [study('MR', 'THIGH'), study('CT', 'CHEST', 'CT thorax', days)] },
      'chest-ct',
      weeks,
    );
    expect(item.state).toBe(state);
    expect(item.evidence).toEqual({ kind: 'study', description: 'CT CHEST (CT thorax)', date: before(days) });
    if (state === 'stale') expect(item.reason).toContain(`older than ${weeks ?? 8} weeks`);
  });

  it.each([
    ['biopsy', { pathology: [report({ date: before(400) })] }],
    [
      'expert-review',
      { pathology: [report({ expertReview: { by: 'Dr E', date: before(400), agreement: 'concordant' } })] },
    ],
    [
      'mdm2',
      {
        histotypeId: 'dedifferentiated-liposarcoma',
        pathology: [report({ date: before(400), molecular: [{ test: 'MDM2 FISH', result: 'amplified' }] })],
      },
    ],
  ] as Array<[ReadinessItemId, Partial<ReadinessInput>]>)('pathology item %s never goes stale', (id, over) => {
    expect(itemOf(over, id).state).toBe('done');
  });

  it('the most recent study decides: a new scan replaces an old one', () => {
    const item = itemOf(
      { imaging: [study('MR', 'THIGH'), study('CT', 'CHEST', 'old', 200), study('CT', 'CHEST', 'new', 3)] },
      'chest-ct',
    );
    expect(item.state).toBe('done');
    expect(item.evidence?.description).toBe('CT CHEST (new)');
  });
});

describe('manual ticks', () => {
  it('a tick completes an item that has no study', () => {
    const item = itemOf(
      { imaging: [study('MR', 'THIGH')], manual: [tick('chest-ct', 7, 'CT at referring hospital')] },
      'chest-ct',
    );
    expect(item.state).toBe('done');
    expect(item.evidence).toEqual({
      kind: 'manual',
      description: 'Ticked by Dr Coordinator: CT at referring hospital',
      date: before(7),
    });
  });

  it('an old tick for an imaging item is stale', () => {
    expect(itemOf({ imaging: [study('MR', 'THIGH')], manual: [tick('chest-ct', 90)] }, 'chest-ct').state).toBe('stale');
  });

  it('on the same day a study is preferred over a tick; a newer tick wins', () => {
    const same = itemOf(
      { imaging: [study('MR', 'THIGH'), study('CT', 'CHEST', '', 5)], manual: [tick('chest-ct', 5)] },
      'chest-ct',
    );
    expect(same.evidence?.kind).toBe('study');
    const newer = itemOf(
      { imaging: [study('MR', 'THIGH'), study('CT', 'CHEST', '', 90)], manual: [tick('chest-ct', 2)] },
      'chest-ct',
    );
    expect(newer).toMatchObject({ state: 'done', evidence: { kind: 'manual' } });
  });

  it('a tick for one item does not complete another', () => {
    expect(itemOf({ imaging: [], manual: [tick('chest-ct')] }, 'primary-imaging').state).toBe('missing');
  });

  it('a tick does not make a not-applicable item count', () => {
    const r = assess({ manual: [tick('brain-imaging')] });
    expect(r.items.find((i) => i.id === 'brain-imaging')).toMatchObject({
      state: 'not-applicable',
      evidence: { kind: 'manual' },
    });
    expect(r.missing).toBe(0);
  });
});

describe('primary imaging by site chapter', () => {
  it.each([
    ['retroperitoneum', study('CT', 'ABDOMEN', 'CT abdomen with contrast'), 'done'],
    ['retroperitoneum', study('MR', 'PELVIS'), 'done'],
    ['retroperitoneum', study('CT', 'ABDOMENPELVIS'), 'done'],
    ['retroperitoneum', study('CT', '', 'CT CAP'), 'done'],
    ['retroperitoneum', study('CT', 'CHEST'), 'missing'],
    ['retroperitoneum', study('MR', 'THIGH'), 'missing'],
    ['retroperitoneum', study('US', 'ABDOMEN'), 'missing'],
    ['trunk-extremity', study('MR', 'THIGH'), 'done'],
    ['trunk-extremity', study('MR', 'CHEST', 'MR chest wall'), 'done'],
    ['trunk-extremity', study('CT', 'LEG', 'CT lower leg'), 'done'],
    ['trunk-extremity', study('MR', 'LSPINE', 'MR lumbar spine, paraspinal mass'), 'done'],
    ['trunk-extremity', study('CT', 'CHEST', 'CT thorax'), 'missing'],
    ['trunk-extremity', study('CT', 'CHESTABDPELVIS', 'CT chest abdomen pelvis'), 'missing'],
    ['trunk-extremity', study('MR', 'BRAIN'), 'missing'],
    ['trunk-extremity', study('MR', 'SPINE', 'MR whole spine'), 'missing'],
    ['trunk-extremity', study('PT', 'WHOLEBODY', 'FDG PET-CT'), 'missing'],
    ['trunk-extremity', study('US', 'THIGH'), 'missing'],
    ['trunk-extremity', study('CR', 'KNEE'), 'missing'],
    ['head-and-neck', study('MR', 'NECK'), 'done'],
    ['head-and-neck', study('CT', 'HEADNECK'), 'done'],
    ['head-and-neck', study('MR', 'HEAD', 'MR skull base'), 'done'],
    ['head-and-neck', study('CT', 'CHEST'), 'missing'],
    ['visceral', study('CT', 'ABDOMEN'), 'done'],
    ['visceral', study('CT', 'CHEST', 'CT thorax, mediastinal mass'), 'done'],
    ['visceral', study('MR', 'BRAIN'), 'missing'],
    ['other', study('MR', 'PELVIS'), 'done'],
  ] as const)('%s: %j -> %s', (siteChapter, s, state) => {
    const item = itemOf({ siteChapter, imaging: [s] }, 'primary-imaging');
    expect(item.state).toBe(state);
    expect(item.evidence === null).toBe(state === 'missing');
  });

  it('explains what retroperitoneal primary imaging needs', () => {
    expect(itemOf({ siteChapter: 'retroperitoneum', imaging: [] }, 'primary-imaging').reason).toMatch(
      /abdomen\/pelvis/,
    );
  });
});

describe('chest CT', () => {
  it.each([
    [study('CT', 'CHEST'), 'done'],
    [study('CT', '', 'CT THORAX + contrast'), 'done'],
    [study('ct', 'lung', ''), 'done'],
    [study('CT', '', 'CT CAP staging'), 'done'],
    [study('CT', 'CHESTABDPELVIS'), 'done'],
    [study('MR', 'CHEST'), 'missing'],
    [study('CR', 'CHEST', 'Chest X-ray'), 'missing'],
    [study('PT', 'WHOLEBODY', 'PET-CT'), 'missing'],
    [study('CT', 'TSPINE', 'CT thoracic spine'), 'missing'],
    [study('CT', 'ABDOMEN'), 'missing'],
  ] as const)('%j -> %s', (s, state) => {
    expect(itemOf({ imaging: [study('MR', 'THIGH'), s] }, 'chest-ct').state).toBe(state);
  });

  it.each([
    ['G1', 'not-applicable'],
    ['G2', 'missing'],
    ['G3', 'missing'],
    ['GX', 'missing'],
    [null, 'missing'],
  ] as const)('without a chest CT, grade %s -> %s', (fnclccGrade, state) => {
    expect(itemOf({ fnclccGrade, imaging: [study('MR', 'THIGH')] }, 'chest-ct').state).toBe(state);
  });

  it('a G1 case still shows its chest CT as evidence', () => {
    expect(itemOf({ fnclccGrade: 'G1' }, 'chest-ct')).toMatchObject({
      state: 'not-applicable',
      evidence: { kind: 'study' },
    });
  });
});

describe('biopsy, expert review and grade', () => {
  it.each([
    [[report()], 'done', /Core needle biopsy \(S25-100\)/],
    [[report({ procedure: 'incisional' })], 'done', /core needle is preferred/],
    [[report({ procedure: 'excision' })], 'done', /No pre-operative biopsy/],
    [[report({ procedure: 'resection', date: before(2) }), report({ date: before(30) })], 'done', /Core needle biopsy/],
    [[], 'missing', /core needle biopsy is needed/],
  ] as const)('biopsy with %j -> %s', (pathology, state, reason) => {
    const item = itemOf({ pathology: [...pathology] }, 'biopsy');
    expect(item.state).toBe(state);
    expect(item.reason).toMatch(reason);
  });

  it('expert review: evidence is the review, dated by the review', () => {
    expect(itemOf({}, 'expert-review')).toMatchObject({
      state: 'done',
      evidence: {
        kind: 'report',
        description: 'Expert review by Dr Expert (concordant) of core needle biopsy S25-100',
        date: before(12),
      },
    });
  });

  it.each([
    [[report({ expertReview: null })], 'missing'],
    [[], 'missing'],
    [[report({ expertReview: null }), report({ procedure: 'resection' })], 'done'],
  ] as const)('expert review with %j -> %s', (pathology, state) => {
    expect(itemOf({ pathology: [...pathology] }, 'expert-review').state).toBe(state);
  });

  it('a case outside the sarcoma chapters is not held to sarcoma pathology review and FNCLCC grading', () => {
    const other = { siteChapter: 'other' as const, histotypeId: null, fnclccGrade: null, pathology: [] };
    for (const id of ['expert-review', 'fnclcc-grade'] as const) {
      expect(itemOf(other, id)).toMatchObject({
        state: 'not-applicable',
        reason: expect.stringMatching(/Not a sarcoma site chapter/),
      });
    }
    // Tissue and imaging still count.
    expect(itemOf(other, 'biopsy').state).toBe('missing');
  });

  it('a major discordance is flagged', () => {
    const p = report({ expertReview: { by: 'Dr E', date: before(3), agreement: 'major-discordance' } });
    expect(itemOf({ pathology: [p] }, 'expert-review').reason).toMatch(/Major discordance/);
  });

  it.each([
    ['undifferentiated-pleomorphic-sarcoma', 'G2', 'done'],
    ['undifferentiated-pleomorphic-sarcoma', 'GX', 'done'],
    ['undifferentiated-pleomorphic-sarcoma', null, 'missing'],
    [null, null, 'missing'],
    ['osteosarcoma', null, 'not-applicable'],
  ] as const)('FNCLCC grade for %s, grade %s -> %s', (histotypeId, fnclccGrade, state) => {
    const item = itemOf({ histotypeId, fnclccGrade }, 'fnclcc-grade');
    expect(item.state).toBe(state);
    if (state === 'done')
      expect(item.evidence).toEqual({
        kind: 'report',
        description: expect.stringContaining(`FNCLCC ${fnclccGrade}`),
        date: before(20),
      });
  });
});

describe('histotype-specific work-up', () => {
  const fish = (result: string) => report({ molecular: [{ test: 'MDM2 amplification (FISH)', result }] });

  it.each([
    ['dedifferentiated-liposarcoma', [report()], 'missing'],
    ['dedifferentiated-liposarcoma', [fish('amplified')], 'done'],
    ['atypical-lipomatous-tumour', [fish('not amplified')], 'done'],
    ['well-differentiated-liposarcoma', [report()], 'missing'],
    ['myxoid-liposarcoma', [report()], 'not-applicable'],
    ['leiomyosarcoma', [fish('not amplified')], 'not-applicable'],
  ] as const)('MDM2 for %s -> %s', (histotypeId, pathology, state) => {
    const item = itemOf({ histotypeId, pathology: [...pathology] }, 'mdm2');
    expect(item.state).toBe(state);
    if (state === 'done') expect(item.evidence?.description).toMatch(/^MDM2 amplification \(FISH\): (not )?amplified/);
  });

  it('a liposarcoma of unstated subtype (typed, not coded) needs MDM2; the myxoid items wait for the subtype', () => {
    const nos = { histotypeId: null, histotypeText: 'Liposarcoma, subtype not stated' };
    expect(itemOf({ ...nos, pathology: [report()] }, 'mdm2')).toMatchObject({
      state: 'missing',
      reason: expect.stringContaining('does not say which liposarcoma'),
    });
    expect(itemOf({ ...nos, pathology: [fish('amplified')] }, 'mdm2').state).toBe('done');
    expect(itemOf(nos, 'ct-abdomen-pelvis')).toMatchObject({
      state: 'not-applicable',
      reason: expect.stringContaining('subtype is not stated'),
    });
    // Other typed histotypes still wait for the histotype.
    expect(itemOf({ histotypeId: null, histotypeText: 'Spindle cell sarcoma, NOS' }, 'mdm2').state).toBe(
      'not-applicable',
    );
  });

  const myx = { histotypeId: 'myxoid-liposarcoma', fnclccGrade: 'G2' as const };
  it.each([
    [[study('CT', 'ABDOMEN')], 'done', 'missing'],
    [[study('CT', 'CHESTABDPELVIS')], 'done', 'missing'],
    [[study('CT', 'PELVIS')], 'missing', 'missing'],
    [[study('MR', 'ABDOMEN')], 'missing', 'missing'],
    [[study('MR', 'SPINE', 'MRI whole spine')], 'missing', 'done'],
    [[study('MR', 'SPINE', 'MRI spine')], 'missing', 'done'],
    [[study('MR', 'SPINE', 'MR cervical, thoracic and lumbar spine')], 'missing', 'done'],
    [[study('MR', 'WHOLEBODY', 'Whole-body MRI')], 'missing', 'done'],
    [[study('MR', 'LSPINE', 'MR lumbar spine')], 'missing', 'missing'],
    [[study('CT', 'SPINE', 'CT whole spine')], 'missing', 'missing'],
  ] as const)('myxoid liposarcoma with %j -> CT abdomen/pelvis %s, whole-spine MRI %s', (extra, ctState, mrState) => {
    const imaging = [study('MR', 'THIGH'), study('CT', 'CHEST'), ...extra];
    expect(itemOf({ ...myx, imaging }, 'ct-abdomen-pelvis').state).toBe(ctState);
    expect(itemOf({ ...myx, imaging }, 'whole-spine-mri').state).toBe(mrState);
  });

  it('myxoid liposarcoma staging scans go stale like other imaging', () => {
    const imaging = [
      study('MR', 'THIGH'),
      study('CT', 'CHEST'),
      study('CT', 'ABDOMEN', '', 60),
      study('MR', 'WHOLEBODY', '', 57),
    ];
    expect(itemOf({ ...myx, imaging }, 'ct-abdomen-pelvis').state).toBe('stale');
    expect(itemOf({ ...myx, imaging }, 'whole-spine-mri').state).toBe('stale');
  });

  it.each([
    ['angiosarcoma', study('MR', 'BRAIN'), 'done'],
    ['alveolar-soft-part-sarcoma', study('CT', 'HEAD'), 'done'],
    ['clear-cell-sarcoma', study('MR', '', 'MRI cerebrum with gadolinium'), 'done'],
    ['epithelioid-sarcoma', study('MR', 'HEADNECK'), 'missing'],
    ['epithelioid-sarcoma', study('PT', 'BRAIN'), 'missing'],
    ['angiosarcoma', study('MR', 'THIGH'), 'missing'],
    ['leiomyosarcoma', study('MR', 'BRAIN'), 'not-applicable'],
  ] as const)('brain imaging for %s with %j -> %s', (histotypeId, s, state) => {
    expect(
      itemOf({ histotypeId, imaging: [study('MR', 'THIGH'), study('CT', 'CHEST'), s] }, 'brain-imaging').state,
    ).toBe(state);
  });

  it.each([
    ['synovial-sarcoma', study('PT', 'WHOLEBODY', 'FDG PET-CT'), 'done'],
    ['embryonal-rhabdomyosarcoma', study('US', 'GROIN', 'US inguinal lymph nodes'), 'done'],
    ['clear-cell-sarcoma', study('NM', '', 'Sentinel node lymphoscintigraphy'), 'done'],
    ['angiosarcoma', study('CT', 'NECK', 'CT neck nodes'), 'done'],
    ['epithelioid-sarcoma', study('MR', 'THIGH'), 'missing'],
    ['synovial-sarcoma-biphasic', study('US', 'THIGH'), 'missing'],
    ['myxofibrosarcoma', study('PT', 'WHOLEBODY'), 'not-applicable'],
  ] as const)('nodal assessment for %s with %j -> %s', (histotypeId, s, state) => {
    expect(
      itemOf({ histotypeId, imaging: [study('MR', 'THIGH'), study('CT', 'CHEST'), s] }, 'nodal-assessment').state,
    ).toBe(state);
  });

  it('nodal assessment can be ticked by hand (clinical examination) and goes stale', () => {
    expect(
      itemOf(
        { histotypeId: 'synovial-sarcoma', manual: [tick('nodal-assessment', 10, 'clinical exam')] },
        'nodal-assessment',
      ).state,
    ).toBe('done');
    expect(
      itemOf({ histotypeId: 'synovial-sarcoma', manual: [tick('nodal-assessment', 70)] }, 'nodal-assessment').state,
    ).toBe('stale');
  });
});

describe('unknown histotype', () => {
  const EXTRAS: ReadinessItemId[] = [
    'mdm2',
    'ct-abdomen-pelvis',
    'whole-spine-mri',
    'brain-imaging',
    'nodal-assessment',
  ];

  it.each([
    [null, 'Depends on the histotype, not yet known.'],
    ['not-a-histotype', 'Depends on the histotype; "not-a-histotype" is not in the catalogue.'],
  ])('histotype %s: the extras are not applicable, grade and expert review still apply', (histotypeId, reason) => {
    const r = assess({ histotypeId, fnclccGrade: null, pathology: [report({ expertReview: null })] });
    for (const id of EXTRAS) {
      expect(r.items.find((i) => i.id === id)).toMatchObject({ state: 'not-applicable', reason });
    }
    expect(r.items.find((i) => i.id === 'fnclcc-grade')?.state).toBe('missing');
    expect(r.items.find((i) => i.id === 'expert-review')?.state).toBe('missing');
    expect(r).toMatchObject({ missing: 2, ready: false });
  });

  it('the extras become missing once the histotype is known', () => {
    const r = assess({ histotypeId: 'angiosarcoma' });
    expect(r.items.filter((i) => i.state === 'missing').map((i) => i.id)).toEqual([
      'brain-imaging',
      'nodal-assessment',
    ]);
  });
});

describe('ReadinessInput schema', () => {
  it('fills defaults so a minimal case can be assessed', () => {
    const parsed = ReadinessInput.parse({ siteChapter: 'retroperitoneum' });
    expect(parsed).toEqual({
      siteChapter: 'retroperitoneum',
      histotypeId: null,
      histotypeText: '',
      fnclccGrade: null,
      pathology: [],
      imaging: [],
      manual: [],
    });
    expect(assessReadiness(parsed, { meetingDate: MEETING }).missing).toBe(5);
  });

  it.each([
    [{ siteChapter: 'leg' }],
    [{ siteChapter: 'retroperitoneum', fnclccGrade: 'G4' }],
    [{ siteChapter: 'retroperitoneum', imaging: [{ modality: 'CT', date: '2025-02-30' }] }],
    [{ siteChapter: 'retroperitoneum', pathology: [{ procedure: 'fna', date: '2025-01-01' }] }],
    [{ siteChapter: 'retroperitoneum', manual: [{ item: 'coffee', date: '2025-01-01', by: 'me' }] }],
  ])('rejects %j', (raw) => {
    expect(ReadinessInput.safeParse(raw).success).toBe(false);
  });
});
