import { useState, type ReactNode } from 'react';
import type { ExportKind, ExportRequestInput } from '../../../shared/contract/exports';
import { RECIPIENT_KIND_LABEL, RECIPIENT_KINDS, type RecipientKind } from '../../../shared/domain/follow-up';
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

/**
 * One case's outcome letter, as PDF, for the referrer (as on record) or for a GP, the patient or another person named
 * here; the letter register records whom each copy was for.
 */
export function OutcomeExport({ agendaItemId, patientName }: { agendaItemId: number; patientName: string }) {
  const [kind, setKind] = useState<RecipientKind>('referrer');
  const [name, setName] = useState('');
  const named = kind === 'referrer' || name.trim() !== '';
  return (
    <ExportPanel
      name="Export outcome"
      lead={
        <>
          <label>
            Letter for{' '}
            <select
              value={kind}
              onChange={(e) => {
                const next = e.target.value as RecipientKind;
                setKind(next);
                setName(next === 'patient' ? patientName : '');
              }}
            >
              {RECIPIENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k === 'referrer' ? 'The referrer (as on record)' : RECIPIENT_KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </label>
          {kind !== 'referrer' && (
            <label>
              Name{' '}
              <input
                type="text"
                value={name}
                maxLength={200}
                required
                placeholder={kind === 'gp' ? 'e.g. Dr Amy Lee, Riverside Practice' : undefined}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
          )}
        </>
      }
      buttons={[
        {
          label: 'Outcome summary as PDF',
          disabled: !named,
          request: (deidentified) => ({
            kind: 'outcome-pdf',
            agendaItemId,
            recipientKind: kind,
            recipient: kind === 'referrer' ? undefined : name.trim(),
            deidentified,
          }),
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
  buttons: { label: string; disabled?: boolean; request: (deidentified: boolean) => ExportRequestInput }[];
  deidentifiedTitle?: string;
}) {
  const job = useExportJob();
  const [deidentified, setDeidentified] = useState(false);
  return (
    <section className="meeting-exports" aria-label={name}>
      <div className="meeting-exports__row">
        {lead}
        {buttons.map(({ label, disabled, request }) => (
          <button
            key={label}
            type="button"
            className="button button--small"
            disabled={job.busy || disabled}
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
