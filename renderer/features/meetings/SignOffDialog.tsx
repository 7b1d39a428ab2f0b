import { useEffect, useRef, useState } from 'react';
import { PLAN_OPTION_LABEL } from '../../../shared/domain/clinical';
import {
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  peopleText,
  quorumOf,
  TREATMENT_INTENT_LABEL,
  type DecisionView,
} from '../../../shared/domain/meeting';
import { missingText } from '../../../shared/domain/sign-off-text';
import { meetingDayWarnings } from '../../../shared/domain/plausibility';
import { localIsoDate } from '../../../shared/dates';
import { useRead } from '../../data/hooks';

/**
 * Sign-off asks first (issue 12, item 6): the recommendation, who was there per core specialty, and the quorum.
 * Without quorum the chair states why, and that reason becomes part of the record. `view` is the saved decision:
 * what is shown is what will be signed (the main process recomputes the quorum from it anyway).
 */
export function SignOffDialog({
  view,
  signer,
  busy,
  onConfirm,
  onCancel,
}: {
  view: DecisionView;
  signer: string;
  busy: boolean;
  onConfirm: (noQuorumReason: string | undefined) => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    const dialog = ref.current;
    // showModal traps focus and closes on Escape; the close event cancels.
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const v = view.current;
  // The saved decision's quorum as the main process judges it: by the board's quorum rule when it has one.
  const quorum: ReturnType<typeof quorumOf> = view.quorum;
  // Signing off far from the meeting's day is allowed (a late sign-off), but said (issue 14 item 15).
  const meeting = useRead('meetings:get', { id: view.meetingId }).data;
  const warnings = meeting ? meetingDayWarnings('sign-off', meeting.startsAt, localIsoDate()) : [];
  const r = v.recommendation;
  const ready = quorum.met || reason.trim() !== '';
  return (
    <dialog ref={ref} className="signoff" aria-labelledby="signoff-title" onClose={onCancel}>
      <h2 id="signoff-title">Sign off this decision?</h2>
      <p className="muted small">
        Signed off by you, {signer}. Once signed off the decision is locked: a later change is an amendment.
      </p>
      {warnings.map((w) => (
        <p key={w.id} className="plausibility" data-testid={`warning-${w.id}`}>
          {w.message}
        </p>
      ))}
      <section className="signoff__sec" aria-label="Recommendation">
        <h3>{v.outcome === 'deferred' ? 'Deferred' : 'Recommendation'}</h3>
        {v.outcome === 'deferred' && <p>{v.outcomeReason}</p>}
        {r.options.length > 0 && (
          <p className="signoff__options">{r.options.map((o) => PLAN_OPTION_LABEL[o]).join(' + ')}</p>
        )}
        {r.text && <p>{r.text}</p>}
        {v.intent && <p>Intent: {TREATMENT_INTENT_LABEL[v.intent]}</p>}
      </section>
      <section className="signoff__sec" aria-label="Attendance">
        <h3>Attendance</h3>
        <dl className="signoff__att">
          {CORE_SPECIALTIES.map((s) => (
            <div key={s} className={v.attendance[s].present ? '' : 'signoff__absent'}>
              <dt>{CORE_SPECIALTY_LABEL[s]}</dt>
              <dd>
                {v.attendance[s].present
                  ? peopleText(v.attendance[s].people) || 'Present (no name recorded)'
                  : 'Absent'}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="signoff__sec" aria-label="Quorum" data-testid="signoff-quorum">
        {quorum.met ? (
          <p className="quorum quorum--met">✓ Quorum: every core specialty is present.</p>
        ) : (
          <>
            <p className="quorum quorum--not-met">No quorum: {missingText(quorum.missing)}.</p>
            <label className="signoff__reason">
              <span>Why is this decision signed off without quorum? (part of the record)</span>
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000} />
            </label>
          </>
        )}
      </section>
      <div className="signoff__foot">
        <button
          type="button"
          className="button button--primary"
          disabled={!ready || busy}
          onClick={() => onConfirm(quorum.met ? undefined : reason.trim())}
        >
          Sign off
        </button>
        <button type="button" className="button button--ghost" onClick={() => ref.current?.close()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
