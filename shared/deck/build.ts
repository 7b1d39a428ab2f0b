import { displayName, ECOG_LABEL, SEX_LABEL, SITE_CHAPTER_LABEL } from '../domain/case';
import { PLAN_OPTION_LABEL } from '../domain/clinical';
import { AGENDA_STATE_LABEL, boardTypeLabel } from '../domain/meeting';
import { PROCEDURE_LABEL } from '../domain/pathology';
import { stageLineText, tSourceText } from '../clinical/stage-text';
import { deckImageOf } from './deck-image';
import { deidentifyCaseDeck, deidentify } from './deidentify';
import {
  ageSexShort,
  ageSexWords,
  dayMonthYear,
  lesionSizeText,
  marginText,
  num,
  plainText,
  readableDates,
  sentenceCase,
  studyTitle,
} from './format';
import type { CaseDeckInput, DeckAgendaItem, DeckInputReport, DeckMeeting, MeetingDeckItem } from './input';
import { responseSlide, responseSlideKey } from './response-slide';
import {
  IMAGES_PER_SLIDE,
  NOTES_FIELD,
  type CaseDeck,
  type DeckImage,
  type DeckPathologyReport,
  type DeckSection,
  type MeetingDeck,
  type PatientIdentifiers,
  type Slide,
  type SlideEdit,
  type SlideOf,
} from './model';

/**
 * Builds slides from the record. Pure and deterministic: the same record and edits give the same deck, so the
 * screen, the PDF and the PPTX agree, and an edit made on one screen shows on every other.
 *
 * A case's slides, in the record's order: title and summary, clinical history and timeline, imaging (only when
 * the case has key images or lesion sizes; 1-4 key images per slide, spread evenly: 5 images make 3 + 2), response to
 * treatment (only when the patient has a follow-up study: shared/deck/response-slide.ts), pathology,
 * staging, proposed plan with the question. The meeting deck starts with the agenda slides (one per 7 cases).
 */

export const slideKey = {
  /** The first agenda slide keeps the key it always had; a long agenda's later pages are 'agenda-2', 'agenda-3'... */
  agenda: (meetingId: number, page = 1) => `meeting-${meetingId}/agenda${page > 1 ? `-${page}` : ''}`,
  title: (caseId: number) => `case-${caseId}/title`,
  history: (caseId: number) => `case-${caseId}/history`,
  /** The second, third... slide of a long clinical history ("History (continued)"). */
  historyPart: (caseId: number, part: number) => `case-${caseId}/history-${part}`,
  imaging: (caseId: number, part: number) => `case-${caseId}/imaging-${part}`,
  response: responseSlideKey,
  pathology: (caseId: number) => `case-${caseId}/pathology`,
  staging: (caseId: number) => `case-${caseId}/staging`,
  plan: (caseId: number) => `case-${caseId}/plan`,
};

type Draft<K extends Slide['kind']> = Omit<SlideOf<K>, 'editable' | 'edited' | 'recordText' | 'hidden'>;

/** `fixed`: text fields that follow another slide and are not edited on this one (the plan slide's question). */
function finish<K extends Slide['kind']>(d: Draft<K>, editable: boolean, fixed: readonly string[] = []): SlideOf<K> {
  return {
    ...d,
    editable: editable ? ['title', ...Object.keys(d.text).filter((f) => !fixed.includes(f))] : [],
    edited: [],
    recordText: {},
    hidden: false,
  } as unknown as SlideOf<K>;
}

/** Splits n images into ceil(n/4) slides of as even a size as possible (5 -> 3 + 2, 9 -> 3 + 3 + 3). */
export function imageGroups<T>(images: readonly T[], perSlide = IMAGES_PER_SLIDE): T[][] {
  if (images.length === 0) return [];
  const slides = Math.ceil(images.length / perSlide);
  const base = Math.floor(images.length / slides);
  const extra = images.length % slides;
  const out: T[][] = [];
  let at = 0;
  for (let i = 0; i < slides; i++) {
    const size = base + (i < extra ? 1 : 0);
    out.push(images.slice(at, at + size));
    at += size;
  }
  return out;
}

