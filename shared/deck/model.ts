import { z } from 'zod';
import { CaseStatus, Sex, SiteChapter } from '../domain/case';
import { MeetingStatus, AgendaItemState } from '../domain/meeting';

/**
 * The slide model: what a deck is, independent of how it is drawn. The screen (React slides), the print view
 * (PDF) and the PPTX export all draw the same model, so what the room sees is what is handed out.
 *
 * Every slide has a stable `key` ('meeting-5/agenda', 'case-12/title', 'case-12/imaging-2'): the presenter's edits
 * (hidden, position, edited text) are stored against it and survive every change of the record. Content is
 * structured data, never HTML. Free text the presenter may rewrite sits in `text` (plus `title`); an edited field
 * shows the presenter's text and `recordText` what the record says now; everything else follows the record.
 */

/**
 * A long clinical history continues on further 'history' slides ('case-12/history-2', titled "History
 * (continued)"): the same kind, with `text.history` only and no timeline.
 */
export const SLIDE_KINDS = [
  'agenda',
  'title',
  'history',
  'imaging',
  'response',
  'pathology',
  'staging',
  'plan',
] as const;
export const SlideKind = z.enum(SLIDE_KINDS);
export type SlideKind = z.infer<typeof SlideKind>;

/** At most this many key images on one imaging slide (more make further imaging slides). */
export const IMAGES_PER_SLIDE = 4;

const SlideBase = z.object({
  key: z.string(),
  title: z.string(),
  /** null on the agenda slide. */
  caseId: z.number().int().nullable(),
  itemId: z.number().int().nullable(),
  /** The slide's free-text fields, by name (edits applied). */
  text: z.record(z.string(), z.string()),
  /** Fields the presenter may edit: 'title' and the keys of `text`. Empty on the agenda slide. */
  editable: z.array(z.string()),
  /** Fields showing the presenter's edited text. */
  edited: z.array(z.string()),
  /** For each edited field, what the record says now (to compare, or to go back to the record). */
  recordText: z.record(z.string(), z.string()),
  /** Hidden slides are kept in a case's deck (to be shown again) and left out of the meeting deck. */
  hidden: z.boolean(),
  /** Speaker notes: shown in the presenter view only. */
  notes: z.string(),
});

export const DeckImage = z.object({
  keyImageId: z.number().int(),
  caption: z.string(),
  /** The PNG with the measurements burned in (served by the media route). */
  src: z.string(),
  /** The measurements drawn on the image, as text ("L 42.1 mm", "W 20.0 mm"). */
  measurements: z.array(z.string()),
  studyDate: z.string().nullable(),
  seriesDescription: z.string().nullable(),
  /**
   * True in a de-identified deck: draw and export this burned-in PNG only, never the DICOM it came from (its
   * headers hold the patient's name and ID).
   */
  burnedInOnly: z.boolean(),
  /**
   * Only in a deck frozen at sign-off: the key image's PNG was not on disk when the decision was signed off, so the
   * frozen slide holds no picture for it (the slide says so instead of showing a broken image).
   */
  missing: z.boolean().optional(),
});
export type DeckImage = z.infer<typeof DeckImage>;

export const DeckLesion = z.object({
  label: z.string(),
  /** "9 × 8 × 16.3 cm" (long × short × craniocaudal, the dimensions known). */
  size: z.string(),
  greatestCm: z.number().nullable(),
  studyDate: z.string().nullable(),
  source: z.enum(['measured', 'typed']),
});
export type DeckLesion = z.infer<typeof DeckLesion>;

export const DeckPathologyReport = z.object({
  reportId: z.number().int(),
  /** The report that drives grade and staging. */
  driving: z.boolean(),
  procedure: z.string(),
  specimenDate: z.string(),
  /** null in a de-identified deck (an accession number identifies the patient). */
  specimenId: z.string().nullable(),
  laboratory: z.string(),
  histotype: z.string(),
  coded: z.boolean(),
  icdO3: z.string().nullable(),
  grade: z.object({
    grade: z.enum(['G1', 'G2', 'G3', 'GX']),
    score: z.number().int().nullable(),
    components: z.object({
      differentiation: z.number().int().nullable(),
      mitoses: z.number().int().nullable(),
      necrosis: z.number().int().nullable(),
    }),
    source: z.enum(['computed', 'reported', 'none']),
    status: z.enum(['graded', 'not-gradable', 'incomplete', 'no-report']),
    reason: z.string(),
  }),
  neoadjuvantTherapy: z.boolean(),
  ihc: z.array(z.object({ marker: z.string(), result: z.string(), note: z.string() })),
  molecular: z.array(z.object({ test: z.string(), result: z.string() })),
  /** "R1, closest margin < 1 mm", or '' when not reported. */
  margin: z.string(),
  treatmentEffect: z.string(),
  expertReview: z.object({ by: z.string(), date: z.string(), agreement: z.string() }).nullable(),
});
export type DeckPathologyReport = z.infer<typeof DeckPathologyReport>;

