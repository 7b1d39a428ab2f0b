import type { z } from 'zod';
import type { Db } from '../../db/open';
import { CaseInput, type SiteChapter } from '../../../shared/domain/case';
import type { PlanOption } from '../../../shared/domain/clinical';
import { findHistotype } from '../../../shared/clinical/histotypes';
import { CasesService } from '../cases/cases-service';
import { casesOfPatient, findPatientByMrn } from '../cases/cases-sql';
import { createMeetingsServices } from '../meetings';
import { writeTransaction } from '../../db/transaction';
import { loadClinicalSections } from './demo-service';
import { DemoCase, readDemoBoard } from './demo-board';
import { prng, seedOf } from './synthetic/phantom';

/**
 * Generated fictional cases for trying the app at full size (`boardprep demo --cases N`, issue 14): a real sarcoma
 * board sees 15 to 40 cases a week, the demo board's next meeting has 7. Each generated case has a site and site
 * chapter, a catalogue histotype fitting the site, texts from one line to several slides long, a pathology report,
 * a plan and, for some, a measured lesion (and, with images, a key image: demo-extra-key-images.ts).
 *
 * Deterministic: case i is the same whatever N is and however often it is made (seeded by its index), so tests
 * can name the patients. The names are invented compounds ("QUILLMERE, Ada") that read as fictional, and the MRNs
 * are "GEN-" numbers no hospital hands out.
 */

/** At most this many generated cases (the names stay unique up to it). */
export const EXTRA_CASES_MAX = 100;

const FAMILY_START = [
  'Quill',
  'Bramble',
  'Thistle',
  'Marrow',
  'Fennel',
  'Wicker',
  'Lantern',
  'Copper',
  'Heron',
  'Sorrel',
];
const FAMILY_END = ['mere', 'wick', 'down', 'holt', 'combe', 'fold', 'ridge', 'stead', 'worth', 'gate'];
const GIVEN_FEMALE = ['Ada', 'Beatrix', 'Clementine', 'Delphine', 'Elodie', 'Florence', 'Greta', 'Hermione'];
const GIVEN_MALE = ['Albert', 'Basil', 'Cornelius', 'Desmond', 'Ezra', 'Felix', 'Gideon', 'Horatio'];
const CONSULTANTS = [
  'Dr Imogen Ashcroft, sarcoma surgeon',
  'Dr Tobias Renwick, clinical oncologist',
  'Dr Saoirse Lindqvist, medical oncologist',
  'Dr Kwame Oduya, orthopaedic oncology surgeon',
];
const PRESENTERS = [
  'Dr Imogen Ashcroft',
  'Dr Tobias Renwick',
  'Dr Saoirse Lindqvist',
  'Dr Kwame Oduya',
  'Dr Mei Takahara',
];
const HOSPITALS = ['Wrenfield District Hospital', 'Northmoor General Hospital', 'St Aldhelm Infirmary', ''];

interface SiteSpec {
  site: string;
  chapter: SiteChapter;
  histotypes: readonly string[];
}

/** Sites with histotypes that arise there (ids from shared/clinical/histotypes.ts). */
const SITES: readonly SiteSpec[] = [
  {
    site: 'Right anterior thigh, deep to the fascia lata',
    chapter: 'trunk-extremity',
    histotypes: ['undifferentiated-sarcoma', 'myxofibrosarcoma', 'myxoid-liposarcoma'],
  },
  { site: 'Left retroperitoneum', chapter: 'retroperitoneum', histotypes: ['dedifferentiated-liposarcoma'] },
  {
    site: 'Left calf, medial gastrocnemius',
    chapter: 'trunk-extremity',
    histotypes: ['synovial-sarcoma', 'leiomyosarcoma'],
  },
  { site: 'Scalp, vertex', chapter: 'head-and-neck', histotypes: ['angiosarcoma'] },
  {
    site: 'Right retroperitoneum, abutting the inferior vena cava',
    chapter: 'retroperitoneum',
    histotypes: ['leiomyosarcoma', 'well-differentiated-liposarcoma'],
  },
  { site: 'Uterus, myometrium', chapter: 'visceral', histotypes: ['leiomyosarcoma'] },
  { site: 'Left chest wall', chapter: 'trunk-extremity', histotypes: ['mpnst', 'solitary-fibrous-tumour-malignant'] },
  { site: 'Left proximal tibia', chapter: 'other', histotypes: ['osteosarcoma'] },
  {
    site: 'Right upper arm, posterior compartment',
    chapter: 'trunk-extremity',
    histotypes: ['pleomorphic-liposarcoma'],
  },
  {
    site: 'Left parotid region',
    chapter: 'head-and-neck',
    histotypes: ['synovial-sarcoma', 'embryonal-rhabdomyosarcoma'],
  },
  { site: 'Small bowel mesentery', chapter: 'visceral', histotypes: ['solitary-fibrous-tumour-malignant'] },
  { site: 'Right buttock, gluteus maximus', chapter: 'trunk-extremity', histotypes: ['myxofibrosarcoma'] },
  { site: 'Sacrum', chapter: 'other', histotypes: ['chordoma'] },
];

