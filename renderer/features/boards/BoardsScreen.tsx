import { useEffect, useState } from 'react';
import type { MakeMeetingsResult } from '../../../shared/contract/boards';
import type { DirectoryEntry } from '../../../shared/contract/auth';
import {
  ISO_WEEKDAY_LABEL,
  REFERRAL_DATASET_FIELDS,
  REFERRAL_DATASET_LABEL,
  type Board,
} from '../../../shared/domain/board';
import { CORE_SPECIALTIES, CORE_SPECIALTY_LABEL } from '../../../shared/domain/meeting';
import { clockTime, localIsoDate, shortDate } from '../../../shared/dates';
import { useCan } from '../../auth/useCan';
import { whoMayText } from '../../../shared/auth/roles';
import { Banner, type BannerMessage } from '../../components/Banner';
import { useRead, useWrite } from '../../data/hooks';
import { hrefFor } from '../../router';
import { reason } from '../meetings/meeting-format';
import { BoardMembers } from './BoardMembers';
import { draftOf, slugOf, type BoardDraft } from './board-draft';
import '../../styles/boards.css';

/** "Thu 10 Dec 2026, 13:00 (cut-off Tue 8 Dec 2026, 12:00)" */
const madeText = (m: { startsAt: string; submissionCutoff: string | null }) =>
  `${shortDate(m.startsAt)}, ${clockTime(m.startsAt)}` +
  (m.submissionCutoff ? ` (cut-off ${shortDate(m.submissionCutoff)}, ${clockTime(m.submissionCutoff)})` : '');