export const AgendaRow = z.object({
  itemId: z.number().int(),
  caseId: z.number().int(),
  number: z.number().int(),
  /** The patient ("HALVERSON, Graham Peter"), or "Case 3" in a de-identified deck. */
  label: z.string(),
  /** "63 M" */
  ageSex: z.string(),
  diagnosis: z.string(),
  site: z.string(),
  presenter: z.string(),
  minutes: z.number().int(),
  plannedStart: z.string(),
  state: AgendaItemState,
  /** True when the case comes from an earlier meeting (not discussed or deferred there). */
  carriedOver: z.boolean(),
});
export type AgendaRow = z.infer<typeof AgendaRow>;

export const AgendaSlide = SlideBase.extend({
  kind: z.literal('agenda'),
  content: z.object({
    meeting: z.object({
      id: z.number().int(),
      title: z.string(),
      boardType: z.string(),
      boardLabel: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      durationMinutes: z.number().int(),
      place: z.string(),
      videoLink: z.string(),
      chair: z.string(),
      coordinator: z.string(),
      status: MeetingStatus,
    }),
    /** This page's cases (a long agenda continues on further agenda slides: shared/deck/build.ts). */
    rows: z.array(AgendaRow),
    /** The whole meeting's figures, the same on every page. */
    caseCount: z.number().int(),
    totalMinutes: z.number().int(),
    minutesLeft: z.number().int(),
    /** Which agenda slide this is, 1-based, of how many. */
    page: z.number().int(),
    pages: z.number().int(),
  }),
});

export const TitleSlide = SlideBase.extend({
  kind: z.literal('title'),
  content: z.object({
    /** Name, MRN and date of birth are null in a de-identified deck; the age is always there. */
    patient: z.object({
      name: z.string().nullable(),
      mrn: z.string().nullable(),
      dateOfBirth: z.string().nullable(),
      age: z.number().int(),
      sex: Sex,
      sexLabel: z.string(),
    }),
    ecog: z.number().int().nullable(),
    ecogLabel: z.string().nullable(),
    siteChapter: SiteChapter,
    siteChapterLabel: z.string(),
    caseStatus: CaseStatus,
    /** Responsible consultant (staff, kept when de-identified). */
    consultant: z.string(),
    /** null in a de-identified deck (and when not recorded). */
    referringHospital: z.string().nullable(),
    presenter: z.string(),
    minutes: z.number().int().nullable(),
    number: z.number().int().nullable(),
    /** Where the case was before ("Sarcoma MDT, 2026-11-26: deferred, awaiting MRI"), oldest first. */
    history: z.array(z.string()),
  }),
});

export const HistorySlide = SlideBase.extend({
  kind: z.literal('history'),
  content: z.object({
    ecogLabel: z.string().nullable(),
    /** Empty on a continuation slide ("History (continued)"), which holds only more of the history text. */
    timeline: z.array(
      z.object({ date: z.string().nullable(), kind: z.string(), title: z.string(), detail: z.string() }),
    ),
    /** 1-based part of a long history split over consecutive slides, and how many there are (1 of 1 usually). */
    part: z.number().int(),
    parts: z.number().int(),
  }),
});

export const ImagingSlide = SlideBase.extend({
  kind: z.literal('imaging'),
  content: z.object({
    /** 0 to 4 images (0 only when the case has lesion sizes but no key image yet). */
    images: z.array(DeckImage),
    /** 1-based part of the case's imaging slides, and how many there are. */
    part: z.number().int(),
    parts: z.number().int(),
    /** Lesion sizes, on the first imaging slide only. */
    lesions: z.array(DeckLesion),
  }),
});

