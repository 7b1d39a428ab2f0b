import { useState } from 'react';
import { dateTime, dayMonthYear } from '../../../shared/dates';
import { RECIPIENT_KIND_LABEL } from '../../../shared/domain/follow-up';
import { boardTypeLabel } from '../../../shared/domain/meeting';
import { Banner } from '../../components/Banner';
import { useCan } from '../../auth/useCan';
import { useRead } from '../../data/hooks';
import { hrefFor } from '../../router';
import { mediaSrc } from '../../web-access';
import { ExportProgress } from '../exports/ExportProgress';
import { useExportJob } from '../exports/useExportJob';
import '../../styles/follow-up.css';

/**
 * Outcome letters (issue 14 item 10): the decided (signed-off) cases with no letter yet, each against its board's
 * target in working days (overdue highlighted), a button producing the letter (the outcome export, which records
 * it), and the register of every letter produced: for whom, by whom, when, identified or not, and its SHA-256.
 */
export function LettersScreen() {
  const pending = useRead('letters:pending', {});
  const register = useRead('letters:list', {});
  const job = useExportJob();
  const [deidentified, setDeidentified] = useState(false);
  // Only the screen's courtesy: the export refuses a letter anyway without letters.produce.
  const canProduce = useCan('letters.produce');
  return (
    <section className="service-screen follow-up" aria-labelledby="letters-title">
      <h1 id="letters-title">Outcome letters</h1>
      <p className="muted">
        A letter is written only once the board&apos;s decision is signed off, and is due by the board&apos;s target
        (the next working day unless the board says otherwise).
      </p>

      <h2 id="letters-pending">Decided cases without a letter</h2>
      <div className="follow-up__filters">
        <label className="check">
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
      {pending.error && <Banner message={{ kind: 'error', text: pending.error.message }} />}
      {!pending.data && !pending.error && <div className="loading">Loading...</div>}
      {pending.data && pending.data.pending.length === 0 && (
        <p className="muted">Every signed-off case has its letter.</p>
      )}
      {pending.data && pending.data.pending.length > 0 && (
        <table className="follow-up__table" aria-labelledby="letters-pending">
          <thead>
            <tr>
              <th>Case</th>
              <th>Meeting</th>
              <th>Signed off</th>
              <th>Letter due</th>
              <th>For</th>
              <th>
                <span className="visually-hidden">Produce</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pending.data.pending.map((p) => (
              <tr key={p.itemId} className={p.overdue ? 'is-overdue' : undefined} data-testid="pending-letter">
                <td>
                  <a href={hrefFor({ name: 'decision', meetingId: p.meetingId, itemId: p.itemId })}>{p.patientName}</a>
                  <div className="muted small">MRN {p.mrn}</div>
                </td>
                <td>
                  {p.meetingTitle}
                  <div className="muted small">
                    {boardTypeLabel(p.boardType)}, {dayMonthYear(p.meetingStartsAt)}
                  </div>
                </td>
                <td>{dateTime(p.signedOffAt)}</td>
                <td>
                  {dayMonthYear(p.dueDate)}
                  <div className="muted small">
                    {p.targetDays} working day{p.targetDays === 1 ? '' : 's'}
                  </div>
                  {p.overdue && <span className="follow-up__overdue">Overdue</span>}
                </td>
                <td>{p.recipient || <span className="muted">Referrer not recorded</span>}</td>
                <td>
                  {canProduce && (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={job.busy}
                      aria-label={`Produce letter for ${p.patientName}`}
                      onClick={() =>
                        job.start({
                          kind: 'outcome-pdf',
                          agendaItemId: p.itemId,
                          recipientKind: 'referrer',
                          deidentified,
                        })
                      }
                    >
                      Produce letter
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="letters-register">Letter register</h2>
      {register.error && <Banner message={{ kind: 'error', text: register.error.message }} />}
      {register.data && register.data.length === 0 && <p className="muted">No letter produced yet.</p>}
      {register.data && register.data.length > 0 && (
        <table className="follow-up__table" aria-labelledby="letters-register">
          <thead>
            <tr>
              <th>Produced</th>
              <th>Case</th>
              <th>For</th>
              <th>By</th>
              <th>Identified</th>
              <th>File</th>
            </tr>
          </thead>
          <tbody>
            {register.data.map((l) => (
              <tr key={l.id} data-testid="letter-entry">
                <td>{dateTime(l.producedAt)}</td>
                <td>
                  <a href={hrefFor({ name: 'decision', meetingId: l.meetingId, itemId: l.itemId })}>{l.patientName}</a>
                  <div className="muted small">
                    {l.meetingTitle}, {dayMonthYear(l.meetingStartsAt)}
                  </div>
                </td>
                <td>
                  {l.recipient}
                  <div className="muted small">{RECIPIENT_KIND_LABEL[l.recipientKind]}</div>
                </td>
                <td>{l.producedBy}</td>
                <td>{l.deidentified ? 'De-identified' : 'Identified'}</td>
                <td>
                  {/* The file name carries the meeting's ISO date: kept out of the text a person reads. */}
                  <a
                    href={mediaSrc(`/media/exports/${encodeURIComponent(l.fileName)}`)}
                    download={l.fileName}
                    title={l.fileName}
                  >
                    Download the letter
                  </a>
                  <div className="follow-up__hash" title="SHA-256 of the file as produced">
                    SHA-256 {l.sha256.slice(0, 16)}…
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
