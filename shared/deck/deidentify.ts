import type { CaseDeck, MeetingDeck, PatientIdentifiers, Slide } from './model';

/**
 * De-identification of a deck, for teaching and external second opinions (issue 5, Export): no name, MRN, date
 * of birth (the age stays) or other identifier on any slide, in any note, caption or free text.
 *
 * - Structured identifiers are removed: the patient's name, MRN and date of birth, the referring hospital, pathology
 *   specimen (accession) numbers. Cases are called "Case 3" by their agenda number. Staff (consultant, presenter,
 *   chair) are not patient identifiers and stay; the consultant's contact details are scrubbed.
 * - Free text (history, question, captions, notes, edited text ...) is scrubbed of every deck patient's name
 *   (family name in any case; given names when written with a capital, as names are), MRN (also without its
 *   separators), date of birth in the usual written forms, referring hospital, consultant contact and specimen
 *   numbers, replaced by "[patient]", "[MRN]", "[date of birth]", ...
 * - Key images are flagged `burnedInOnly`: draw and export the PNG with the measurements burned in, never the
 *   DICOM (whose headers hold the name and ID). The PNGs are canvas renders of the pixels and measurements only.
 * - Clinical dates are kept: the story needs them, and the issue asks for the date of birth only.
 */

const NOT_TEXT = new Set([
  'key',
  'kind',
  'src',
  'state',
  'sex',
  'siteChapter',
  'caseStatus',
  'status',
  'source',
  'boardType',
  'startsAt',
  'endsAt',
  'plannedStart',
  'date',
  'specimenDate',
  'studyDate',
  'editable',
  'edited',
]);

const BOUND = '\\p{L}\\p{N}';
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole words: not inside a longer word or number. */
const word = (src: string) => `(?<![${BOUND}])(?:${src})(?![${BOUND}])`;
/** Words of a phrase separated by any run of spaces or hyphens. */
const phrase = (s: string) => s.trim().split(/[\s]+/).map(esc).join('[\\s\\-]+');

const MONTHS = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may', 'may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept?'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];

function dateOfBirthPattern(dob: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dob);
  if (!m) return null;
  const [, y, mm, dd] = m;
  const mi = Number(mm);
  const di = Number(dd);
  const yy = y.slice(2);
  const month = `(?:${MONTHS[mi - 1][0]}|${MONTHS[mi - 1][1]}\\.?)`;
  const d = `0?${di}`;
  const mo = `0?${mi}`;
  const ord = '(?:st|nd|rd|th)?';
  const forms = [
    `${y}-${mm}-${dd}`,
    `${y}/${mm}/${dd}`,
    `${y}${mm}${dd}`,
    `${d}[./-]${mo}[./-](?:${y}|${yy})`,
    `${mo}[./-]${d}[./-](?:${y}|${yy})`,
    `${d}${ord}\\s+(?:of\\s+)?${month},?\\s+${y}`,
    `${month}\\s+${d}${ord},?\\s+${y}`,
  ];
  return word(forms.join('|'));
}

/** Words of hospital names that name no place (a hospital is "Ashcombe General Hospital", then "Ashcombe"). */
const GENERIC_HOSPITAL_WORDS = new Set(
  'hospital hospitals general community university universities royal county district infirmary memorial medical centre center clinic clinics trust nhs foundation saint st the of and for regional teaching children childrens women womens cancer institute health healthcare north south east west city central new old hospice'.split(
    ' ',
  ),
);

