import { useState, type ReactNode } from 'react';
import type { ExportKind, ExportRequestInput } from '../../../shared/contract/exports';
import { ExportProgress } from './ExportProgress';
import { useExportJob } from './useExportJob';

const MEETING_EXPORTS: { kind: Exclude<ExportKind, 'outcome-pdf'>; label: string }[] = [
  { kind: 'deck-pdf', label: 'Deck as PDF' },
  { kind: 'deck-pptx', label: 'Deck as PowerPoint' },
  { kind: 'minutes-pdf', label: 'Minutes as PDF' },
  // issue 14: circulation
  { kind: 'agenda-pdf', label: 'Agenda (A4 PDF)' },
  { kind: 'pack-pdf', label: 'Pre-meeting pack (PDF)' },
];

/** The meeting's exports: deck (PDF, PPTX) and minutes, plain or de-identified, one at a time with progress. */
export function MeetingExports({ meetingId }: { meetingId: number }) {
  return (
    <ExportPanel
      name="Export"
      lead={<span className="muted small">Export:</span>}
      buttons={MEETING_EXPORTS.map(({ kind, label }) => ({
        label,
        request: (deidentified) => ({ kind, meetingId, deidentified }),
      }))}
      deidentifiedTitle="No names, MRNs, dates of birth or other identifiers; images are the burned-in key images only"
    />
  );
}

/** One case's outcome summary for the referrer and GP, as PDF. */
export function OutcomeExport({ agendaItemId }: { agendaItemId: number }) {
  return (
    <ExportPanel
      name="Export outcome"
      buttons={[
        {
          label: 'Outcome summary as PDF',
          request: (deidentified) => ({ kind: 'outcome-pdf', agendaItemId, deidentified }),
        },
      ]}
    />
  );
}

/** A row of export buttons with the de-identified switch, running one export at a time with its progress below. */
function ExportPanel({
  name,
  lead,
  buttons,
  deidentifiedTitle,
}: {
  /** The region's accessible name. */
  name: string;
  lead?: ReactNode;
  buttons: { label: string; request: (deidentified: boolean) => ExportRequestInput }[];
  deidentifiedTitle?: string;
}) {
  const job = useExportJob();
  const [deidentified, setDeidentified] = useState(false);
  return (
    <section className="meeting-exports" aria-label={name}>
      <div className="meeting-exports__row">
        {lead}
        {buttons.map(({ label, request }) => (
          <button
            key={label}
            type="button"
            className="button button--small"
            disabled={job.busy}
            onClick={() => job.start(request(deidentified))}
          >
            {label}
          </button>
        ))}
        <label className="check small" title={deidentifiedTitle}>
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
