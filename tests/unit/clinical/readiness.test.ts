import { describe, expect, it } from 'vitest';
import {
  READINESS_ITEM_LABEL,
  READINESS_ITEMS_BY_QUESTION,
  ReadinessInput,
  SARCOMA_ONLY,
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
  margins: '',
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
    questionKind: 'diagnosis',
    treatments: [],
    ecog: null,
    ...over,
  };
}
const assess = (over: Partial<ReadinessInput> = {}, staleAfterWeeks?: number) =>
  assessReadiness(base(over), { meetingDate: MEETING, staleAfterWeeks });
const itemOf = (over: Partial<ReadinessInput>, id: ReadinessItemId, staleAfterWeeks?: number) =>
  assess(over, staleAfterWeeks).items.find((i) => i.id === id)!;

describe('assessReadiness: summary', () => {
  it('a complete case is ready, with the diagnostic items in their order, each labelled by its purpose', () => {
    const r = assess();
    expect(r.items.map((i) => i.id)).toEqual([...READINESS_ITEMS_BY_QUESTION.diagnosis]);
    expect(r.items.map((i) => i.label)).toContain('CT abdomen/pelvis for myxoid liposarcoma staging');
    expect(r.items.map((i) => i.label)).toContain('Chest CT for staging of a high-grade sarcoma');
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
    expect(r).toMatchObject({ missing: 0, pending: 0, stale: 0, ready: true });
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
    [8, 0, 'done'], // on the day of the meeting
    [8, -1, 'missing'], // dated after the meeting: the board cannot have seen it
    [8, -3, 'missing'],
  ] as const)('staleAfterWeeks %s, chest CT %i days before the meeting -> %s', (weeks, days, state) => {
    const item = itemOf(
      { imaging: [study('MR', 'THIGH'), study('CT', 'CHEST', 'CT thorax', days)] },
      'chest-ct',
      weeks,
    );
    expect(item.state).toBe(state);
    const ev = { kind: 'study', description: 'CT CHEST (CT thorax)', date: before(days) };
    expect(item.evidence).toEqual(days < 0 ? null : ev);
    expect(item.afterMeeting).toEqual(days < 0 ? ev : null);
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

  it('a case outside the sarcoma chapters has no sarcoma-only items at all (left out, not "not applicable")', () => {
    const other = { siteChapter: 'other' as const, histotypeId: null, fnclccGrade: null, pathology: [] };
    const r = assess(other);
    expect(r.items.map((i) => i.id)).toEqual(['primary-imaging', 'biopsy']);
    expect(r.items.some((i) => i.state === 'not-applicable' || SARCOMA_ONLY.has(i.id))).toBe(false);
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
    for (const id of ['ct-abdomen-pelvis', 'whole-spine-mri'] as const) {
      expect(itemOf(nos, id)).toMatchObject({
        state: 'pending',
        reason: expect.stringContaining('Depends on the liposarcoma subtype, not yet known'),
      });
    }
    // No liposarcoma subtype needs brain imaging or is node-prone: those are known not to apply.
    expect(itemOf(nos, 'brain-imaging').state).toBe('not-applicable');
    expect(itemOf(nos, 'nodal-assessment').state).toBe('not-applicable');
    // Other typed histotypes still wait for the histotype.
    expect(itemOf({ histotypeId: null, histotypeText: 'Spindle cell sarcoma, NOS' }, 'mdm2').state).toBe('pending');
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
  ])(
    'histotype %s: the extras are pending (not yet decidable), grade and expert review still apply',
    (histotypeId, reason) => {
      const r = assess({ histotypeId, fnclccGrade: null, pathology: [report({ expertReview: null })] });
      for (const id of EXTRAS) {
        expect(r.items.find((i) => i.id === id)).toMatchObject({ state: 'pending', reason });
      }
      expect(r.items.find((i) => i.id === 'fnclcc-grade')?.state).toBe('missing');
      expect(r.items.find((i) => i.id === 'expert-review')?.state).toBe('missing');
      expect(r).toMatchObject({ missing: 2, pending: 5, ready: false });
    },
  );

  it('pending alone keeps a case from being ready', () => {
    expect(assess({ histotypeId: null })).toMatchObject({ missing: 0, pending: 5, stale: 0, ready: false });
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
      questionKind: 'diagnosis',
      histotypeId: null,
      histotypeText: '',
      fnclccGrade: null,
      pathology: [],
      imaging: [],
      manual: [],
      treatments: [],
      ecog: null,
    });
    expect(assessReadiness(parsed, { meetingDate: MEETING })).toMatchObject({ missing: 5, pending: 5 });
  });

  it.each([
    [{ siteChapter: 'leg' }],
    [{ siteChapter: 'retroperitoneum', fnclccGrade: 'G4' }],
    [{ siteChapter: 'retroperitoneum', imaging: [{ modality: 'CT', date: '2025-02-30' }] }],
    [{ siteChapter: 'retroperitoneum', pathology: [{ procedure: 'fna', date: '2025-01-01' }] }],
    [{ siteChapter: 'retroperitoneum', manual: [{ item: 'coffee', date: '2025-01-01', by: 'me' }] }],
    [{ siteChapter: 'retroperitoneum', questionKind: 'pre-operative' }],
    [{ siteChapter: 'retroperitoneum', ecog: 5 }],
    [{ siteChapter: 'retroperitoneum', treatments: [{ kind: 'presentation', date: '2025-01-01' }] }],
  ])('rejects %j', (raw) => {
    expect(ReadinessInput.safeParse(raw).success).toBe(false);
  });
});