function historyLine(h: DeckAgendaItem['history'][number]): string {
  const reason = h.state === 'deferred' && h.deferredReason ? `: ${h.deferredReason.replace(/\.\s*$/, '')}` : '';
  return `${h.meetingTitle}, ${dayMonthYear(h.startsAt)}: ${AGENDA_STATE_LABEL[h.state].toLowerCase()}${readableDates(reason)}`;
}

function titleSlide(r: CaseDeckInput, item: DeckAgendaItem | undefined): Draft<'title'> {
  const name = displayName(r.patient);
  const history = (item?.history ?? []).map(historyLine);
  const notes = [
    item ? `Presenter: ${item.presenter || 'not set'} (${item.minutes} min).` : '',
    `Responsible consultant: ${r.consultantName}${r.consultantContact ? ` (${r.consultantContact})` : ''}.`,
    r.referringHospital ? `Referred by ${r.referringHospital}.` : '',
    r.patientKnowledge ? `What the patient knows: ${readableDates(r.patientKnowledge)}` : '',
    history.length ? `Earlier meetings: ${history.join('; ')}.` : '',
  ];
  return {
    key: slideKey.title(r.caseId),
    kind: 'title',
    title: name,
    caseId: r.caseId,
    itemId: item?.id ?? null,
    text: {
      summary: ageSexWords(r.ageAtMeeting, r.patient.sex),
      diagnosis: readableDates(r.workingDiagnosis),
      site: readableDates(r.tumourSite),
      question: readableDates(r.boardQuestion),
    },
    notes: notes.filter(Boolean).join('\n'),
    content: {
      patient: {
        name,
        mrn: r.patient.mrn,
        dateOfBirth: r.patient.dateOfBirth,
        age: r.ageAtMeeting,
        sex: r.patient.sex,
        sexLabel: SEX_LABEL[r.patient.sex],
      },
      ecog: r.ecog,
      ecogLabel: r.ecog === null ? null : (ECOG_LABEL[r.ecog] ?? String(r.ecog)),
      siteChapter: r.siteChapter,
      siteChapterLabel: SITE_CHAPTER_LABEL[r.siteChapter],
      caseStatus: r.status,
      consultant: r.consultantName,
      referringHospital: r.referringHospital || null,
      presenter: item?.presenter ?? '',
      minutes: item?.minutes ?? null,
      number: item?.number ?? null,
      history,
    },
  };
}

/** A history up to this long stays on one slide; a longer one continues on further slides of about PER_SLIDE. */
export const HISTORY_ONE_SLIDE = 1300;
export const HISTORY_PER_SLIDE = 1000;

/**
 * Splits a long clinical history into parts for consecutive slides, so it stays readable from the back of the
 * room instead of shrinking into a wall of small text: roughly equal parts, cut at a paragraph or sentence end
 * (a word boundary when there is none). A history up to `one` characters is one part.
 */
