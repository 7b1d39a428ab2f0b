import { useState } from 'react';
import { REFERRAL_DATASET_LABEL } from '../../../shared/domain/board';
import {
  REFERRAL_STATUS_LABEL,
  URGENCY_LABEL,
  type Referral,
  type ReferralMeeting,
} from '../../../shared/domain/referral';
import { clockTime, dateTime, shortDate } from '../../../shared/dates';
import { useCan } from '../../auth/useCan';
import { Banner, type BannerMessage } from '../../components/Banner';
import { useRead, useWrite } from '../../data/hooks';
import { hrefFor } from '../../router';
import '../../styles/referrals.css';

/** "Thu 10 Dec 2026, 13:00" (a local wall-clock time). */
const when = (at: string) => `${shortDate(at)}, ${clockTime(at)}`;
const missingText = (r: Referral) => r.missing.map((f) => REFERRAL_DATASET_LABEL[f]).join('; ');

/**
 * The referral triage queue (issue 14 item 6): urgency, when received, the meeting it is meant for, whether it came
 * after that meeting's cut-off, and what of the board's minimum dataset is missing. The coordinator accepts it onto
 * a meeting (a late one: this meeting as a late addition, or the next), or declines / sends it back with a reason.
 * An incomplete referral is accepted only with an explicit confirmation.
 */
