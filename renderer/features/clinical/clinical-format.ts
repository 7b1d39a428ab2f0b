import type { AppError } from '../../../shared/contract/result';
import type { ReadinessView } from '../../../shared/domain/clinical';

/** The rules name a few inputs by their field names ("necrosisPercent"); say them as a pathologist would. */
export function humanReason(text: string): string {
  return text
    .replace(/\bmitosesPer10Hpf\b/g, 'mitoses per 10 HPF')
    .replace(/\bnecrosisPercent\b/g, 'necrosis %')
    .replace(/\broundCellPercent\b/g, 'round-cell %')
    .replace(/\bmissing differentiation\b/g, 'missing the differentiation score');
}

export type ItemState = ReadinessView['items'][number]['state'];

export const STATE_LABEL: Record<ItemState, string> = {
  done: 'Done',
  missing: 'Missing',
  pending: 'Pending: not yet decidable',
  stale: 'Stale',
  'not-applicable': 'Not applicable',
};

/** A glyph that carries the state without colour (the text label is always next to it). */
export const STATE_GLYPH: Record<ItemState, string> = {
  done: '✓',
  missing: '!',
  pending: '?',
  stale: '↻',
  'not-applicable': '–',
};

/** Readiness counts; `pending` is absent where a count predates it (then 0). */
export interface ReadinessCounts {
  missing: number;
  pending?: number;
  stale: number;
}

/** "2 missing · 1 pending · 1 stale", "1 stale", or "Work-up complete". Pending is open, like missing. */
export function readinessText(c: ReadinessCounts): string {
  const parts = [
    c.missing ? `${c.missing} missing` : '',
    c.pending ? `${c.pending} pending` : '',
    c.stale ? `${c.stale} stale` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Work-up complete';
}

/** A pending item keeps the case from being ready, so it has the tone of missing (the text tells them apart). */
export function readinessTone(c: ReadinessCounts): 'missing' | 'stale' | 'done' {
  return c.missing || c.pending ? 'missing' : c.stale ? 'stale' : 'done';
}

/** Field errors of a refused save, keyed by the field path inside the object the form edits. */
export function serverFieldErrors(error: AppError, prefix: string): Record<string, string> {
  const strip = (f: string) => (f.startsWith(`${prefix}.`) ? f.slice(prefix.length + 1) : f);
  const out: Record<string, string> = {};
  for (const issue of error.issues ?? []) out[strip(issue.field)] ??= issue.message;
  if (error.field && !out[strip(error.field)]) out[strip(error.field)] = error.message.replace(/^[\w:]+: [\w.]+: /, '');
  return out;
}

/** The plain reason of a refused call, without the "channel: field:" prefix the boundary adds. */
export function plainMessage(error: AppError): string {
  return error.message.replace(/^[\w:]+: [\w.]+: /, '');
}