/** One study date of the response slide: its key images (the burned-in PNGs of that study) and its sums. */
export const ResponseStudy = z.object({
  /** ISO date of the study (shown as "22 Sep 2026"). */
  date: z.string(),
  /** Sum of the target lesions' diameters (mm); null when a target lesion was not measured that day. */
  sumMm: z.number().nullable(),
  /** Mean density of the target lesions (HU); null without an ellipse. */
  meanHu: z.number().nullable(),
  /** The key images saved on that study (0 to 2 shown). */
  images: z.array(DeckImage),
  /** "Right thigh mass 60 mm, 40 HU": each target lesion's measurement that day. */
  measurements: z.array(z.string()),
});
export type ResponseStudy = z.infer<typeof ResponseStudy>;

/**
 * Response to treatment (issue 13): the baseline and the current study side by side, the sums over time, and the
 * RECIST 1.1 and Choi categories with the rule that gave them. Only for a case whose patient has a follow-up
 * timepoint (ResponseView.current).
 */
export const ResponseSlide = SlideBase.extend({
  kind: z.literal('response'),
  content: z.object({
    baseline: ResponseStudy,
    current: ResponseStudy,
    /** Every timepoint with a sum, oldest first: the chart's points. */
    points: z.array(z.object({ date: z.string(), sumMm: z.number(), meanHu: z.number().nullable() })),
    nadirDate: z.string().nullable(),
    recist: z
      .object({
        target: z.string(),
        overall: z.string(),
        overallLabel: z.string(),
        changeFromBaselinePct: z.number().nullable(),
        changeFromNadirPct: z.number().nullable(),
      })
      .nullable(),
    choi: z.object({ response: z.string(), label: z.string() }).nullable(),
    /** The rule that gave the categories, in words (ResponseTimepoint.explanation, dates readable). */
    explanation: z.string(),
    /** "Sum of target diameters: 22 Sep 2026 60 mm; 1 Dec 2026 53 mm": the chart's text alternative. */
    chartText: z.string(),
  }),
});

export const PathologySlide = SlideBase.extend({
  kind: z.literal('pathology'),
  content: z.object({
    /** The driving report first, then the others (newest first) as history. */
    reports: z.array(DeckPathologyReport),
    drivingReason: z.string(),
    /** False for site chapter 'other' (not a sarcoma): no FNCLCC grade card and no sarcoma expert review line. */
    sarcoma: z.boolean().default(true),
  }),
});

export const StagingSlide = SlideBase.extend({
  kind: z.literal('staging'),
  content: z.object({
    applicable: z.boolean(),
    prefix: z.string(),
    T: z.string().nullable(),
    N: z.string().nullable(),
    M: z.string().nullable(),
    G: z.string(),
    stageGroup: z.string().nullable(),
    /** The group at the histotype's minimum grade when G is GX (shared/clinical/stage-text.ts); never shown apart. */
    atLeastStageGroup: z.string().nullable(),
    atLeastReason: z.string(),
    /** "cT4 cN0 cM0 G3, stage IIIB" or "Not staged (AJCC soft tissue sarcoma staging does not apply)". */
    summary: z.string(),
    size: z.object({
      cm: z.number().nullable(),
      kind: z.enum(['lesion', 'override', 'none']),
      text: z.string(),
      /** The measurement's study date (ISO), and whether it is older than the staleness limit at the meeting. */
      date: z.string().nullable(),
      stale: z.boolean(),
      staleReason: z.string(),
    }),
    /** pT (ypT) from the resection specimen, shown first when present. */
    pathological: z
      .object({
        T: z.string(),
        N: z.string(),
        M: z.string(),
        G: z.string(),
        stageGroup: z.string().nullable(),
        atLeastStageGroup: z.string().nullable(),
        atLeastReason: z.string(),
        /** "12.5 cm, resection specimen S26-1234 of 3 Nov 2026". */
        source: z.string(),
        gradeNote: z.string(),
      })
      .nullable(),
    note: z.string(),
    /** True when no staging inputs were saved and the defaults (NX, M0, c) were used. */
    defaults: z.boolean(),
  }),
});

