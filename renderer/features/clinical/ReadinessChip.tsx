import '../../styles/clinical.css';
import { dayMonthYear } from '../../../shared/dates';
import { readinessText, readinessTone } from './clinical-format';

/** Readiness at a glance: "2 missing · 1 stale" or "Work-up complete", in colour and in words. */
export function ReadinessChip({
  missing,
  stale,
  meetingDate,
  meetingTitle,
}: {
  missing: number;
  stale: number;
  meetingDate: string;
  meetingTitle?: string;
}) {
  const tone = readinessTone({ missing, stale });
  const text = readinessText({ missing, stale });
  const title = `Work-up for ${meetingTitle ? `${meetingTitle} on` : 'a meeting on'} ${dayMonthYear(meetingDate)}: ${
    tone === 'done' ? 'nothing missing or stale' : `${missing} item${missing === 1 ? '' : 's'} missing, ${stale} stale`
  }`;
  return (
    <span className={`readiness-chip readiness-chip--${tone}`} title={title} data-testid="readiness-chip">
      <span className="readiness-chip__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