/** The place-naming words of a hospital's name, by which the text may also refer to it. */
function hospitalPlaceWords(name: string): string[] {
  return name
    .split(/[\s,()/&.-]+/)
    .map((w) => w.replace(/['’]s$/i, ''))
    .filter(
      (w) => w.length >= 3 && /^\p{Lu}/u.test(w) && !GENERIC_HOSPITAL_WORDS.has(w.toLowerCase().replace(/['’]/g, '')),
    );
}

const TOKENS = {
  dob: '[date of birth]',
  mrn: '[MRN]',
  specimen: '[specimen]',
  contact: '[contact]',
  hospital: '[referring hospital]',
  patient: '[patient]',
} as const;
type Token = keyof typeof TOKENS;

/**
 * A function that scrubs the given patients' identifiers from any text. All patterns go into two regular
 * expressions (one case-insensitive, one for given names as written), so a deck of 30 cases is scrubbed in
 * milliseconds; at any position the earlier kinds win (date of birth, MRN, ..., whole names, single names).
 */
export function identifierScrubber(all: readonly PatientIdentifiers[]): (text: string) => string {
  const found: Record<Token, string[]> = { dob: [], mrn: [], specimen: [], contact: [], hospital: [], patient: [] };
  const givenNames: string[] = [];
  const placeWords: string[] = [];
  for (const p of all) {
    const dob = dateOfBirthPattern(p.dateOfBirth);
    if (dob) found.dob.push(dob);
    const mrn = p.mrn.trim();
    if (mrn.length >= 4) {
      found.mrn.push(word(esc(mrn)));
      const compact = mrn.replace(/[^A-Za-z0-9]/g, '');
      if (compact !== mrn && compact.length >= 4) found.mrn.push(word(esc(compact)));
    }
    for (const s of p.specimenIds) if (s.trim().length >= 3) found.specimen.push(word(phrase(s)));
    const contact = p.consultantContact.trim();
    if (contact.length >= 5) {
      found.contact.push(word(phrase(contact)));
      for (const part of contact.split(/[;,]/).map((x) => x.trim()))
        if (part.length >= 5) found.contact.push(word(phrase(part)));
    }
    if (p.referringHospital.trim().length >= 4) {
      found.hospital.push(word(phrase(p.referringHospital)));
      // "a biopsy taken at Ashcombe": the place alone names the hospital too (matched as written, capitalised).
      for (const w of hospitalPlaceWords(p.referringHospital)) placeWords.push(word(esc(w)));
    }
    // Whole names first, then each name on its own.
    found.patient.push(word(`${phrase(p.givenNames)}\\s+${phrase(p.familyName)}`));
    found.patient.push(word(`${phrase(p.familyName)},?\\s+${phrase(p.givenNames)}`));
    const family = p.familyName.split(/\s+/).filter((t) => t.length >= 2);
    const familyParts = family.flatMap((t) => t.split(/[-']/)).filter((t) => t.length >= 3);
    for (const t of new Set([...family, ...familyParts])) found.patient.push(word(esc(t)));
    for (const t of p.givenNames.split(/[\s-]+/).filter((x) => x.length >= 2)) {
      // Given names can be words too ("May", "Will"): matched only as names are written, capitalised or in capitals.
      givenNames.push(word(`${esc(t.charAt(0).toUpperCase() + t.slice(1))}|${esc(t.toUpperCase())}`));
    }
  }
  const kinds = (Object.keys(found) as Token[]).filter((k) => found[k].length);
  // Longer alternatives first, so "Smith-Jones" is not cut at "Smith".
  const byLength = (xs: string[]) => [...new Set(xs)].sort((a, b) => b.length - a.length);
  const anyCase = kinds.length
    ? new RegExp(kinds.map((k) => `(?<${k}>${byLength(found[k]).join('|')})`).join('|'), 'giu')
    : null;
  const asWritten = givenNames.length ? new RegExp(byLength(givenNames).join('|'), 'gu') : null;
  const places = placeWords.length ? new RegExp(byLength(placeWords).join('|'), 'gu') : null;
  return (text: string) => {
    let out = text;
    if (anyCase) {
      out = out.replace(anyCase, (...args) => {
        const groups = args[args.length - 1] as Record<Token, string | undefined>;
        return TOKENS[kinds.find((k) => groups[k] !== undefined)!];
      });
    }
    if (places) out = out.replace(places, TOKENS.hospital);
    if (asWritten) out = out.replace(asWritten, TOKENS.patient);
    return out
      .replace(/\[patient\](?:[\s,]+\[patient\])+/g, TOKENS.patient)
      .replace(/\[referring hospital\](?:\s+\[referring hospital\])+/g, TOKENS.hospital);
  };
}

function scrubDeep<T>(value: T, scrub: (s: string) => string, key = ''): T {
  if (typeof value === 'string') return (NOT_TEXT.has(key) ? value : scrub(value)) as T;
  if (Array.isArray(value)) return (NOT_TEXT.has(key) ? value : value.map((v) => scrubDeep(v, scrub, key))) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub, k)])) as T;
  }
  return value;
}

const caseLabel = (n: number | null) => (n === null ? 'Case' : `Case ${n}`);

/** Removes the structured identifiers of one slide (free text is scrubbed afterwards). */
function stripSlide(slide: Slide, label: (caseId: number) => string): Slide {
  switch (slide.kind) {
    case 'agenda':
      return {
        ...slide,
        content: { ...slide.content, rows: slide.content.rows.map((r) => ({ ...r, label: caseLabel(r.number) })) },
      };
    case 'title':
      return {
        ...slide,
        title: slide.edited.includes('title') ? slide.title : label(slide.caseId!),
        recordText: slide.edited.includes('title')
          ? { ...slide.recordText, title: label(slide.caseId!) }
          : slide.recordText,
        content: {
          ...slide.content,
          patient: { ...slide.content.patient, name: null, mrn: null, dateOfBirth: null },
          referringHospital: null,
        },
      };
    case 'imaging':
      return {
        ...slide,
        content: { ...slide.content, images: slide.content.images.map((i) => ({ ...i, burnedInOnly: true })) },
      };
    case 'response': {
      // The key images of both studies: burned-in PNGs only, as on the imaging slides.
      const burned = (st: typeof slide.content.baseline) => ({
        ...st,
        images: st.images.map((i) => ({ ...i, burnedInOnly: true })),
      });
      return {
        ...slide,
        content: { ...slide.content, baseline: burned(slide.content.baseline), current: burned(slide.content.current) },
      };
    }
    case 'pathology':
      return {
        ...slide,
        content: { ...slide.content, reports: slide.content.reports.map((r) => ({ ...r, specimenId: null })) },
      };
    default:
      return slide;
  }
}

/** The de-identified meeting deck (see above). Idempotent. */
export function deidentify(deck: MeetingDeck): MeetingDeck {
  const scrub = identifierScrubber(deck.sections.flatMap((s) => (s.identifiers ? [s.identifiers] : [])));
  const numbers = new Map(deck.sections.map((s) => [s.caseId, s.number]));
  const label = (caseId: number) => caseLabel(numbers.get(caseId) ?? null);
  return {
    ...deck,
    title: scrub(deck.title),
    deidentified: true,
    slides: deck.slides.map((s) => scrubDeep(stripSlide(s, label), scrub)),
    sections: deck.sections.map((s) => ({ ...scrubDeep(s, scrub), label: caseLabel(s.number), identifiers: null })),
  };
}

/** The de-identified deck of one case. Idempotent. */
export function deidentifyCaseDeck(deck: CaseDeck): CaseDeck {
  const scrub = identifierScrubber(deck.identifiers ? [deck.identifiers] : []);
  const label = () => caseLabel(deck.number);
  return {
    ...deck,
    label: label(),
    deidentified: true,
    identifiers: null,
    slides: deck.slides.map((s) => scrubDeep(stripSlide(s, label), scrub)),
  };
}