// The board question shapes the checklist (docs/clinical-rules.md#the-question-shapes-the-checklist). Sources:
// ESMO-EURACAN-GENTURIS 2021 (Gronchi et al., Ann Oncol 32:1348) for the diagnostic work-up, for margins and
// post-operative imaging before the adjuvant decision, and for histological confirmation of a relapse; ECOG
// performance status (Oken et al. 1982) for fitness for treatment. Which items each question has is BoardPrep's
// reading of those, written out in the reference.
describe('the question shapes the checklist', () => {
  const stage = { kind: 'surgery' as const, date: before(40), text: 'Wide local excision' };
  it.each([
    ['diagnosis', 'trunk-extremity', READINESS_ITEMS_BY_QUESTION.diagnosis],
    [
      'post-operative',
      'trunk-extremity',
      [
        'resection-pathology',
        'post-operative-imaging',
        'expert-review',
        'fnclcc-grade',
        'treatment-history',
        'chest-ct',
      ],
    ],
    [
      'recurrence',
      'retroperitoneum',
      ['primary-imaging', 'chest-ct', 'biopsy', 'treatment-history', 'performance-status'],
    ],
    [
      'palliative',
      'trunk-extremity',
      ['primary-imaging', 'performance-status', 'symptom-assessment', 'treatment-history'],
    ],
    // Site chapter 'other': the sarcoma-only items are left out whatever the question.
    ['diagnosis', 'other', ['primary-imaging', 'biopsy']],
    ['post-operative', 'other', ['resection-pathology', 'post-operative-imaging', 'treatment-history']],
    ['recurrence', 'other', ['primary-imaging', 'biopsy', 'treatment-history', 'performance-status']],
    ['palliative', 'other', ['primary-imaging', 'performance-status', 'symptom-assessment', 'treatment-history']],
  ] as const)('%s question, site %s -> %j', (questionKind, siteChapter, ids) => {
    const r = assess({ questionKind, siteChapter, treatments: [stage] });
    expect(r.items.map((i) => i.id)).toEqual([...ids]);
  });

  it.each([
    ['diagnosis', 'primary-imaging', 'Imaging of the primary (MRI and/or contrast CT)'],
    ['diagnosis', 'chest-ct', 'Chest CT for staging of a high-grade sarcoma'],
    ['post-operative', 'chest-ct', 'Chest CT for post-operative staging'],
    ['recurrence', 'primary-imaging', 'Imaging of the recurrence (CT, MRI or PET-CT)'],
    ['recurrence', 'chest-ct', 'Chest CT for restaging at recurrence'],
    ['recurrence', 'biopsy', 'Biopsy confirming the recurrence (tissue confirmation)'],
    ['palliative', 'primary-imaging', 'Current imaging of the disease (CT, MRI or PET-CT)'],
    ['palliative', 'symptom-assessment', READINESS_ITEM_LABEL['symptom-assessment']],
  ] as const)('%s: %s is labelled "%s"', (questionKind, id, label) => {
    expect(itemOf({ questionKind }, id).label).toBe(label);
  });

  it('a retroperitoneal primary does not read "CT abdomen/pelvis: not applicable" beside its own CT', () => {
    const r = assess({
      siteChapter: 'retroperitoneum',
      histotypeId: 'dedifferentiated-liposarcoma',
      imaging: [study('CT', 'ABDOMENPELVIS', 'CT abdomen pelvis'), study('CT', 'CHEST')],
    });
    expect(r.items.find((i) => i.id === 'primary-imaging')?.state).toBe('done');
    expect(r.items.find((i) => i.id === 'ct-abdomen-pelvis')).toMatchObject({
      label: 'CT abdomen/pelvis for myxoid liposarcoma staging',
      state: 'not-applicable',
    });
  });

  describe('post-operative', () => {
    const resection = (margins: string, daysAgo = 30) =>
      report({ procedure: 'resection', specimenId: 'R25-9', date: before(daysAgo), margins, expertReview: null });
    const postop = (over: Partial<ReadinessInput>) => ({ questionKind: 'post-operative' as const, ...over });

    it.each([
      [[], 'missing', /No resection or excision report/],
      [[resection('')], 'missing', /Resection specimen \(R25-9\) of .* gives no margins/],
      [[resection('R0, closest 3 mm')], 'done', /Resection specimen, margins R0, closest 3 mm \(R25-9\)/],
      [[report({ procedure: 'excision', margins: 'R1' })], 'done', /Excision specimen, margins R1/],
      [[report({ margins: 'R0' })], 'missing', /No resection or excision report/], // a biopsy has no resection margins
    ] as const)('resection pathology with %j -> %s', (pathology, state, reason) => {
      const it = itemOf(postop({ pathology: [...pathology] }), 'resection-pathology');
      expect(it.state).toBe(state);
      expect(it.reason).toMatch(reason);
    });

    it.each([
      // [surgery days before meeting, study days before meeting, state]
      [null, 10, 'pending'], // no operation known: cannot tell which imaging is post-operative
      [30, 10, 'done'],
      [30, 30, 'done'], // on the day of the operation
      [30, 31, 'missing'], // before the operation: pre-operative imaging
      [100, 70, 'stale'], // after the operation but older than 8 weeks
    ] as const)('operation %s days before, MR %s days before -> %s', (surgery, studyDays, state) => {
      const it = itemOf(
        postop({
          pathology: surgery === null ? [report()] : [resection('R0', surgery)],
          imaging: [study('MR', 'THIGH', '', studyDays)],
        }),
        'post-operative-imaging',
      );
      expect(it.state).toBe(state);
    });

    it('surgery on the timeline dates the operation too (a month is enough)', () => {
      const it = itemOf(
        postop({
          treatments: [{ kind: 'surgery', date: before(40).slice(0, 7), text: 'Resection elsewhere' }],
          imaging: [study('MR', 'THIGH', '', 5)],
        }),
        'post-operative-imaging',
      );
      expect(it.state).toBe('done');
    });
  });

  describe('recurrence, palliative', () => {
    it.each([
      [[], 'missing', /No biopsy confirming the recurrence/],
      [[report({ date: before(300) })], 'done', /Core needle biopsy/], // no operation known: any biopsy
    ] as const)('recurrence biopsy without an operation, %j -> %s', (pathology, state, reason) => {
      const it = itemOf({ questionKind: 'recurrence', pathology: [...pathology] }, 'biopsy');
      expect(it.state).toBe(state);
      expect(it.reason).toMatch(reason);
    });

    it('at recurrence a biopsy from before the operation is of the primary, not of the recurrence', () => {
      const op = report({ procedure: 'resection', date: before(200), margins: 'R0' });
      const old = report({ date: before(250) });
      expect(itemOf({ questionKind: 'recurrence', pathology: [old, op] }, 'biopsy')).toMatchObject({
        state: 'missing',
        reason: expect.stringMatching(/earlier biopsy is of the primary/),
      });
      const fresh = report({ date: before(7), specimenId: 'S25-777' });
      expect(itemOf({ questionKind: 'recurrence', pathology: [old, op, fresh] }, 'biopsy')).toMatchObject({
        state: 'done',
        evidence: { description: 'Core needle biopsy (S25-777)' },
      });
    });

    it.each([
      [study('PT', 'WHOLEBODY', 'FDG PET-CT'), 'done'],
      [study('CT', 'CHEST', 'CT thorax'), 'done'], // a lung metastasis is imaging of the disease
      [study('US', 'THIGH'), 'missing'],
      [study('MR', 'PELVIS', '', 70), 'stale'],
    ] as const)('current imaging for a palliative question, %j -> %s', (s, state) => {
      expect(itemOf({ questionKind: 'palliative', imaging: [s] }, 'primary-imaging').state).toBe(state);
    });

    it.each([
      [null, [], 'missing'],
      [2, [], 'done'],
      [null, [tick('performance-status', 3, 'ECOG 3 in clinic letter')], 'done'],
    ] as const)('performance status: ECOG %s, ticks %j -> %s', (ecog, manual, state) => {
      expect(itemOf({ questionKind: 'palliative', ecog, manual: [...manual] }, 'performance-status').state).toBe(state);
    });

    it('symptom assessment is a manual tick, and goes stale like imaging', () => {
      const q = { questionKind: 'palliative' as const };
      expect(itemOf(q, 'symptom-assessment').state).toBe('missing');
      expect(itemOf({ ...q, manual: [tick('symptom-assessment', 4)] }, 'symptom-assessment').state).toBe('done');
      expect(itemOf({ ...q, manual: [tick('symptom-assessment', 60)] }, 'symptom-assessment').state).toBe('stale');
    });

    it.each([
      [[], 'missing'],
      [[{ kind: 'radiotherapy', date: before(90), text: '50 Gy pre-operative' }], 'done'], // history never stale
      [[{ kind: 'systemic-therapy', date: before(-5), text: 'Doxorubicin' }], 'missing'], // after the meeting
    ] as const)('treatment history %j -> %s', (treatments, state) => {
      expect(itemOf({ questionKind: 'palliative', treatments: [...treatments] }, 'treatment-history').state).toBe(
        state,
      );
    });
  });
});

