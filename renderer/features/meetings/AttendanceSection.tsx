import { useState } from 'react';
import type { DirectoryEntry } from '../../../shared/contract/auth';
import {
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  quorumOf,
  type Attendance,
  type AttendeePerson,
  type CoreSpecialty,
} from '../../../shared/domain/meeting';
import { attendanceDifferences, type AttendanceDifference } from '../../../shared/domain/attendance-register';
import { useRead } from '../../data/hooks';
import { DecisionSection } from './decision-controls';
import { attendanceDraftOf, inputOf, type DecisionDraft } from './decision-draft';
import { setAttendee, type DraftEdit } from './decision-edits';

/**
 * Who was there, per core specialty (issue 12): users of BoardPrep picked from the directory (those whose
 * specialty matches come first and the first of them is preselected) or named guests; with the quorum flag.
 * "Same as the last case" copies another case's list.
 */
export function AttendanceSection({
  id,
  draft,
  edit,
  onCopy,
  meetingId,
  registerAttendance = null,
}: {
  id: string;
  draft: DecisionDraft;
  edit: DraftEdit;
  onCopy: () => void;
  /** The meeting: its register (which a new decision starts from) and its board's quorum rule. */
  meetingId?: number;
  /** Who the register has present at this case's time (DecisionView.registerAttendance). */
  registerAttendance?: Attendance | null;
}) {
  const register = useRead(
    'meetings:attendance',
    { meetingId: meetingId ?? 0 },
    { enabled: meetingId !== undefined },
  ).data;
  const quorum = quorumOf(inputOf(draft).attendance, register?.quorumSpecialties);
  const directory = useRead('users:directory', {}).data ?? [];
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
      {register && register.entries.length > 0 && (
        <p className="muted small">
          Started from the meeting&apos;s attendance register; change only who differs for this case.
        </p>
      )}
      {registerAttendance && (
        <RegisterDifferences
          differences={attendanceDifferences(inputOf(draft).attendance, registerAttendance)}
          onTake={() => edit((d) => ({ ...d, attendance: attendanceDraftOf(registerAttendance) }))}
        />
      )}
      <div className="attendance">
        {CORE_SPECIALTIES.map((s) => (
          <SpecialtyRow key={s} specialty={s} draft={draft} edit={edit} directory={directory} />
        ))}
      </div>
    </DecisionSection>
  );
}

/**
 * This case's differences from the register at its time: the ones made for the case on purpose, and the ones left
 * when the register changed after the decision was started (someone left early or came late); one click takes the
 * register's list again.
 */
function RegisterDifferences({ differences, onTake }: { differences: AttendanceDifference[]; onTake: () => void }) {
  if (differences.length === 0) return null;
  return (
    <div className="attendance__differences" role="note" aria-label="Differences from the attendance register">
      <span>
        Differs from the attendance register at this case&apos;s time:{' '}
        {differences
          .map(
            (d) =>
              `${d.name ? `${d.name} (${CORE_SPECIALTY_LABEL[d.specialty]})` : `A ${CORE_SPECIALTY_LABEL[d.specialty].toLowerCase()}`} ${d.change === 'joined' ? 'is in the register, not here' : 'is here, not in the register'}`,
          )
          .join('; ')}
        .
      </span>
      <button type="button" className="button button--small" onClick={onTake}>
        Use the register&apos;s attendance
      </button>
    </div>
  );
}

const same = (a: AttendeePerson, b: AttendeePerson) =>
  'userId' in a && 'userId' in b ? a.userId === b.userId : a.name === b.name && 'guest' in a === 'guest' in b;

function SpecialtyRow({
  specialty: s,
  draft,
  edit,
  directory,
}: {
  specialty: CoreSpecialty;
  draft: DecisionDraft;
  edit: DraftEdit;
  directory: DirectoryEntry[];
}) {
  const a = draft.attendance[s];
  const label = CORE_SPECIALTY_LABEL[s];
  const listed = new Set(a.people.flatMap((p) => ('userId' in p ? [p.userId] : [])));
  // The specialty's own users first, then everyone else who could sit on the board.
  const candidates = [
    ...directory.filter((u) => u.specialty === s),
    ...directory.filter((u) => u.specialty !== s),
  ].filter((u) => !listed.has(u.id));
  const [picked, setPicked] = useState<string>('');
  const [guest, setGuest] = useState('');
  const choice = picked && candidates.some((u) => String(u.id) === picked) ? picked : String(candidates[0]?.id ?? '');

  const add = (p: AttendeePerson) =>
    edit((d) =>
      setAttendee(d, s, {
        present: true,
        people: d.attendance[s].people.some((x) => same(x, p))
          ? d.attendance[s].people
          : [...d.attendance[s].people, p],
      }),
    );
  const remove = (p: AttendeePerson) =>
    edit((d) => setAttendee(d, s, { people: d.attendance[s].people.filter((x) => !same(x, p)) }));

  return (
    <div className={`attendee${a.present ? ' attendee--present' : ''}`} data-testid={`attendee-${s}`}>
      <label className="attendee__check">
        <input
          type="checkbox"
          checked={a.present}
          onChange={(e) => edit((d) => setAttendee(d, s, { present: e.target.checked }))}
        />
        {label}
      </label>
      {a.present && (
        <div className="attendee__people">
          <ul className="attendee__list" aria-label={`${label}: people present`}>
            {a.people.map((p) => (
              <li key={'userId' in p ? `u${p.userId}` : `g${p.name}`} className="attendee__person">
                {p.name}
                {'guest' in p && <span className="muted small"> (guest)</span>}
                <button
                  type="button"
                  className="button button--small button--ghost"
                  aria-label={`Remove ${p.name}`}
                  onClick={() => remove(p)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          {candidates.length > 0 && (
            <span className="attendee__add">
              <select aria-label={`${label}: add a user`} value={choice} onChange={(e) => setPicked(e.target.value)}>
                {candidates.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                    {u.specialty && u.specialty !== s ? ` (${u.specialty})` : ''}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button button--small"
                onClick={() => {
                  const u = candidates.find((c) => String(c.id) === choice);
                  if (u) add({ userId: u.id, name: u.displayName });
                }}
              >
                Add
              </button>
            </span>
          )}
          <span className="attendee__add">
            <input
              aria-label={`${label}: guest name`}
              placeholder="Guest (not a BoardPrep user)"
              value={guest}
              onChange={(e) => setGuest(e.target.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                if (guest.trim()) add({ name: guest.trim(), guest: true });
                setGuest('');
              }}
            />
            <button
              type="button"
              className="button button--small"
              disabled={!guest.trim()}
              onClick={() => {
                add({ name: guest.trim(), guest: true });
                setGuest('');
              }}
            >
              Add guest
            </button>
          </span>
        </div>
      )}
    </div>
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
