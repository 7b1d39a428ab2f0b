import { localIsoDate, MONTHS } from '../dates';
import { CORE_SPECIALTY_LABEL, type SignOffRecord } from './meeting';

const pad = (n: number) => String(n).padStart(2, '0');

/** "3 December 2026 at 10:42", local time, from an ISO instant (the record never shows ISO dates). */
export function onDayAt(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const [y, m, day] = localIsoDate(d).split('-').map(Number);
  return `${day} ${MONTHS[m - 1]} ${y} at ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "radiation oncologist absent", "surgeon and pathologist absent". */
export function missingText(missing: readonly (keyof typeof CORE_SPECIALTY_LABEL)[]): string {
  const names = missing.map((s) => CORE_SPECIALTY_LABEL[s].toLowerCase());
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
  return `${list} absent`;
}

/**
 * The sign-off as the record, the printed outcome and the minutes state it:
 * "Signed off by Dr X on 3 December 2026 at 10:42 — without quorum (radiation oncologist absent): <reason>".
 */
export function signOffText(r: Pick<SignOffRecord, 'by' | 'at' | 'quorumMet' | 'missing' | 'reason'>): string {
  const head = `Signed off by ${r.by} on ${onDayAt(r.at)}`;
  if (r.quorumMet) return `${head}, with quorum`;
  return `${head} — without quorum (${missingText(r.missing)})${r.reason ? `: ${r.reason}` : ''}`;
}
