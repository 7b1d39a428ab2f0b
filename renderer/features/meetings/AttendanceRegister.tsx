import { useEffect, useId, useState } from 'react';
import { attendanceFromRegister, presentAt, type RegisterEntry } from '../../../shared/domain/attendance-register';
import {
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  quorumOf,
  type CoreSpecialty,
  type MeetingDetail,
} from '../../../shared/domain/meeting';
import { missingText } from '../../../shared/domain/sign-off-text';
import { localWallTime } from '../../../shared/dates';
import { useCan } from '../../auth/useCan';
import { Banner, type BannerMessage } from '../../components/Banner';
import { PersonPicker, type PickedPerson } from '../../components/PersonPicker';
import { useRead, useWrite } from '../../data/hooks';
import { reason } from './meeting-format';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The meeting's attendance register (issue 14 item 8): who came for each core specialty, as a member or as cover,
 * arriving and leaving when; quorum live against the board's rule. Each case's decision starts from who the
 * register has present when the case comes up. Saved as a set on every change.
 */
export function AttendanceRegister({ meeting }: { meeting: MeetingDetail }) {
  const uid = useId();
  const canEdit = useCan('decisions.record') && meeting.status !== 'finished';
  const { data: register } = useRead('meetings:attendance', { meetingId: meeting.id });
  const { data: boards } = useRead('boards:list', {});
  const directory = useRead('users:directory', {}).data ?? [];
  const save = useWrite('meetings:setAttendance', { serial: `register-${meeting.id}` });
  const [banner, setBanner] = useState<BannerMessage | null>(null);
  const [arrived, setArrived] = useState('');
  // Quorum "now" follows the clock while the meeting is on today.
  const [now, setNow] = useState(() => localWallTime(new Date()));
  useEffect(() => {
    const t = setInterval(() => setNow(localWallTime(new Date())), 30_000);
    return () => clearInterval(t);
  }, []);
  if (!register) return null;
  const entries = register.entries;
  const board = boards?.find((b) => b.slug === meeting.boardType);
  const today = now.slice(0, 10) === meeting.startsAt.slice(0, 10);
  const at = meeting.status === 'in-progress' && today ? now.slice(11, 16) : null;
  const quorum = quorumOf(attendanceFromRegister(entries, at), register.quorumSpecialties);

  const write = async (next: RegisterEntry[], done: string) => {
    const answer = await save.mutateAsync({ meetingId: meeting.id, entries: next });
    setBanner(
      answer.ok ? { kind: 'saved', text: done } : { kind: 'error', text: `Not saved: ${reason(answer.error)}` },
    );
    return answer.ok;
  };
  const candidatesFor = (specialty: CoreSpecialty) =>
    [
      ...(board?.members.filter((m) => m.specialty === specialty).map((m) => m.name) ?? []),
      ...directory.map((u) => u.displayName),
    ].filter((n, i, all) => all.indexOf(n) === i);
  const add = async ({ specialty, name: typed, cover }: PickedPerson) => {
    if (arrived && !CLOCK.test(arrived)) {
      setBanner({ kind: 'error', text: 'Arrival: use HH:MM, e.g. 13:05' });
      return false;
    }
    const user = directory.find((u) => u.displayName.toLowerCase() === typed.toLowerCase());
    const member = board?.members.find((m) => m.name.toLowerCase() === typed.toLowerCase());
    const entry: RegisterEntry = {
      specialty,
      userId: user?.id ?? member?.userId ?? null,
      name: user?.displayName ?? member?.name ?? typed,
      asCover: cover || (member?.isCover ?? false),
      arrivedAt: arrived || null,
      leftAt: null,
    };
    const added = await write([...entries, entry], `${entry.name} added to the register.`);
    if (added) setArrived('');
    return added;
  };
  const addCoreMembers = () => {
    const present = new Set(entries.map((e) => `${e.specialty}/${e.name}`));
    const core = (board?.members ?? [])
      .filter((m) => !m.isCover && !present.has(`${m.specialty}/${m.name}`))
      .map((m): RegisterEntry => ({
        specialty: m.specialty,
        userId: m.userId,
        name: m.name,
        asCover: false,
        arrivedAt: null,
        leftAt: null,
      }));
    void write([...entries, ...core], `${core.length} core member${core.length === 1 ? '' : 's'} added.`);
  };
  const setTime = (i: number, key: 'arrivedAt' | 'leftAt', value: string) => {
    const v = value.trim();
    if (v === (entries[i][key] ?? '')) return;
    if (v && !CLOCK.test(v))
      return setBanner({
        kind: 'error',
        text: `${entries[i].name}, ${key === 'arrivedAt' ? 'arrived' : 'left'} at: “${v}” is not a time; use HH:MM, e.g. 13:05.`,
      });
    void write(
      entries.map((e, j) => (j === i ? { ...e, [key]: v || null } : e)),
      `${entries[i].name}: ${key === 'arrivedAt' ? 'arrival' : 'departure'} saved.`,
    );
  };

  return (
    <section className="register-section" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`} className="meetings__heading">
        Attendance
      </h2>
      <p className="muted small">
        Recorded once for the meeting{board ? ` of ${board.name}` : ''}; each case&apos;s decision starts from who is
        present when it comes up. Quorum needs:{' '}
        {register.quorumSpecialties.map((s) => CORE_SPECIALTY_LABEL[s].toLowerCase()).join(', ')}.
      </p>
      <p
        className={`quorum-live quorum-live--${quorum.met ? 'met' : 'missing'}`}
        data-testid="register-quorum"
        aria-live="polite"
      >
        {quorum.met ? `✓ Quorum${at ? ' now' : ''}` : `No quorum${at ? ' now' : ''}: ${missingText(quorum.missing)}`}
      </p>
      <table className="register" aria-label="Attendance register">
        <thead>
          <tr>
            <th scope="col">Specialty</th>
            <th scope="col">Name</th>
            <th scope="col">Arrived</th>
            <th scope="col">Left</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                Nobody registered yet.
              </td>
            </tr>
          )}
          {CORE_SPECIALTIES.flatMap((s) => entries.map((e, i) => ({ e, i })).filter(({ e }) => e.specialty === s)).map(
            ({ e, i }) => (
              <tr key={`${i}-${e.name}`} className={presentAt(e, at) ? '' : 'muted'}>
                <td>{CORE_SPECIALTY_LABEL[e.specialty]}</td>
                <td>
                  {e.name}
                  {e.asCover && <span className="muted"> (cover)</span>}
                  {e.userId === null && <span className="muted"> (guest)</span>}
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="numeric"
                    placeholder="HH:MM"
                    aria-label={`${e.name} arrived at`}
                    defaultValue={e.arrivedAt ?? ''}
                    disabled={!canEdit}
                    onBlur={(ev) => setTime(i, 'arrivedAt', ev.target.value)}
                  />
                </td>
                <td>
                  <input
                    type="text"
                    inputMode="numeric"
                    placeholder="HH:MM"
                    aria-label={`${e.name} left at`}
                    defaultValue={e.leftAt ?? ''}
                    disabled={!canEdit}
                    onBlur={(ev) => setTime(i, 'leftAt', ev.target.value)}
                  />
                </td>
                <td>
                  {canEdit && (
                    <button
                      type="button"
                      className="button button--small button--ghost"
                      aria-label={`Remove ${e.name} from the register`}
                      onClick={() =>
                        void write(
                          entries.filter((_, j) => j !== i),
                          `${e.name} removed.`,
                        )
                      }
                    >
                      Remove
                    </button>
                  )}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      {canEdit && (
        <PersonPicker
          nameLabel="Who (member, cover, user or guest)"
          addLabel="Add to register"
          suggestionsFor={candidatesFor}
          onAdd={add}
          busy={save.isPending}
          extraActions={
            board && (
              <button type="button" className="button button--ghost" onClick={addCoreMembers} disabled={save.isPending}>
                Add the board&apos;s core members
              </button>
            )
          }
        >
          <div className="field">
            <label htmlFor={`${uid}-arrived`}>Arrived (HH:MM)</label>
            <input
              id={`${uid}-arrived`}
              placeholder="from the start"
              value={arrived}
              onChange={(e) => setArrived(e.target.value)}
              style={{ width: '8em' }}
            />
          </div>
        </PersonPicker>
      )}
      <Banner message={banner} />
    </section>
  );
}