export function splitHistory(text: string, one = HISTORY_ONE_SLIDE, per = HISTORY_PER_SLIDE): string[] {
  const t = text.trim();
  if (t.length <= one) return [text];
  const n = Math.ceil(t.length / per);
  const ends = [...t.matchAll(/(?:\n\s*|[.!?;](?:["')\]]*)\s+)(?=\S)/g)].map((m) => m.index! + m[0].length);
  const spaces = [...t.matchAll(/\s+(?=\S)/g)].map((m) => m.index! + m[0].length);
  const cuts: number[] = [];
  for (let k = 1; k < n; k++) {
    const target = (t.length * k) / n;
    const after = cuts[cuts.length - 1] ?? 0;
    const near = (xs: number[]) =>
      xs
        .filter((x) => x > after + per * 0.3 && x < t.length - per * 0.3)
        .sort((a, b) => Math.abs(a - target) - Math.abs(b - target))[0];
    const sentence = near(ends);
    const cut =
      sentence !== undefined && Math.abs(sentence - target) < per * 0.35 ? sentence : (near(spaces) ?? sentence);
    if (cut !== undefined) cuts.push(cut);
  }
  const bounds = [0, ...cuts, t.length];
  return bounds
    .slice(1)
    .map((end, i) => t.slice(bounds[i], end).trim())
    .filter(Boolean);
}

function historySlides(r: CaseDeckInput, item: DeckAgendaItem | undefined): Draft<'history'>[] {
  const ecogLabel = r.ecog === null ? null : (ECOG_LABEL[r.ecog] ?? String(r.ecog));
  const parts = splitHistory(readableDates(r.clinicalHistory));
  const timeline = r.timeline.map((t) => ({
    date: t.date,
    kind: t.kind,
    title: t.kind === 'study' ? studyTitle(t.title) : readableDates(t.title),
    detail: t.kind === 'study' ? readableDates(sentenceCase(t.detail)) : readableDates(t.detail),
  }));
  return parts.map((part, i): Draft<'history'> =>
    i === 0
      ? {
          key: slideKey.history(r.caseId),
          kind: 'history',
          title: 'Clinical history',
          caseId: r.caseId,
          itemId: item?.id ?? null,
          text: { history: part, comorbidities: readableDates(r.comorbidities) },
          notes: [
            `Performance status: ${ecogLabel ? `ECOG ${ecogLabel}` : 'ECOG not recorded'}.`,
            parts.length > 1
              ? `The history continues on the next ${parts.length === 2 ? 'slide' : `${parts.length - 1} slides`}.`
              : '',
          ]
            .filter(Boolean)
            .join('\n'),
          content: { ecogLabel, timeline, part: 1, parts: parts.length },
        }
      : {
          key: slideKey.historyPart(r.caseId, i + 1),
          kind: 'history',
          title: 'History (continued)',
          caseId: r.caseId,
          itemId: item?.id ?? null,
          text: { history: part },
          notes: `Clinical history, part ${i + 1} of ${parts.length}.`,
          content: { ecogLabel, timeline: [], part: i + 1, parts: parts.length },
        },
  );
}

function imagingSlides(r: CaseDeckInput, item: DeckAgendaItem | undefined): Draft<'imaging'>[] {
  const images: DeckImage[] = r.keyImages.map(deckImageOf);
  const groups = imageGroups(images);
  if (groups.length === 0 && r.lesions.length === 0) return [];
  if (groups.length === 0) groups.push([]);
  const lesions = r.lesions.map((l) => ({
    label: l.label,
    size: lesionSizeText(l),
    greatestCm: l.greatestDimensionCm,
    studyDate: l.studyDate,
    source: l.source,
  }));
  const largest = [...r.lesions]
    .filter((l) => l.greatestDimensionCm !== null)
    .sort((a, b) => b.greatestDimensionCm! - a.greatestDimensionCm!)[0];
  const summary = largest
    ? `Largest lesion ${num(largest.greatestDimensionCm!)} cm: ${largest.label} (${lesionSizeText(largest)}${largest.studyDate ? `, ${dayMonthYear(largest.studyDate)}` : ''}).`
    : '';
  const lesionNotes = r.lesions.filter((l) => l.note).map((l) => `${l.label}: ${readableDates(l.note)}`);
  return groups.map((group, i): Draft<'imaging'> => {
    const imageNotes = group.map((g, j) => {
      const where = [g.seriesDescription, dayMonthYear(g.studyDate)].filter(Boolean).join(', ');
      const measured = g.measurements.length ? ` Measured: ${g.measurements.join('; ')}.` : '';
      return `Image ${j + 1}: ${g.caption}${where ? ` (${where})` : ''}.${measured}`;
    });
    return {
      key: slideKey.imaging(r.caseId, i + 1),
      kind: 'imaging' as const,
      title: groups.length > 1 ? `Imaging (${i + 1} of ${groups.length})` : 'Imaging',
      caseId: r.caseId,
      itemId: item?.id ?? null,
      text: i === 0 ? { summary } : ({} as Record<string, string>),
      notes: [...imageNotes, ...(i === 0 ? lesionNotes : [])].join('\n'),
      content: { images: group, part: i + 1, parts: groups.length, lesions: i === 0 ? lesions : [] },
    };
  });
}

function pathologyBlock(p: DeckInputReport, driving: boolean): DeckPathologyReport {
  return {
    reportId: p.id,
    driving,
    procedure: PROCEDURE_LABEL[p.procedure],
    specimenDate: p.specimenDate,
    specimenId: p.specimenId || null,
    laboratory: p.laboratory,
    histotype: p.histotypeName || 'Histotype not stated',
    coded: p.coded,
    icdO3: p.icdO3,
    grade: {
      grade: p.grade.grade,
      score: p.grade.score,
      components: { ...p.grade.components },
      source: p.grade.source,
      status: p.grade.status,
      reason: plainText(p.grade.reason),
    },
    neoadjuvantTherapy: p.neoadjuvantTherapy,
    ihc: p.ihc.map((i) => ({ marker: i.marker, result: i.result, note: i.note })),
    molecular: p.molecular.map((m) => ({ test: m.test, result: m.result })),
    margin: marginText(p),
    treatmentEffect: p.treatmentEffect,
    expertReview: p.expertReview
      ? { by: p.expertReview.by, date: p.expertReview.date, agreement: p.expertReview.agreement }
      : null,
  };
}

function gradeText(g: CaseDeckInput['clinical']['grade']): string {
  const c = g.components;
  const parts =
    g.score !== null
      ? ` (score ${g.score}: differentiation ${c.differentiation}, mitoses ${c.mitoses}, necrosis ${c.necrosis})`
      : '';
  const how = g.source === 'reported' ? ' as reported' : g.status === 'incomplete' ? ' (components missing)' : '';
  return `FNCLCC ${g.grade}${how}${parts}`;
}

function pathologySlide(r: CaseDeckInput, item: DeckAgendaItem | undefined): Draft<'pathology'> {
  const driving = r.pathology.find((p) => p.id === r.clinical.drivingReportId) ?? null;
  const others = r.pathology
    .filter((p) => p !== driving)
    .sort((a, b) => b.specimenDate.localeCompare(a.specimenDate) || b.id - a.id);
  const reports = [...(driving ? [pathologyBlock(driving, true)] : []), ...others.map((p) => pathologyBlock(p, false))];
  // FNCLCC grading is for sarcoma: a case outside the sarcoma site chapters shows no grade.
  const sarcoma = r.siteChapter !== 'other';
  const summary = driving
    ? `${driving.histotypeName || 'Histotype not stated'}${driving.icdO3 ? ` (ICD-O-3 ${driving.icdO3})` : ''}${sarcoma ? `, ${gradeText(r.clinical.grade)}` : ''}.`
    : 'No pathology report recorded.';
  const report = readableDates(driving?.reportText ?? '');
  const reportText = report ? `\n\nReport: ${report.length > 1500 ? `${report.slice(0, 1500)}…` : report}` : '';
  return {
    key: slideKey.pathology(r.caseId),
    kind: 'pathology',
    title: 'Pathology',
    caseId: r.caseId,
    itemId: item?.id ?? null,
    text: { summary },
    notes: `${plainText(r.clinical.drivingReason)}${sarcoma && r.clinical.grade.reason ? `\nGrade: ${plainText(r.clinical.grade.reason)}` : ''}${reportText}`,
    content: { reports, drivingReason: plainText(r.clinical.drivingReason), sarcoma },
  };
}

function stagingSlide(r: CaseDeckInput, item: DeckAgendaItem | undefined): Draft<'staging'> {
  const s = r.clinical.stage;
  const prefix = s.inputs.prefix;
  const p = s.pathological;
  // T, N and M carry their prefix already ("cT4 cN0 cM0"); the pathological stage, when there is one, comes first.
  const clinicalLine = stageLineText({
    ...s,
    T: s.T ?? `${prefix}TX`,
    N: s.N ?? `${prefix}NX`,
    M: s.M ?? `${prefix}M0`,
  });
  const summary = !s.applicable
    ? 'Not staged: AJCC soft tissue sarcoma staging does not apply to this site'
    : p
      ? `${stageLineText(p)}; clinical ${clinicalLine}`
      : clinicalLine;
  const notes = [
    p ? `Size for pT: ${tSourceText(p.T, plainText(p.source))}. ${plainText(p.gradeNote)}` : '',
    `Size for T: ${plainText(s.size.text)}.`,
    s.size.stale ? plainText(s.size.staleReason) : '',
    s.defaults ? 'No staging inputs saved: the defaults were used (NX, counted as N0; M0; clinical).' : '',
    s.inputs.note ? `Staging note: ${readableDates(s.inputs.note)}` : '',
  ];
  return {
    key: slideKey.staging(r.caseId),
    kind: 'staging',
    title: 'Staging',
    caseId: r.caseId,
    itemId: item?.id ?? null,
    text: { explanation: plainText(s.explanation) },
    notes: notes.filter(Boolean).join('\n'),
    content: {
      applicable: s.applicable,
      prefix,
      T: s.T,
      N: s.N,
      M: s.M,
      G: s.G,
      stageGroup: s.stageGroup,
      atLeastStageGroup: s.atLeastStageGroup,
      atLeastReason: s.atLeastReason,
      summary,
      size: {
        cm: s.size.sizeCm,
        kind: s.size.kind,
        text: plainText(s.size.text),
        date: s.size.date,
        stale: s.size.stale,
        staleReason: plainText(s.size.staleReason),
      },
      pathological: p
        ? {
            T: p.T,
            N: p.N,
            M: p.M,
            G: p.G,
            stageGroup: p.stageGroup,
            atLeastStageGroup: p.atLeastStageGroup,
            atLeastReason: p.atLeastReason,
            source: plainText(p.source),
            gradeNote: plainText(p.gradeNote),
          }
        : null,
      note: readableDates(s.inputs.note),
      defaults: s.defaults,
    },
  };
}

function planSlide(r: CaseDeckInput, item: DeckAgendaItem | undefined): Draft<'plan'> {
  const rd = r.clinical.readiness;
  const open = rd.items
    .filter(
      (i): i is typeof i & { state: 'missing' | 'pending' | 'stale' } =>
        i.state === 'missing' || i.state === 'pending' || i.state === 'stale',
    )
    .map((i) => ({ label: i.label, state: i.state, reason: plainText(i.reason) }));
  const notes = open.length
    ? `Work-up open for ${dayMonthYear(r.meetingDate)}:\n${open.map((o) => `- ${o.label} (${o.state}): ${o.reason}`).join('\n')}`
    : `Work-up complete for ${dayMonthYear(r.meetingDate)}.`;
  return {
    key: slideKey.plan(r.caseId),
    kind: 'plan',
    title: 'Proposed plan',
    caseId: r.caseId,
    itemId: item?.id ?? null,
    // The question is the title slide's (edited there; buildCaseDeck copies it here): one question per case.
    text: { proposal: readableDates(r.plan.text), question: readableDates(r.boardQuestion) },
    notes,
    content: {
      options: r.plan.options.map((o) => ({ id: o, label: PLAN_OPTION_LABEL[o] })),
      readiness: { ready: rd.ready, missing: rd.missing, pending: rd.pending ?? 0, stale: rd.stale, open },
    },
  };
}

/** The case's slides in the record's order, before any edit. */
export function recordSlides(r: CaseDeckInput, item?: DeckAgendaItem): Slide[] {
  return [
    finish(titleSlide(r, item), true),
    ...historySlides(r, item).map((d) => finish(d, true)),
    ...imagingSlides(r, item).map((d) => finish(d, true)),
    // Response to treatment: only with a follow-up study (shared/deck/response-slide.ts).
    ...[responseSlide(r, item)].flatMap((d) => (d ? [finish<'response'>(d, true)] : [])),
    finish(pathologySlide(r, item), true),
    // AJCC soft tissue sarcoma staging has nothing to say about a case outside the sarcoma site chapters
    // (docs/clinical-rules.md#non-sarcoma-cases): no staging slide rather than a "not staged" one.
    ...(r.siteChapter === 'other' ? [] : [finish(stagingSlide(r, item), true)]),
    finish(planSlide(r, item), true, ['question']),
  ];
}

/**
 * Applies the presenter's edits: edited text replaces the record's (the record's current text kept in
 * `recordText`), hidden flags, and order. Slides with a position are placed by it; a slide without one (e.g. an
 * imaging slide that appeared since the deck was reordered) follows the slide it follows in the record's order.
 * Edits naming a slide or field that no longer exists are ignored.
 */
export function applyEdits(slides: readonly Slide[], edits: readonly SlideEdit[]): Slide[] {
  const byKey = new Map(edits.map((e) => [e.slideKey, e]));
  const edited = slides.map((slide): Slide => {
    const e = byKey.get(slide.key);
    if (!e) return slide;
    const text = { ...slide.text };
    const recordText: Record<string, string> = {};
    const fields: string[] = [];
    let title = slide.title;
    let notes = slide.notes;
    for (const [field, value] of Object.entries(e.text)) {
      if (field === NOTES_FIELD) {
        recordText[field] = slide.notes;
        notes = value;
        fields.push(field);
        continue;
      }
      if (!slide.editable.includes(field)) continue;
      if (field === 'title') {
        recordText.title = slide.title;
        title = value;
      } else {
        recordText[field] = text[field];
        text[field] = value;
      }
      fields.push(field);
    }
    return { ...slide, title, text, notes, edited: fields, recordText, hidden: e.hidden };
  });
  const positioned = edited
    .map((slide, natural) => ({ slide, natural, position: byKey.get(slide.key)?.position ?? null }))
    .filter((x) => x.position !== null)
    .sort((a, b) => a.position! - b.position! || a.natural - b.natural)
    .map((x) => x.slide);
  if (positioned.length === 0) return edited;
  const out = [...positioned];
  edited.forEach((slide, natural) => {
    if (out.includes(slide)) return;
    const at = natural === 0 ? -1 : out.indexOf(edited[natural - 1]);
    out.splice(at + 1, 0, slide);
  });
  return out;
}

/**
 * One question per case: the plan slide shows the title slide's question, edited or not (it is edited on the
 * title slide only), so the deck never asks the board two different questions.
 */
function oneQuestion(slides: Slide[]): Slide[] {
  const title = slides.find((s) => s.kind === 'title');
  if (!title) return slides;
  return slides.map((s) =>
    s.kind === 'plan' && s.text.question !== title.text.question
      ? { ...s, text: { ...s.text, question: title.text.question ?? '' } }
      : s,
  );
}

/** A "History (continued)" slide the presenter has not touched is hidden and shown with the history slide. */
function followHistory(slides: Slide[], edits: readonly SlideEdit[]): Slide[] {
  const main = slides.find((s) => s.kind === 'history' && s.content.part === 1);
  if (!main) return slides;
  const touched = new Set(edits.map((e) => e.slideKey));
  return slides.map((s) =>
    s.kind === 'history' && s.content.part > 1 && !touched.has(s.key) ? { ...s, hidden: main.hidden } : s,
  );
}

export function identifiersOf(r: CaseDeckInput): PatientIdentifiers {
  return {
    name: displayName(r.patient),
    familyName: r.patient.familyName,
    givenNames: r.patient.givenNames,
    mrn: r.patient.mrn,
    dateOfBirth: r.patient.dateOfBirth,
    referringHospital: r.referringHospital,
    consultantContact: r.consultantContact,
    specimenIds: r.pathology.map((p) => p.specimenId).filter(Boolean),
  };
}

export interface CaseDeckOptions {
  /** The agenda item the deck is for: number, presenter, minutes and history show on the title slide. */
  item?: DeckAgendaItem;
  edits?: readonly SlideEdit[];
  deidentified?: boolean;
}

/** One case's slides (hidden ones included, flagged), edits applied. */
export function buildCaseDeck(record: CaseDeckInput, options: CaseDeckOptions = {}): CaseDeck {
  const deck: CaseDeck = {
    caseId: record.caseId,
    itemId: options.item?.id ?? null,
    number: options.item?.number ?? null,
    label: displayName(record.patient),
    deidentified: false,
    identifiers: identifiersOf(record),
    slides: oneQuestion(
      followHistory(applyEdits(recordSlides(record, options.item), options.edits ?? []), options.edits ?? []),
    ),
  };
  return options.deidentified ? deidentifyCaseDeck(deck) : deck;
}

/**
 * Cases per agenda slide: every row keeps its diagnosis (up to two lines) and the table stays at 18 px or more on
 * the 1600 x 900 stage when the diagnoses take two lines (tests/e2e/slides-legibility.spec.ts and
 * full-size-meeting.spec.ts); an eighth row of long diagnoses is cut off. The demo's seven cases stay on one slide.
 */
export const AGENDA_ROWS_PER_PAGE = 7;

/**
 * A long agenda's rows split over agenda slides "Agenda 1/3", "Agenda 2/3"... of as even a size as possible
 * (8 cases: 4 + 4), in agenda order; every case on exactly one page. No cases: one empty page.
 */
export function agendaPages<T>(rows: readonly T[], perPage = AGENDA_ROWS_PER_PAGE): T[][] {
  return rows.length === 0 ? [[]] : imageGroups(rows, perPage);
}

export interface MeetingDeckOptions {
  deidentified?: boolean;
  /** Keep hidden slides (flagged) in `slides`: for the slide editor. The room and the exports leave them out. */
  includeHidden?: boolean;
}

/** The meeting deck: the agenda slides, then each case's slides in agenda order (hidden slides left out). */
export function buildMeetingDeck(
  meeting: DeckMeeting,
  items: readonly MeetingDeckItem[],
  options: MeetingDeckOptions = {},
): MeetingDeck {
  const ordered = [...items].sort((a, b) => a.item.number - b.item.number);
  const totalMinutes = ordered.reduce((sum, i) => sum + i.item.minutes, 0);
  const rows = ordered.map(({ item, record }) => ({
    itemId: item.id,
    caseId: record.caseId,
    number: item.number,
    label: displayName(record.patient),
    ageSex: ageSexShort(record.ageAtMeeting, record.patient.sex),
    diagnosis: readableDates(record.workingDiagnosis),
    site: readableDates(record.tumourSite),
    presenter: item.presenter,
    minutes: item.minutes,
    plannedStart: item.plannedStart,
    state: item.state,
    carriedOver: item.history.length > 0,
  }));
  const pages = agendaPages(rows);
  const notes = [
    meeting.chair ? `Chair: ${meeting.chair}.` : '',
    meeting.coordinator ? `Coordinator: ${meeting.coordinator}.` : '',
    `${ordered.length} case${ordered.length === 1 ? '' : 's'}, ${totalMinutes} of ${meeting.durationMinutes} minutes allotted.`,
  ];
  const slides: Slide[] = pages.map((pageRows, i) =>
    finish<'agenda'>(
      {
        key: slideKey.agenda(meeting.id, i + 1),
        kind: 'agenda',
        title: pages.length > 1 ? `Agenda ${i + 1}/${pages.length}` : 'Agenda',
        caseId: null,
        itemId: null,
        text: {},
        notes: [
          ...notes,
          pages.length > 1 && pageRows.length
            ? `This page: cases ${pageRows[0].number} to ${pageRows[pageRows.length - 1].number}.`
            : '',
        ]
          .filter(Boolean)
          .join('\n'),
        content: {
          meeting: { ...meeting, boardLabel: boardTypeLabel(meeting.boardType) },
          rows: pageRows,
          caseCount: rows.length,
          totalMinutes,
          minutesLeft: meeting.durationMinutes - totalMinutes,
          page: i + 1,
          pages: pages.length,
        },
      },
      false,
    ),
  );
  const sections: DeckSection[] = [];
  for (const { item, record, edits } of ordered) {
    const caseDeck = buildCaseDeck(record, { item, edits });
    const shown = options.includeHidden ? caseDeck.slides : caseDeck.slides.filter((s) => !s.hidden);
    sections.push({
      itemId: item.id,
      caseId: record.caseId,
      number: item.number,
      label: caseDeck.label,
      presenter: item.presenter,
      minutes: item.minutes,
      firstSlide: slides.length,
      slideCount: shown.length,
      identifiers: caseDeck.identifiers,
    });
    slides.push(...shown);
  }
  const deck: MeetingDeck = {
    meetingId: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt,
    deidentified: false,
    slides,
    sections,
  };
  return options.deidentified ? deidentify(deck) : deck;
}