describe('evidence dated after the meeting is flagged, not counted', () => {
  it('an earlier study still counts; the later one is only flagged', () => {
    const it = itemOf(
      { imaging: [study('MR', 'THIGH'), study('CT', 'CHEST', 'old', 20), study('CT', 'CHEST', 'new', -2)] },
      'chest-ct',
    );
    expect(it).toMatchObject({
      state: 'done',
      evidence: { description: 'CT CHEST (old)' },
      afterMeeting: { description: 'CT CHEST (new)', date: before(-2) },
    });
    expect(it.reason).toContain('after the meeting of 10 Jun 2025: not counted');
  });

  it.each([
    ['biopsy', { pathology: [report({ date: before(-1) })] }, /dated 11 Jun 2025, after the meeting of 10 Jun 2025/],
    [
      'chest-ct',
      { imaging: [study('MR', 'THIGH')], manual: [tick('chest-ct', -4)] },
      /Ticked by Dr Coordinator is dated 14 Jun 2025/,
    ],
    [
      'expert-review',
      { pathology: [report({ expertReview: { by: 'Dr E', date: before(-7), agreement: 'concordant' } })] },
      /Expert review by Dr E .* is dated 17 Jun 2025/,
    ],
  ] as Array<[ReadinessItemId, Partial<ReadinessInput>, RegExp]>)(
    '%s with only later evidence is missing, naming the date',
    (id, over, reason) => {
      const it = itemOf(over, id);
      expect(it.state).toBe('missing');
      expect(it.evidence).toBeNull();
      expect(it.afterMeeting).not.toBeNull();
      expect(it.reason).toMatch(reason);
    },
  );
});
