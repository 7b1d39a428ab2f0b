import { CORE_SPECIALTIES, CORE_SPECIALTY_LABEL, quorumOf } from '../../../shared/domain/meeting';
import { DecisionSection } from './decision-controls';
import { inputOf, type DecisionDraft } from './decision-draft';
import { setAttendee, type DraftEdit } from './decision-edits';

/** Who was there, per core specialty, with the quorum flag; "Same as the last case" copies another case's list. */
export function AttendanceSection({
  id,
  draft,
  edit,
  onCopy,
}: {
  id: string;
  draft: DecisionDraft;
  edit: DraftEdit;
  onCopy: () => void;
}) {
  const quorum = quorumOf(inputOf(draft).attendance);
  return (
    <DecisionSection
      id={id}
      title="Attendance"
      action={
        <>
          <QuorumChip quorum={quorum} />
          <button type="button" className="button button--small button--ghost" onClick={onCopy}>
            Same as the last case
          </button>
        </>
      }
    >
      <div className="attendance">
        {CORE_SPECIALTIES.map((s) => {
          const a = draft.attendance[s];
          return (
            <div key={s} className={`attendee${a.present ? ' attendee--present' : ''}`}>
              <label className="attendee__check">
                <input
                  type="checkbox"
                  checked={a.present}
                  onChange={(e) => edit((d) => setAttendee(d, s, { present: e.target.checked }))}
                />
                {CORE_SPECIALTY_LABEL[s]}
              </label>
              <input
                className="attendee__names"
                aria-label={`${CORE_SPECIALTY_LABEL[s]} names`}
                placeholder={a.present ? 'Names (separate with ;)' : 'Absent'}
                disabled={!a.present}
                value={a.names}
                onChange={(e) => edit((d) => setAttendee(d, s, { names: e.target.value }))}
              />
            </div>
          );
        })}
      </div>
    </DecisionSection>
  );
}

/** "✓ Quorum", or how many core specialties are missing (the form and the signed-off record show the same). */
export function QuorumChip({ quorum }: { quorum: ReturnType<typeof quorumOf> }) {
  const n = quorum.missing.length;
  return (
    <span className={`quorum quorum--${quorum.met ? 'met' : 'not-met'}`} data-testid="quorum">
      {quorum.met ? '✓ Quorum' : `No quorum: ${n} core specialt${n === 1 ? 'y' : 'ies'} absent`}
    </span>
  );
}