export function ReferralsScreen() {
  const { data: referrals, isLoading } = useRead('referrals:list', {});
  const canRefer = useCan('referrals.create');
  const canTriage = useCan('referrals.triage');
  const [open, setOpen] = useState<number | null>(null);
  const triage = (referrals ?? []).filter((r) => r.status === 'triage');
  const decided = (referrals ?? []).filter((r) => r.status !== 'triage');

  return (
    <section className="service-screen referrals" aria-labelledby="referrals-title">
      <div className="referrals__bar">
        <h1 id="referrals-title">Referrals</h1>
        {canRefer && (
          <a className="button button--primary" href={hrefFor({ name: 'new-referral' })}>
            Refer a patient
          </a>
        )}
      </div>
      <h2>Triage queue ({triage.length})</h2>
      {isLoading ? (
        <p className="muted">Loading...</p>
      ) : triage.length === 0 ? (
        <p className="muted">No referral is waiting for triage.</p>
      ) : (
        <table className="store-table referrals__table" aria-label="Referrals in triage">
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Urgency</th>
              <th scope="col">Received</th>
              <th scope="col">Meant for</th>
              <th scope="col">Cut-off</th>
              <th scope="col">Missing</th>
              <th scope="col">
                <span className="visually-hidden">Triage</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {triage.map((r) => (
              <ReferralRow
                key={r.id}
                r={r}
                open={open === r.id}
                canTriage={canTriage}
                onToggle={() => setOpen(open === r.id ? null : r.id)}
              />
            ))}
          </tbody>
        </table>
      )}
      {decided.length > 0 && (
        <>
          <h2>Decided</h2>
          <table className="store-table referrals__table" aria-label="Decided referrals">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Referrer</th>
                <th scope="col">Decision</th>
                <th scope="col">Meeting or reason</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((r) => (
                <tr key={r.id}>
                  <td>{patientCell(r)}</td>
                  <td>{r.referrerName}</td>
                  <td>{REFERRAL_STATUS_LABEL[r.status]}</td>
                  <td>
                    {r.status === 'accepted' && r.meeting
                      ? `${r.meeting.title}, ${when(r.meeting.startsAt)}${r.late ? ' (late addition)' : ''}`
                      : r.declineReason}
                  </td>
                  <td>{dateTime(r.decidedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function patientCell(r: Referral) {
  return r.caseId !== null ? (
    <a href={hrefFor({ name: 'case', id: r.caseId, tab: 'record' })}>
      {r.patientName} <span className="muted small">MRN {r.mrn}</span>
    </a>
  ) : (
    <span className="muted">Case removed</span>
  );
}

function ReferralRow({
  r,
  open,
  canTriage,
  onToggle,
}: {
  r: Referral;
  open: boolean;
  canTriage: boolean;
  onToggle: () => void;
}) {
  const panelId = `referral-${r.id}-triage`;
  return (
    <>
      <tr className={r.late ? 'referrals__row--late' : undefined} data-testid="referral-row">
        <td>
          {patientCell(r)}
          <div className="small">{r.question}</div>
          <div className="muted small">
            From {r.referrerName}
            {r.referringHospital ? `, ${r.referringHospital}` : ''}
          </div>
        </td>
        <td>
          <span className={`referrals__urgency referrals__urgency--${r.urgency}`}>{URGENCY_LABEL[r.urgency]}</span>
        </td>
        <td>{when(r.receivedAt)}</td>
        <td>
          {r.meeting ? `${r.meeting.title}, ${when(r.meeting.startsAt)}` : 'No meeting scheduled'}
          <div className="muted small">{r.boardName}</div>
        </td>
        <td>
          {r.late ? (
            <strong className="referrals__late">After cut-off</strong>
          ) : r.meeting ? (
            <span className="muted">Before {when(r.meeting.cutoff)}</span>
          ) : null}
        </td>
        <td>{r.missing.length ? <span className="referrals__missing">{missingText(r)}</span> : 'Complete'}</td>
        <td>
          {canTriage && (
            <button type="button" className="button" aria-expanded={open} aria-controls={panelId} onClick={onToggle}>
              Triage {r.patientName}
            </button>
          )}
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={7} id={panelId}>
            <TriagePanel r={r} />
          </td>
        </tr>
      )}
    </>
  );
}

function meetingLabel(r: Referral, m: ReferralMeeting, index: number): string {
  const what = `${m.title}, ${when(m.startsAt)}`;
  if (r.meeting?.id === m.id) return r.late ? `This meeting (late addition): ${what}` : `This meeting: ${what}`;
  const meantAt = r.choices.findIndex((c) => c.id === r.meeting?.id);
  return index === meantAt + 1 ? `The next meeting: ${what}` : what;
}

/** Accept onto a meeting, or decline / send back with a reason. */
function TriagePanel({ r }: { r: Referral }) {
  const accept = useWrite('referrals:accept');
  const decline = useWrite('referrals:decline');
  // A referral on time goes to the meeting it was meant for unless the coordinator says otherwise; a late one waits
  // for the choice.
  const [meetingId, setMeetingId] = useState<number | null>(
    !r.late && r.choices.some((c) => c.id === r.meeting?.id) ? (r.meeting?.id ?? null) : null,
  );
  const [confirm, setConfirm] = useState(false);
  const [reason, setReason] = useState('');
  const [banner, setBanner] = useState<BannerMessage | null>(null);

  async function doAccept() {
    if (meetingId === null) {
      setBanner({ kind: 'error', text: 'Choose the meeting to put this case on.' });
      return;
    }
    const result = await accept.mutateAsync({ id: r.id, version: r.version, meetingId, confirmIncomplete: confirm });
    if (!result.ok) setBanner({ kind: 'error', text: `Not accepted: ${result.error.message}` });
  }

  async function doDecline() {
    const result = await decline.mutateAsync({ id: r.id, version: r.version, reason });
    if (!result.ok) setBanner({ kind: 'error', text: `Not declined: ${result.error.message}` });
  }

  return (
    <div className="referrals__triage" role="group" aria-label={`Triage of ${r.patientName}`}>
      <div className="referrals__accept">
        <fieldset>
          <legend>Put on the agenda of</legend>
          {r.choices.length === 0 && <p className="muted">No upcoming meeting of this board: create one first.</p>}
          {r.choices.map((m, i) => (
            <label key={m.id} className="referral-form__radio">
              <input
                type="radio"
                name={`referral-${r.id}-meeting`}
                checked={meetingId === m.id}
                onChange={() => setMeetingId(m.id)}
              />{' '}
              {meetingLabel(r, m, i)}
            </label>
          ))}
        </fieldset>
        {r.missing.length > 0 && (
          <label className="referral-form__radio">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> Accept although
            incomplete (missing: {missingText(r)})
          </label>
        )}
        <button
          type="button"
          className="button button--primary"
          disabled={accept.isPending || r.choices.length === 0 || (r.missing.length > 0 && !confirm)}
          onClick={() => void doAccept()}
        >
          Accept onto the meeting
        </button>
      </div>
      <div className="referrals__decline">
        <div className="field">
          <label htmlFor={`referral-${r.id}-reason`}>Reason for declining or sending back</label>
          <textarea
            id={`referral-${r.id}-reason`}
            rows={2}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setBanner(null);
            }}
          />
        </div>
        {r.missing.length > 0 && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setReason(`Sent back as incomplete: please send ${missingText(r)}.`)}
          >
            Write “send back as incomplete”
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={decline.isPending || reason.trim() === ''}
          onClick={() => void doDecline()}
        >
          Decline
        </button>
      </div>
      <Banner message={banner} />
    </div>
  );
}