/** Sentences of a history, joined to make it one line to several slides long. */
const HISTORY = [
  'Presented with a painless, slowly enlarging lump noticed over about four months.',
  'Seen by the general practitioner and referred on the two-week wait pathway after an ultrasound showed a solid mass with internal vascularity.',
  'MRI showed a heterogeneous deep mass with no involvement of the adjacent bone and a clear fat plane around the main neurovascular bundle.',
  'Staging CT of the chest, abdomen and pelvis showed no distant disease; two sub-centimetre lung nodules are too small to characterise and are to be followed.',
  'Core needle biopsy was taken under ultrasound guidance through a track that can be excised with the definitive resection.',
  'The patient works full time, walks without aids and lives with a partner; there is no family history of cancer.',
  'Pain has increased over the last three weeks and now needs regular paracetamol and codeine at night.',
  'An earlier excision elsewhere, done as for a lipoma without imaging, left positive margins; the scar runs longitudinally and will need to be included.',
  'Blood tests including renal and liver function are normal; haemoglobin is 128 g/L.',
  'The patient has been told the biopsy shows a sarcoma and wishes to know the options, including what a resection would mean for work.',
  'Physiotherapy assessment before surgery is booked, and the specialist nurse has met the patient and family.',
  'A PET-CT was not requested; the radiologists advise it would not change management at this stage.',
];
const QUESTIONS = [
  'Resection now or preoperative radiotherapy first?',
  'Is the tumour resectable with clear margins, and would preoperative radiotherapy change that?',
  'With the lung nodules too small to characterise, should we proceed with resection of the primary now, or repeat the chest CT in eight weeks first, and would the board support preoperative radiotherapy given the closeness of the neurovascular bundle on MRI?',
  'Confirm the diagnosis on central review and agree the surgical plan.',
];
const PLANS: readonly { options: PlanOption[]; text: string }[] = [
  { options: ['surgery'], text: 'Wide local excision.' },
  {
    options: ['preoperative-radiotherapy', 'surgery'],
    text: 'Preoperative radiotherapy 50 Gy in 25 fractions, then wide excision six weeks after the end of treatment.',
  },
  { options: ['systemic-therapy'], text: 'First-line doxorubicin, reassess after three cycles.' },
  { options: ['surveillance'], text: 'Surveillance MRI in three months.' },
];

export interface ExtraCase {
  demo: DemoCase;
  /** Whether the case gets a key image when images are loaded (about every third case). */
  keyImage: boolean;
  presenter: string;
  minutes: number;
}

/** Picks from a list with the case's own random numbers. */
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