export const PlanSlide = SlideBase.extend({
  kind: z.literal('plan'),
  content: z.object({
    options: z.array(z.object({ id: z.string(), label: z.string() })),
    readiness: z.object({
      ready: z.boolean(),
      missing: z.number().int(),
      /** Items not yet decidable (e.g. the liposarcoma subtype is not known): open, like missing. */
      pending: z.number().int().default(0),
      stale: z.number().int(),
      /** The work-up items missing, pending or stale for the meeting date. */
      open: z.array(
        z.object({ label: z.string(), state: z.enum(['missing', 'pending', 'stale']), reason: z.string() }),
      ),
    }),
  }),
});

export const Slide = z.discriminatedUnion('kind', [
  AgendaSlide,
  TitleSlide,
  HistorySlide,
  ImagingSlide,
  ResponseSlide,
  PathologySlide,
  StagingSlide,
  PlanSlide,
]);
export type Slide = z.infer<typeof Slide>;
export type SlideOf<K extends SlideKind> = Extract<Slide, { kind: K }>;

/** What identifies the patient of a case deck: used to scrub free text by deidentify(); null once de-identified. */
export const PatientIdentifiers = z.object({
  name: z.string(),
  familyName: z.string(),
  givenNames: z.string(),
  mrn: z.string(),
  dateOfBirth: z.string(),
  referringHospital: z.string(),
  consultantContact: z.string(),
  specimenIds: z.array(z.string()),
});
export type PatientIdentifiers = z.infer<typeof PatientIdentifiers>;

/**
 * A case whose decision was signed off: its slides are the ones frozen at sign-off (electron/services/meetings/
 * freeze-service.ts). `at` is the sign-off instant (ISO); `differsFromLive` says the record, key images or slide
 * edits have changed since, so the live slides are not what the board saw.
 */
export const FrozenInfo = z.object({ at: z.string(), differsFromLive: z.boolean() });
export type FrozenInfo = z.infer<typeof FrozenInfo>;

/** One case's slides, all of them (hidden ones flagged), in the presenter's order. */
export const CaseDeck = z.object({
  caseId: z.number().int(),
  itemId: z.number().int().nullable(),
  number: z.number().int().nullable(),
  label: z.string(),
  deidentified: z.boolean(),
  identifiers: PatientIdentifiers.nullable(),
  slides: z.array(Slide),
  /** Set on a finished meeting's case with a frozen deck (the slides are the frozen ones unless asked live). */
  frozen: FrozenInfo.optional(),
});
export type CaseDeck = z.infer<typeof CaseDeck>;

/** Where each case's slides are in the meeting deck (presenter mode jumps by case number). */
export const DeckSection = z.object({
  itemId: z.number().int(),
  caseId: z.number().int(),
  number: z.number().int(),
  label: z.string(),
  presenter: z.string(),
  minutes: z.number().int(),
  /** Index of the case's first slide in `slides`, and how many visible slides it has. */
  firstSlide: z.number().int(),
  slideCount: z.number().int(),
  identifiers: PatientIdentifiers.nullable(),
  /** Set on a finished meeting's case with a frozen deck (see CaseDeck.frozen). */
  frozen: FrozenInfo.optional(),
});
export type DeckSection = z.infer<typeof DeckSection>;

/** The meeting deck: the agenda slide, then each case's visible slides in agenda order. */
export const MeetingDeck = z.object({
  meetingId: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  deidentified: z.boolean(),
  slides: z.array(Slide),
  sections: z.array(DeckSection),
});
export type MeetingDeck = z.infer<typeof MeetingDeck>;

/**
 * The speaker notes as an edited field (issue 14 item 14): stored with the slide's text edits (deck_edits.text_json)
 * under this key, on any slide of a case, so an edited note reaches the presenter view, the PDF and the PPTX's
 * speaker notes alike. Not in `editable` (the slide's own text); listed in `edited` once changed.
 */
export const NOTES_FIELD = 'notes';

/** The presenter's changes to one slide of one agenda item. */
export const SlideEdit = z.object({
  slideKey: z.string(),
  hidden: z.boolean(),
  /** Position among the case's slides; null = the record's order. */
  position: z.number().int().nullable(),
  /** Edited text fields ('title' or a key of the slide's `text`). */
  text: z.record(z.string(), z.string()),
});
export type SlideEdit = z.infer<typeof SlideEdit>;
