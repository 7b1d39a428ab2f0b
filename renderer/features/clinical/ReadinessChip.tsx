import '../../styles/clinical.css';
import { dayMonthYear } from '../../../shared/dates';
import { readinessText, readinessTone } from './clinical-format';

/** Readiness at a glance: "2 missing · 1 pending · 1 stale" or "Work-up complete", in colour and in words. */
export function ReadinessChip({
  missing,
  pending = 0,
  stale,
  meetingDate,
  meetingTitle,
}: {
  missing: number;
  /** Items not yet decidable: open, like missing. */
  pending?: number;
  stale: number;
  meetingDate: string;
  meetingTitle?: string;
}) {
  const tone = readinessTone({ missing, pending, stale });
  const text = readinessText({ missing, pending, stale });
  const title = `Work-up for ${meetingTitle ? `${meetingTitle} on` : 'a meeting on'} ${dayMonthYear(meetingDate)}: ${
    tone === 'done'
      ? 'nothing missing or stale'
      : `${missing} item${missing === 1 ? '' : 's'} missing, ${pending} pending (not yet decidable), ${stale} stale`
  }`;
  return (
    <span className={`readiness-chip readiness-chip--${tone}`} title={title} data-testid="readiness-chip">
      <span className="readiness-chip__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
