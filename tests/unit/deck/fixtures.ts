import type { ResponseView } from '../../../shared/domain/response';
import type { CaseDeckInput, DeckAgendaItem, DeckMeeting, MeetingDeckItem } from '../../../shared/deck/input';

/** A plain case record for the pure deck builder; tests change what they are about. */
export function record(caseId = 12, overrides: Partial<CaseDeckInput> = {}): CaseDeckInput {
  return {
    caseId,
    patient: { familyName: 'Quill', givenNames: 'Ada May', mrn: 'T-1001', dateOfBirth: '1961-05-02', sex: 'female' },
    meetingDate: '2026-12-10',
    ageAtMeeting: 65,
    tumourSite: 'Left thigh, deep',
    siteChapter: 'trunk-extremity',
    workingDiagnosis: 'Undifferentiated pleomorphic sarcoma',
    clinicalHistory: 'Mrs Quill (MRN T-1001, born 02/05/1961) noticed an enlarging painless mass over 4 months.',
    boardQuestion: 'Neoadjuvant radiotherapy before excision?',
    ecog: 1,
    comorbidities: 'Type 2 diabetes',
    patientKnowledge: 'Aware of a likely sarcoma diagnosis',
    consultantName: 'Dr B. Surgeon',
    consultantContact: 'bleep 2001; b.surgeon@example.org',
    referringHospital: 'Northgate General',
    status: 'ready',
    clinical: {
      grade: {
        grade: 'G3',
        score: 7,
        components: { differentiation: 3, mitoses: 2, necrosis: 2 },
        source: 'computed',
        status: 'graded',
        reason: 'Score 7 (3 + 2 + 2) = G3.',
      },
      stage: {
        applicable: true,
        T: 'cT3',
        N: 'cN0',
        M: 'cM0',
        G: 'G3',
        stageGroup: 'IIIB',
        atLeastStageGroup: null,
        atLeastReason: '',
        explanation: 'Trunk and extremities: 12 cm is T3 (> 10 cm and <= 15 cm); T3 N0 M0 G3 is stage IIIB.',
        size: {
          sizeCm: 12,
          kind: 'lesion',
          lesionId: 1,
          text: "12 cm, lesion 'Thigh mass', MR of 2026-10-02",
          date: '2026-10-02',
          stale: false,
          staleReason: '',
        },
        pathological: null,
        defaults: false,
        inputs: { prefix: 'c', note: '' },
      },
      readiness: {
        ready: false,
        missing: 1,
        stale: 0,
        items: [
          { label: 'Chest CT for staging', state: 'missing', reason: 'No chest CT' },
          { label: 'Biopsy (image-guided core needle)', state: 'done', reason: 'Core needle biopsy S-1' },
        ],
      },
      drivingReportId: 5,
      drivingReason: 'Core needle biopsy S26-123 of 2026-10-08 drives grade and staging.',
    },
    pathology: [
      {
        id: 5,
        procedure: 'core-needle-biopsy',
        specimenId: 'S26-123',
        specimenDate: '2026-10-08',
        laboratory: 'Northgate pathology',
        histotypeName: 'Undifferentiated pleomorphic sarcoma',
        coded: true,
        icdO3: '8802/3',
        grade: {
          grade: 'G3',
          score: 7,
          components: { differentiation: 3, mitoses: 2, necrosis: 2 },
          source: 'computed',
          status: 'graded',
          reason: 'Score 7 = G3.',
        },
        neoadjuvantTherapy: false,
        ihc: [{ marker: 'MDM2', result: 'negative', note: '' }],
        molecular: [{ test: 'MDM2 amplification (FISH)', result: 'not amplified' }],
        marginStatus: null,
        closestMarginMm: null,
        closestMarginLessThan: false,
        margins: [],
        treatmentEffect: '',
        expertReview: { by: 'Dr Review', date: '2026-10-20', agreement: 'concordant' },
        reportText: 'Specimen S26-123 from Quill, Ada May.',
      },
    ],
    lesions: [
      {
        id: 1,
        label: 'Thigh mass',
        longCm: 12,
        shortCm: 8,
        craniocaudalCm: 9.5,
        greatestDimensionCm: 12,
        studyDate: '2026-10-02',
        source: 'typed',
        note: '',
      },
    ],
    keyImages: [],
    plan: { options: ['preoperative-radiotherapy', 'surgery'], text: 'Preoperative RT then wide excision.' },
    response: null,
    timeline: [
      { date: '2026-07', kind: 'presentation', title: 'Presentation', detail: 'Painless thigh mass' },
      { date: '2026-10-08', kind: 'biopsy', title: 'Core needle biopsy: UPS', detail: 'FNCLCC G3; specimen S26-123' },
    ],
    ...overrides,
  };
}