/** The i-th generated case (0-based): the same every time. */
export function extraCase(i: number): ExtraCase {
  const rand = prng(seedOf(`boardprep-extra-case-${i}`));
  const female = i % 2 === 0;
  const familyName = `${FAMILY_START[i % FAMILY_START.length]}${FAMILY_END[Math.floor(i / FAMILY_START.length) % FAMILY_END.length]}`;
  const givenNames = pick(rand, female ? GIVEN_FEMALE : GIVEN_MALE);
  const site = SITES[i % SITES.length];
  const histotype = findHistotype(pick(rand, site.histotypes))!;
  const year = 1940 + Math.floor(rand() * 66);
  const dateOfBirth = `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  // Text lengths cycle from one line to a history continued over several slides.
  const sentences = [1, 4, 8, 24][i % 4];
  const history = Array.from({ length: sentences }, (_, k) => HISTORY[(i + k) % HISTORY.length]).join(' ');
  const sizeCm = Math.round((3 + rand() * 15) * 10) / 10;
  const longDiagnosis = i % 5 === 3;
  // A long diagnosis takes the two lines the agenda gives it (about 150 characters); a longer one would be clamped.
  const diagnosis = longDiagnosis
    ? `${histotype.name} of the ${site.site.toLowerCase()} (${sizeCm} cm), recurrent after an unplanned excision with positive margins`
    : `${histotype.name}, ${site.site.toLowerCase()} (${sizeCm} cm)`;
  const plan = PLANS[i % PLANS.length];
  const withLesion = i % 3 === 0 || i % 2 === 0;
  const specimenDay = 2 + (i % 20);
  const demo = DemoCase.parse({
    key: `generated-${i + 1}`,
    source: 'Generated by boardprep demo --cases (electron/services/demo/demo-extra-cases.ts): fictional.',
    case: {
      patient: {
        familyName,
        givenNames,
        mrn: `GEN-${String(i + 1).padStart(5, '0')}`,
        dateOfBirth,
        sex: female ? 'female' : 'male',
      },
      consultantName: pick(rand, CONSULTANTS),
      consultantContact: `Bleep ${4000 + i}; sarcoma.team@example.org`,
      referringHospital: pick(rand, HOSPITALS),
      tumourSite: site.site,
      siteChapter: site.chapter,
      workingDiagnosis: diagnosis,
      clinicalHistory: history,
      boardQuestion: QUESTIONS[i % QUESTIONS.length],
      ecog: i % 6 === 5 ? null : i % 3,
      comorbidities: i % 4 === 2 ? 'Type 2 diabetes on metformin; hypertension.' : '',
      status: 'draft',
    },
    lesions: withLesion
      ? [
          {
            label: `${site.site} mass`,
            longCm: sizeCm,
            shortCm: Math.round(sizeCm * 6) / 10,
            craniocaudalCm: null,
            studyDate: `2026-11-${String(specimenDay - 1).padStart(2, '0')}`,
            source: 'typed',
            note: '',
          },
        ]
      : [],
    pathology: [
      {
        procedure: 'core-needle-biopsy',
        specimenDate: `2026-11-${String(specimenDay).padStart(2, '0')}`,
        histotypeId: histotype.id,
        ...(site.chapter === 'other'
          ? {}
          : { mitosesPer10Hpf: Math.floor(rand() * 30), necrosisPercent: pick(rand, [0, 10, 60]) }),
        reportText: `Core needle biopsy: ${histotype.name.toLowerCase()}.`,
      },
    ],
    plan: { options: plan.options, text: plan.text },
  } satisfies z.input<typeof DemoCase>);
  return {
    demo,
    keyImage: i % 3 === 0,
    presenter: pick(rand, PRESENTERS),
    minutes: pick(rand, [5, 5, 10]),
  };
}

/** The first n generated cases. */
export function extraCases(n: number): ExtraCase[] {
  if (!Number.isInteger(n) || n < 0 || n > EXTRA_CASES_MAX)
    throw new Error(`The number of generated cases is a whole number from 0 to ${EXTRA_CASES_MAX}, not ${n}`);
  return Array.from({ length: n }, (_, i) => extraCase(i));
}

export interface ExtraCasesResult {
  /** The demo board's next meeting the cases went onto. */
  meetingId: number;
  casesCreated: number;
  /** Generated cases already there (same MRN): left as they are. */
  skipped: number;
  /** The generated cases stored, created now or before, in order (for key images). */
  cases: { extra: ExtraCase; caseId: number }[];
  /** The meeting's length afterwards: lengthened, as a coordinator would, when its agenda no longer fitted. */
  durationMinutes: number;
}

/**
 * A coordinator planning a full board books the time its agenda needs: the meeting is lengthened to its cases'
 * minutes (to the next quarter hour) rather than left showing every case after the first hour as "after end".
 */
function lengthenToFit(meetings: ReturnType<typeof createMeetingsServices>['meetings'], id: number): void {
  const m = meetings.get(id);
  if (m.totalMinutes <= m.durationMinutes) return;
  const { boardType, title, startsAt, place, videoLink, chair, coordinator, submissionCutoff } = m;
  meetings.update(id, m.version, {
    boardType,
    title,
    startsAt,
    durationMinutes: Math.min(720, Math.ceil(m.totalMinutes / 15) * 15),
    place,
    videoLink,
    chair,
    coordinator,
    submissionCutoff,
  });
}

/**
 * Adds the first n generated cases to the demo board's next (scheduled) meeting, after its own cases, with their
 * clinical sections, presenters and minutes. Run after loadDemoBoard. Cases already present (same MRN) are not
 * made again, so running it twice, or with a larger n, adds only what is missing.
 */
export function loadExtraDemoCases(db: Db, resourcesDir: string, n: number): ExtraCasesResult {
  const board = readDemoBoard(resourcesDir);
  const next = (board.meetings ?? []).find((m) => m.status === 'scheduled');
  if (!next) throw new Error('The demo board has no scheduled meeting to add cases to');
  const generated = extraCases(n);
  const cases = new CasesService(db);
  const { meetings, agenda } = createMeetingsServices(db);
  const meeting = meetings.findAt(next.meeting.boardType, next.meeting.startsAt);
  if (!meeting) throw new Error('Load the demo board first: its next meeting is not in the database');
  let casesCreated = 0;
  const stored: ExtraCasesResult['cases'] = [];
  writeTransaction(db, () => {
    for (const extra of generated) {
      const patient = findPatientByMrn(db, extra.demo.case.patient.mrn);
      if (patient) {
        const first = casesOfPatient(db, patient.id)[0];
        if (first) stored.push({ extra, caseId: first.id });
        continue;
      }
      const created = cases.create(CaseInput.parse(extra.demo.case));
      loadClinicalSections(db, created.id, extra.demo);
      stored.push({ extra, caseId: created.id });
      casesCreated += 1;
    }
    const onAgenda = new Set(meetings.get(meeting.id).items.map((i) => i.caseId));
    const toAdd = stored.filter((s) => !onAgenda.has(s.caseId));
    if (toAdd.length === 0) return;
    const detail = agenda.add(
      meeting.id,
      toAdd.map((s) => s.caseId),
    );
    for (const s of toAdd) {
      const item = detail.items.find((it) => it.caseId === s.caseId)!;
      agenda.setItem(item.id, { presenter: s.extra.presenter, minutes: s.extra.minutes });
    }
    lengthenToFit(meetings, meeting.id);
  });
  const { durationMinutes } = meetings.get(meeting.id);
  return {
    meetingId: meeting.id,
    casesCreated,
    skipped: generated.length - casesCreated,
    cases: stored,
    durationMinutes,
  };
}
