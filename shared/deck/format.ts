/** Text for slides. Pure: the screen, the print view and the PPTX export all show the same words. */

import { readableDates } from '../dates';
import type { Sex } from '../domain/case';

/** 16.3 -> "16.3", 8 -> "8", 4.25 -> "4.25". */
export const num = (n: number) => String(Number(n.toFixed(2)));

/** "9 × 8 × 16.3 cm" (the dimensions known, long × short × craniocaudal); "size not recorded" when none. */
export function lesionSizeText(l: {
  longCm: number | null;
  shortCm: number | null;
  craniocaudalCm: number | null;
}): string {
  const dims = [l.longCm, l.shortCm, l.craniocaudalCm].filter((x): x is number => x !== null);
  return dims.length ? `${dims.map(num).join(' × ')} cm` : 'size not recorded';
}

const SEX_SHORT: Record<Sex, string> = { female: 'F', male: 'M', other: 'X', unknown: '?' };
const SEX_WORD: Record<Sex, string> = { female: 'woman', male: 'man', other: 'person', unknown: 'person' };

/** "63 M" */
export const ageSexShort = (age: number, sex: Sex) => `${age} ${SEX_SHORT[sex]}`;
/** "63-year-old man" */
export const ageSexWords = (age: number, sex: Sex) => `${age}-year-old ${SEX_WORD[sex]}`;

/** "13:00" from 'YYYY-MM-DDTHH:MM'. */
export { clockTime } from '../dates';

/** "R1, closest margin < 1 mm (deep < 1 mm; proximal 15 mm)"; '' when the report gives none of these. */
export { marginSummary as marginText } from '../clinical/specimen';

// ---- Dates and words for people, never codes ------------------------------------------------------------------

export { dayMonthYear } from '../dates';

/** Every ISO date in free text as people write it (shared/dates.ts). */
export { readableDates };

/** The words for the grading inputs the clinical code names by field. */
const FIELD_WORDS: Record<string, string> = {
  mitosesPer10Hpf: 'mitoses per 10 HPF',
  necrosisPercent: 'necrosis %',
  roundCellPercent: 'round-cell %',
  differentiation: 'differentiation',
  histotypeId: 'histotype',
};

/** "a", "a and b", "a, b and c" */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Text from the clinical code (grade reasons, readiness reasons, staging explanations) in words: "missing
 * mitosesPer10Hpf, necrosisPercent" -> "mitoses per 10 HPF and necrosis % not reported", other field names in
 * words, and ISO dates as "22 Sep 2026".
 */
export function plainText(text: string): string {
  if (!text) return text;
  const names = Object.keys(FIELD_WORDS).join('|');
  const list = new RegExp(`missing ((?:${names})(?:, (?:${names}))*)`, 'g');
  const out = text
    .replace(
      new RegExp(`, missing ((?:${names})(?:, (?:${names}))*)`, 'g'),
      (_, l: string) => `: ${listText(l.split(', ').map((f) => FIELD_WORDS[f]))} not reported`,
    )
    .replace(list, (_, l: string) => `${listText(l.split(', ').map((f) => FIELD_WORDS[f]))} not reported`)
    .replace(new RegExp(`\\b(${names})\\b`, 'g'), (f: string) => FIELD_WORDS[f]);
  return readableDates(out);
}

/** Words kept in capitals when shouted text is put in sentence case. */
const ACRONYMS = new Set(
  'CT MR MRI PET US XR CR DX NM PT SPECT FDG IV IVC MPR MIP DWI ADC STIR FLAIR TSE GRE HRCT CTA MRA CAP AP PA LR SI T1 T2 PD FS 2D 3D R L NOS'.split(
    ' ',
  ),
);
const MODALITY_WORDS = new Set('CT MR MRI PET US XR CR DX NM PT SPECT'.split(' '));

/**
 * Words typed in capitals (DICOM descriptions: "CT ABDOMEN PELVIS (SYNTHETIC DEMO)", "ABDOMEN; 2 series") in
 * sentence case, keeping the acronyms: "CT abdomen pelvis (synthetic demo)", "Abdomen; 2 series". Words already in
 * lower or mixed case are left as they are.
 */
export function sentenceCase(text: string): string {
  let first = true;
  return text.replace(/[A-Za-z][A-Za-z0-9]*/g, (w) => {
    const isFirst = first;
    first = false;
    if (!/^[A-Z][A-Z0-9]+$/.test(w) || ACRONYMS.has(w)) return w;
    const lower = w.toLowerCase();
    return isFirst ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
  });
}

/**
 * A timeline entry for an imported study: "CT: CT ABDOMEN PELVIS (SYNTHETIC DEMO)" -> "CT abdomen pelvis (synthetic
 * demo)" (the modality said once, the description in sentence case); "MR: Left thigh" -> "MR left thigh".
 */
export function studyTitle(title: string): string {
  const m = /^([A-Z]{2,5}(?:\/[A-Z]{2,5})*): (.+)$/s.exec(title);
  if (!m) return readableDates(sentenceCase(title));
  const description = readableDates(sentenceCase(m[2].trim()));
  const first = /^[A-Za-z]+/.exec(description)?.[0].toUpperCase() ?? '';
  if (MODALITY_WORDS.has(first) || m[1].split('/').includes(first)) return description;
  const lead = /^[A-Z0-9]+\b/.test(description)
    ? description
    : description.charAt(0).toLowerCase() + description.slice(1);
  return `${m[1]} ${lead}`;
}
