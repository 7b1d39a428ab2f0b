import { useState } from 'react';
import type { ExportKind } from '../../../shared/contract/exports';
import { ExportProgress } from './ExportProgress';
import { useExportJob } from './useExportJob';

const MEETING_EXPORTS: { kind: Exclude<ExportKind, 'outcome-pdf'>; label: string }[] = [
  { kind: 'deck-pdf', label: 'Deck as PDF' },
  { kind: 'deck-pptx', label: 'Deck as PowerPoint' },
  { kind: 'minutes-pdf', label: 'Minutes as PDF' },
];

/** The meeting's exports: deck (PDF, PPTX) and minutes, plain or de-identified, one at a time with progress. */
export function MeetingExports({ meetingId }: { meetingId: number }) {
  const job = useExportJob();
  const [deidentified, setDeidentified] = useState(false);
  return (
    <section className="meeting-exports" aria-label="Export">
      <div className="meeting-exports__row">
        <span className="muted small">Export:</span>
        {MEETING_EXPORTS.map(({ kind, label }) => (
          <button
            key={kind}
            type="button"
            className="button button--small"
            disabled={job.busy}
            onClick={() => job.start({ kind, meetingId, deidentified })}
          >
            {label}
          </button>
        ))}
        <label
          className="check small"
          title="No names, MRNs, dates of birth or other identifiers; images are the burned-in key images only"
        >
          <input
            type="checkbox"
            checked={deidentified}
            disabled={job.busy}
            onChange={(e) => setDeidentified(e.target.checked)}
          />{' '}
          De-identified
        </label>
      </div>
      <ExportProgress state={job.state} onCancel={job.cancel} />
    </section>
  );
}

/** One case's outcome summary for the referrer and GP, as PDF. */
export function OutcomeExport({ agendaItemId }: { agendaItemId: number }) {
  const job = useExportJob();
  const [deidentified, setDeidentified] = useState(false);
  return (
    <section className="meeting-exports" aria-label="Export outcome">
      <div className="meeting-exports__row">
        <button
          type="button"
          className="button button--small"
          disabled={job.busy}
          onClick={() => job.start({ kind: 'outcome-pdf', agendaItemId, deidentified })}
        >
          Outcome summary as PDF
        </button>
        <label className="check small">
          <input
            type="checkbox"
            checked={deidentified}
            disabled={job.busy}
            onChange={(e) => setDeidentified(e.target.checked)}
          />{' '}
          De-identified
        </label>
      </div>
      <ExportProgress state={job.state} onCancel={job.cancel} />
    </section>
  );
}