/** The board's meetings for the next N weeks, and what that made. */
function MakeMeetings({ board }: { board: Board }) {
  const make = useWrite('boards:makeMeetings');
  const [weeks, setWeeks] = useState(4);
  const [result, setResult] = useState<MakeMeetingsResult | null>(null);
  const [banner, setBanner] = useState<BannerMessage | null>(null);
  useEffect(() => setResult(null), [board.id]);
  const run = async () => {
    setBanner(null);
    const answer = await make.mutateAsync({ boardId: board.id, from: localIsoDate(), weeks });
    if (!answer.ok) return setBanner({ kind: 'error', text: `No meetings made: ${reason(answer.error)}` });
    setResult(answer.value);
    const n = answer.value.made.length;
    setBanner({ kind: 'saved', text: `Made ${n} meeting${n === 1 ? '' : 's'} of ${board.name}.` });
  };
  return (
    <section className="board-made" aria-labelledby="make-meetings">
      <h2 id="make-meetings">Make meetings</h2>
      <p className="muted">
        {ISO_WEEKDAY_LABEL[board.weekday]}s at {board.startTime} from today; a day the board already meets on is left
        alone.
      </p>
      <div className="board-members__add">
        <label htmlFor="make-weeks">Make meetings: next</label>
        <input
          id="make-weeks"
          type="number"
          min={1}
          max={26}
          value={weeks}
          onChange={(e) => setWeeks(Number(e.target.value))}
          style={{ width: '5em' }}
        />
        <span>weeks</span>
        <button type="button" className="button button--primary" disabled={make.isPending} onClick={() => void run()}>
          Make meetings
        </button>
      </div>
      <Banner message={banner} />
      {result && (
        <div aria-label="Meetings made">
          {result.made.length > 0 && (
            <>
              <h3>Made</h3>
              <ul>
                {result.made.map((m) => (
                  <li key={m.id}>
                    <a href={hrefFor({ name: 'meeting', id: m.id, tab: 'agenda' })}>{m.title}</a>: {madeText(m)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.skipped.length > 0 && (
            <>
              <h3>Already scheduled</h3>
              <ul>
                {result.skipped.map((m) => (
                  <li key={m.id}>
                    <a href={hrefFor({ name: 'meeting', id: m.id, tab: 'agenda' })}>{m.title}</a>: {madeText(m)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function UserSelect({
  id,
  value,
  directory,
  onChange,
  disabled,
}: {
  id: string;
  value: number | null;
  directory: readonly DirectoryEntry[];
  onChange: (id: number | null) => void;
  disabled: boolean;
}) {
  return (
    <select
      id={id}
      value={value ?? ''}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
    >
      <option value="">Nobody chosen</option>
      {directory.map((u) => (
        <option key={u.id} value={u.id}>
          {u.displayName}
        </option>
      ))}
    </select>
  );
}

/** A board's template: when and where it meets, who chairs and coordinates, members and cover, quorum, cut-off. */
function BoardForm({
  initial,
  directory,
  canEdit,
  onSaved,
}: {
  initial: BoardDraft;
  directory: readonly DirectoryEntry[];
  canEdit: boolean;
  onSaved: (b: Board) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [banner, setBanner] = useState<BannerMessage | null>(null);
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const save = useWrite('boards:save');
  useEffect(() => setDraft(initial), [initial]);
  const b = draft.board;
  const set = (patch: Partial<BoardDraft['board']>) => {
    setBanner(null);
    setDraft((d) => ({ ...d, board: { ...d.board, ...patch } }));
  };
  const errorOf = (field: string) => (fieldError?.field === field ? fieldError.message : undefined);
  const toggle = <T,>(list: readonly T[], v: T, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v));
  const submit = async () => {
    setFieldError(null);
    const board = draft.id === null ? { ...b, slug: b.slug || slugOf(b.name) } : b;
    const answer = await save.mutateAsync({ id: draft.id, version: draft.version, board });
    if (!answer.ok) {
      const field = (answer.error.field ?? '').replace(/^board\./, '');
      if (field) setFieldError({ field, message: reason(answer.error) });
      return setBanner({ kind: 'error', text: `Not saved: ${reason(answer.error)}` });
    }
    setBanner({ kind: 'saved', text: `${answer.value.name} saved.` });
    onSaved(answer.value);
  };
  const off = !canEdit;
  return (
    <form
      aria-label={draft.id === null ? 'New board' : `Board ${b.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <fieldset disabled={off}>
        <legend>When and where</legend>
        <div className="grid">
          <div className="field">
            <label htmlFor="board-name">Board name</label>
            <input id="board-name" value={b.name} onChange={(e) => set({ name: e.target.value })} />
            {errorOf('name') && <div className="field__error">{errorOf('name')}</div>}
          </div>
          {draft.id === null && (
            <div className="field">
              <label htmlFor="board-slug">Short name (the meetings' board type)</label>
              <input
                id="board-slug"
                value={b.slug}
                placeholder={slugOf(b.name) || 'e.g. sarcoma'}
                onChange={(e) => set({ slug: e.target.value })}
              />
              {errorOf('slug') && <div className="field__error">{errorOf('slug')}</div>}
            </div>
          )}
          <div className="field">
            <label htmlFor="board-weekday">Weekday</label>
            <select id="board-weekday" value={b.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })}>
              {ISO_WEEKDAY_LABEL.slice(1).map((d, i) => (
                <option key={d} value={i + 1}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="board-time">Time</label>
            <input
              id="board-time"
              type="time"
              value={b.startTime}
              onChange={(e) => set({ startTime: e.target.value })}
            />
            {errorOf('startTime') && <div className="field__error">{errorOf('startTime')}</div>}
          </div>
          <div className="field">
            <label htmlFor="board-length">Length (minutes)</label>
            <input
              id="board-length"
              type="number"
              min={5}
              max={720}
              value={b.durationMinutes}
              onChange={(e) => set({ durationMinutes: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor="board-place">Place</label>
            <input id="board-place" value={b.place} onChange={(e) => set({ place: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="board-video">Video link</label>
            <input
              id="board-video"
              type="url"
              value={b.videoLink}
              placeholder="https://..."
              onChange={(e) => set({ videoLink: e.target.value })}
            />
            {errorOf('videoLink') && <div className="field__error">{errorOf('videoLink')}</div>}
          </div>
          <div className="field">
            <label htmlFor="board-chair">Chair</label>
            <UserSelect
              id="board-chair"
              value={b.chairUserId}
              directory={directory}
              disabled={off}
              onChange={(chairUserId) => set({ chairUserId })}
            />
          </div>
          <div className="field">
            <label htmlFor="board-coordinator">Coordinator</label>
            <UserSelect
              id="board-coordinator"
              value={b.coordinatorUserId}
              directory={directory}
              disabled={off}
              onChange={(coordinatorUserId) => set({ coordinatorUserId })}
            />
          </div>
        </div>
      </fieldset>
      <fieldset disabled={off}>
        <legend>Core members and cover</legend>
        <BoardMembers members={b.members} directory={directory} onChange={(members) => set({ members })} />
      </fieldset>
      <fieldset disabled={off}>
        <legend>Quorum: specialties that must be present</legend>
        <div className="boards__checks">
          {CORE_SPECIALTIES.map((s) => (
            <label key={s}>
              <input
                type="checkbox"
                checked={b.quorumSpecialties.includes(s)}
                onChange={(e) => set({ quorumSpecialties: toggle(b.quorumSpecialties, s, e.target.checked) })}
              />
              {CORE_SPECIALTY_LABEL[s]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset disabled={off}>
        <legend>Cut-off and letters</legend>
        <div className="grid">
          <div className="field">
            <label htmlFor="board-cutoff-days">Cut-off: days before the meeting</label>
            <input
              id="board-cutoff-days"
              type="number"
              min={0}
              max={14}
              value={b.cutoffDaysBefore}
              onChange={(e) => set({ cutoffDaysBefore: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor="board-cutoff-time">Cut-off time</label>
            <input
              id="board-cutoff-time"
              type="time"
              value={b.cutoffTime}
              onChange={(e) => set({ cutoffTime: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="board-letter-days">Outcome letters due (working days after sign-off)</label>
            <input
              id="board-letter-days"
              type="number"
              min={0}
              max={30}
              value={b.letterTargetDays}
              onChange={(e) => set({ letterTargetDays: Number(e.target.value) })}
            />
          </div>
        </div>
      </fieldset>
      <fieldset disabled={off}>
        <legend>Referral minimum dataset</legend>
        <div className="boards__checks">
          {REFERRAL_DATASET_FIELDS.map((f) => (
            <label key={f}>
              <input
                type="checkbox"
                checked={b.dataset.includes(f)}
                onChange={(e) => set({ dataset: toggle(b.dataset, f, e.target.checked) })}
              />
              {REFERRAL_DATASET_LABEL[f]}
            </label>
          ))}
        </div>
      </fieldset>
      <Banner message={banner} />
      {canEdit && (
        <div className="section-actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {save.isPending ? 'Saving...' : draft.id === null ? 'Create board' : 'Save board'}
          </button>
        </div>
      )}
    </form>
  );
}

/** #/service/boards: the standing boards, each the template its weekly meetings are made from. */
export function BoardsScreen() {
  const canEdit = useCan('boards.edit');
  const { data: boards, error } = useRead('boards:list', {});
  const { data: directory } = useRead('users:directory', {});
  const [chosen, setChosen] = useState<number | 'new' | null>(null);
  const current = chosen === 'new' ? null : (boards?.find((b) => b.id === chosen) ?? boards?.[0] ?? null);
  const [initial, setInitial] = useState<BoardDraft>(draftOf(null));
  // The form starts again from the stored board when another board is chosen or a save answers a new version.
  useEffect(() => setInitial(draftOf(chosen === 'new' ? null : current)), [chosen, current?.id, current?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <section className="service-screen" aria-labelledby="boards-title">
      <div className="meetings__bar">
        <div>
          <h1 id="boards-title">Boards</h1>
          <p className="muted">Each board is the template its weekly meetings are made from.</p>
          {!canEdit && (
            <p className="muted" role="note">
              Read only: a {whoMayText('boards.edit')} sets up boards and makes their meetings.
            </p>
          )}
        </div>
        {canEdit && (
          <button type="button" className="button" onClick={() => setChosen('new')}>
            New board
          </button>
        )}
      </div>
      {error && <Banner message={{ kind: 'error', text: `Boards could not be read: ${error.message}` }} />}
      <div className="boards">
        <nav aria-label="Boards">
          {boards && boards.length === 0 && <p className="clin-empty">No board is set up yet.</p>}
          <ul className="boards__list">
            {boards?.map((b) => (
              <li key={b.id}>
                <button
                  type="button"
                  className={`button${current?.id === b.id && chosen !== 'new' ? ' button--primary' : ''}`}
                  aria-current={current?.id === b.id && chosen !== 'new' ? 'true' : undefined}
                  onClick={() => setChosen(b.id)}
                >
                  {b.name}
                  <span>
                    {' '}
                    · {ISO_WEEKDAY_LABEL[b.weekday]} {b.startTime}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div>
          {(chosen === 'new' || current) && (
            <BoardForm
              initial={initial}
              directory={directory ?? []}
              canEdit={canEdit}
              onSaved={(b) => setChosen(b.id)}
            />
          )}
          {chosen !== 'new' && current && canEdit && <MakeMeetings board={current} />}
        </div>
      </div>
    </section>
  );
}