export function keyImages(n: number): CaseDeckInput['keyImages'] {
  return Array.from({ length: n }, (_, i) => ({
    id: 100 + i,
    caption: `Axial T1 ${i + 1}`,
    renderUrl: `/media/key-images/${100 + i}.png`,
    studyDate: '2026-10-02',
    seriesDescription: 'Ax T1 FS post',
    measurements: ['L 42.1 × W 20.0 mm'],
  }));
}

export const MEETING: DeckMeeting = {
  id: 5,
  title: 'Sarcoma MDT',
  boardType: 'sarcoma',
  startsAt: '2026-12-10T13:00',
  endsAt: '2026-12-10T14:30',
  durationMinutes: 90,
  place: 'Seminar room 3',
  videoLink: '',
  chair: 'Dr Chair',
  coordinator: 'Coordinator',
  status: 'scheduled',
};

export function agendaItem(id: number, number: number, overrides: Partial<DeckAgendaItem> = {}): DeckAgendaItem {
  return {
    id,
    number,
    presenter: `Presenter ${number}`,
    minutes: 10,
    plannedStart: '2026-12-10T13:00',
    state: 'pending',
    history: [],
    ...overrides,
  };
}

export function meetingItem(caseId: number, number: number, overrides: Partial<MeetingDeckItem> = {}): MeetingDeckItem {
  return { item: agendaItem(1000 + caseId, number), record: record(caseId), edits: [], ...overrides };
}

/**
 * A hand-made ResponseView (the shape the response helper's tracking fills): one target lesion measured on a baseline
 * and a follow-up CT, 60 mm and 40 HU then 52.8 mm and 32 HU (long axis -12%, density -20%): RECIST 1.1 SD, Choi PR.
 */
export function responseView(caseId = 12): ResponseView {
  const m = (lesionRowId: number, studyDate: string, mm: number, hu: number) => ({
    lesionRowId,
    caseId,
    studyDate,
    studyInstanceUid: `2.25.${lesionRowId}`,
    longMm: mm,
    shortMm: mm,
    meanHu: hu,
    recistMm: mm,
    source: 'measured' as const,
  });
  const baseline = {
    studyDate: '2026-09-24',
    sumMm: 60,
    meanHu: 40,
    nonTarget: null,
    newLesions: false,
    note: '',
    recist: null,
    choi: null,
    explanation: 'Baseline: sum of target diameters 60 mm.',
  };
  const current = {
    studyDate: '2026-12-01',
    sumMm: 52.8,
    meanHu: 32,
    nonTarget: 'non-CR/non-PD' as const,
    newLesions: false,
    note: '',
    recist: { target: 'SD' as const, overall: 'SD' as const, changeFromBaselinePct: -12, changeFromNadirPct: -12 },
    choi: { response: 'PR' as const },
    explanation:
      'RECIST 1.1: sum 52.8 mm is 12% below the baseline 60 mm (2026-09-24): SD (less than 30% down, less than 20% up). ' +
      'Choi: density 32 HU is 20% below 40 HU: PR (density down at least 15%).',
  };
  return {
    patientId: 7,
    lesions: [
      {
        id: 1,
        patientId: 7,
        name: 'Right thigh mass',
        role: 'target',
        isNode: false,
        note: '',
        measurements: [m(501, '2026-09-24', 60, 40), m(502, '2026-12-01', 52.8, 32)],
      },
    ],
    timepoints: [baseline, current],
    baselineDate: '2026-09-24',
    nadirDate: '2026-09-24',
    current,
    notes: [],
  };
}

/** Key images of the baseline and the follow-up study of responseView(). */
export function responseKeyImages(): CaseDeckInput['keyImages'] {
  return [
    {
      id: 201,
      caption: 'Right thigh mass at baseline',
      renderUrl: '/media/key-images/201.png',
      studyDate: '2026-09-24',
      seriesDescription: 'CT R THIGH AXIAL 5 mm',
      measurements: ['L 60.0 × W 60.0 mm'],
    },
    {
      id: 202,
      caption: 'Right thigh mass after neoadjuvant therapy',
      renderUrl: '/media/key-images/202.png',
      studyDate: '2026-12-01',
      seriesDescription: 'CT R THIGH AXIAL 5 mm',
      measurements: ['L 52.8 × W 52.8 mm', 'Ellipse mean 32 HU'],
    },
  ];
}
