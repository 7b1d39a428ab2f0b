import { stageGroupText, stageLineText, tSourceText } from '../../../shared/clinical/stage-text';
import { dayMonthYear } from '../../../shared/dates';
import { identifiersOf } from '../../../shared/deck/build';
import { identifierScrubber } from '../../../shared/deck/deidentify';
import { ageSexWords, readableDates } from '../../../shared/deck/format';
import type { CaseDeckInput } from '../../../shared/deck/input';
import { displayName, SEX_LABEL } from '../../../shared/domain/case';
import type { CaseRecordFacts } from '../../../shared/domain/record-facts';
import type { Db } from '../../db/open';
import { loadMeetingDeckData } from './deck-data';

/**
 * "pT3 cN0 cM0 G3, stage IIIB (pT3: 12.5 cm, resection specimen ...); clinical cT4 cN0 cM0 GX, stage IB (at least
 * IIIB: ...)": the same words as the screen and the slide (shared/clinical/stage-text.ts), pathological first.
 */
function stagingText(r: CaseDeckInput): string | null {
  const s = r.clinical.stage;
  if (!s.applicable) return null;
  const clinical = stageLineText(s);
  const p = s.pathological;
  return p ? `${stageLineText(p)} (${tSourceText(p.T, p.source)}); clinical ${clinical}` : clinical;
}

/** "FNCLCC G2", "FNCLCC G3 as reported", "FNCLCC GX (components missing)"; null outside the sarcoma chapters. */
function gradeText(r: CaseDeckInput): string | null {
  if (r.siteChapter === 'other') return null;
  const g = r.clinical.grade;
  if (g.status === 'no-report') return 'Not graded: no pathology report';
  const how = g.source === 'reported' ? ' as reported' : g.status === 'incomplete' ? ' (components missing)' : '';
  return `FNCLCC ${g.grade}${how}${g.status === 'not-gradable' && g.reason ? ` (${g.reason})` : ''}`;
}

/** The stage group the letter leads with: pathological when there is one, with its "at least" wording. */
function stageGroupOf(r: CaseDeckInput): string | null {
  const s = r.clinical.stage;
  if (!s.applicable) return null;
  return stageGroupText(s.pathological ?? s);
}

function pathologyLines(r: CaseDeckInput): string[] {
  return r.pathology.map((p) =>
    [p.histotypeName || 'Report', `${p.procedure.replace(/-/g, ' ')}, ${dayMonthYear(p.specimenDate)}`]
      .filter(Boolean)
      .join(' — '),
  );
}

/**
 * The case facts of a meeting's agenda items (or one item) for outcome letters and minutes: from the record the
 * deck is built from (loadMeetingDeckData), but never through the slides, so an edited slide text never reaches
 * a letter. The slide edits that load answers are deliberately left unused.
 */
export function recordFacts(
  db: Db,
  meetingId: number,
  options: { itemId?: number; deidentified?: boolean } = {},
): CaseRecordFacts[] {
  const { items } = loadMeetingDeckData(db, meetingId, options.itemId ?? null);
  return items.map(({ item, record: r }) => {
    const ids = identifiersOf(r);
    const scrub = options.deidentified ? identifierScrubber([ids]) : (s: string) => s;
    const text = (s: string) => scrub(readableDates(s));
    return {
      itemId: item.id,
      caseId: r.caseId,
      number: item.number,
      deidentified: options.deidentified ?? false,
      label: options.deidentified ? `Case ${item.number}` : displayName(r.patient),
      ageSex: ageSexWords(r.ageAtMeeting, r.patient.sex),
      patient: options.deidentified
        ? null
        : { mrn: r.patient.mrn, dateOfBirth: r.patient.dateOfBirth, sexLabel: SEX_LABEL[r.patient.sex] },
      diagnosis: text(r.workingDiagnosis),
      site: text(r.tumourSite),
      question: text(r.boardQuestion),
      // Staff are not patient identifiers (shared/deck/deidentify.ts); the referring hospital is.
      consultant: r.consultantName,
      referringHospital: options.deidentified ? '' : r.referringHospital,
      pathology: pathologyLines(r).map(scrub),
      histotype: r.pathology.find((p) => p.id === r.clinical.drivingReportId)?.histotypeName ?? '',
      grade: gradeText(r),
      stageGroup: stageGroupOf(r),
      // The pathological stage names its specimen ("resection specimen S26-1234"): scrubbed like the pathology lines.
      staging: ((t) => (t === null ? null : scrub(t)))(stagingText(r)),
      identifiers: options.deidentified ? null : ids,
    };
  });
}
