import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  BOARD_TYPE_LABEL,
  boardTypeLabel,
  BoardType,
  MeetingInput,
  type MeetingDetail,
} from '../../../shared/domain/meeting';
import { call, invoke } from '../../api';
import { Field } from '../../components/Field';
import { navigate } from '../../router';
import { serverFieldErrors } from '../clinical/clinical-format';
import { reason } from './meeting-format';
import { Banner } from '../../components/Banner';

/** The select's value for "a board type not in the list". */
const NEW_BOARD = '__new__';

interface Draft {
  title: string;
  /** A known board type, or NEW_BOARD with the name in newBoardType. */
  boardType: string;
  newBoardType: string;
  startsAt: string;
  durationMinutes: string;
  place: string;
  videoLink: string;
  chair: string;
  coordinator: string;
  submissionCutoff: string;
}

function draftOf(m?: MeetingDetail): Draft {
  return {
    title: m?.title ?? 'Sarcoma MDT',
    boardType: m?.boardType ?? 'sarcoma',
    newBoardType: '',
    startsAt: m?.startsAt ?? '',
    durationMinutes: String(m?.durationMinutes ?? 90),
    place: m?.place ?? '',
    videoLink: m?.videoLink ?? '',
    chair: m?.chair ?? '',
    coordinator: m?.coordinator ?? '',
    submissionCutoff: m?.submissionCutoff ?? '',
  };
}

function toInput(d: Draft) {
  return {
    title: d.title,
    boardType: d.boardType === NEW_BOARD ? d.newBoardType.trim().toLowerCase() : d.boardType,
    startsAt: d.startsAt,
    durationMinutes: d.durationMinutes.trim() === '' ? Number.NaN : Number(d.durationMinutes),
    place: d.place,
    videoLink: d.videoLink.trim(),
    chair: d.chair,
    coordinator: d.coordinator,
    submissionCutoff: d.submissionCutoff === '' ? null : d.submissionCutoff,
  };
}

/** Create a meeting, or edit one's details (board, date and time, length, place or video link, chair, coordinator, cut-off). */
export function MeetingForm({ meeting, onSaved }: { meeting?: MeetingDetail; onSaved?: (m: MeetingDetail) => void }) {
  const initial = useMemo(() => draftOf(meeting), [meeting]);
  // The boards in use (every meeting's board type) and the built-in ones: a new board type is a deliberate choice,
  // since carry-over only moves cases between meetings of the same board.
  const [usedBoards, setUsedBoards] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    call('meetings:list', {}).then(
      (l) => live && setUsedBoards([...l.upcoming, ...l.past].map((m) => m.boardType)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const boards = useMemo(
    () =>
      [...new Set([...Object.keys(BOARD_TYPE_LABEL), ...usedBoards, ...(meeting ? [meeting.boardType] : [])])].sort(),
    [usedBoards, meeting],
  );
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);

  const localErrors = useMemo(() => {
    const parsed = MeetingInput.safeParse(toInput(draft));
    const out: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) out[String(i.path[0] ?? '')] ??= i.message;
    if (draft.boardType === NEW_BOARD) {
      const name = draft.newBoardType.trim().toLowerCase();
      delete out.boardType;
      if (name === '') out.newBoardType = 'Name the new board type, or choose a board from the list';
      else if (boards.includes(name))
        out.newBoardType = `${boardTypeLabel(name)} is already a board: choose it from the list`;
      else if (!BoardType.safeParse(name).success) out.newBoardType = 'A short name in lower case, e.g. head-and-neck';
    } else if (draft.boardType === '') out.boardType = 'Choose the board';
    return out;
  }, [draft, boards]);
  const newName = draft.boardType === NEW_BOARD ? draft.newBoardType.trim().toLowerCase() : '';
  const similar = newName
    ? boards.find((b) => newName !== b && (newName.includes(b) || b.includes(newName)))
    : undefined;
  const errorFor = (k: keyof Draft) => serverErrors[k] ?? (submitted ? localErrors[k] : undefined);
  const set = (k: keyof Draft) => (e: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [k]: e.target.value }));
    setServerErrors((s) => ({ ...s, [k]: undefined as unknown as string }));
    setBanner(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(localErrors).length) {
      setBanner({
        kind: 'error',
        text: `Not saved: ${Object.keys(localErrors).length} field${Object.keys(localErrors).length === 1 ? ' needs' : 's need'} attention.`,
      });
      return;
    }
    setSaving(true);
    const input = MeetingInput.parse(toInput(draft));
    const result = meeting
      ? await invoke('meetings:update', { id: meeting.id, version: meeting.version, fields: input })
      : await invoke('meetings:create', input);
    setSaving(false);
    if (!result.ok) {
      setServerErrors(serverFieldErrors(result.error, meeting ? 'fields' : ''));
      setBanner({ kind: 'error', text: `Not saved: ${reason(result.error)}` });
      return;
    }
    setBanner({ kind: 'saved', text: meeting ? 'Meeting details saved.' : 'Meeting created.' });
    if (onSaved) onSaved(result.value);
    else navigate({ name: 'meeting', id: result.value.id, tab: 'agenda' });
  }

  return (
    <form
      className="meeting-form"
      onSubmit={(e) => void submit(e)}
      aria-label={meeting ? 'Meeting details' : 'New meeting'}
      noValidate
    >
      {!meeting && (
        <div className="meetings__bar">
          <div>
            <h1>New meeting</h1>
            <p className="muted">
              Cases waiting from an earlier meeting of the same board join its agenda by themselves.
            </p>
          </div>
        </div>
      )}
      <Banner message={banner} />
      <fieldset>
        <legend>The meeting</legend>
        <div className="grid">
          <Field label="Title" required error={errorFor('title')}>
            {(p) => <input {...p} value={draft.title} onChange={set('title')} />}
          </Field>
          <Field
            label="Board"
            required
            error={errorFor('boardType')}
            hint="Cases not discussed move on to the next meeting of the same board"
          >
            {(p) => (
              <select {...p} value={draft.boardType} onChange={set('boardType')}>
                {boards.map((b) => (
                  <option key={b} value={b}>
                    {boardTypeLabel(b)}
                  </option>
                ))}
                <option value={NEW_BOARD}>New board type…</option>
              </select>
            )}
          </Field>
          {draft.boardType === NEW_BOARD && (
            <Field
              label="New board type"
              required
              error={errorFor('newBoardType')}
              hint={
                similar
                  ? `Close to the existing ${boardTypeLabel(similar)} board: a new board type starts its own agenda and carry-over. Choose ${boardTypeLabel(similar)} above if this is the same board.`
                  : 'A short name in lower case, e.g. head-and-neck'
              }
            >
              {(p) => (
                <input
                  {...p}
                  value={draft.newBoardType}
                  onChange={set('newBoardType')}
                  placeholder="e.g. head-and-neck"
                />
              )}
            </Field>
          )}
          <Field label="Date and time" required error={errorFor('startsAt')}>
            {(p) => <input {...p} type="datetime-local" value={draft.startsAt} onChange={set('startsAt')} />}
          </Field>
          <Field label="Length (minutes)" required error={errorFor('durationMinutes')}>
            {(p) => (
              <input
                {...p}
                type="number"
                min={5}
                max={720}
                step={5}
                value={draft.durationMinutes}
                onChange={set('durationMinutes')}
              />
            )}
          </Field>
          <Field
            label="Submission cut-off"
            error={errorFor('submissionCutoff')}
            hint="Cases should be submitted by then (optional)"
          >
            {(p) => (
              <input {...p} type="datetime-local" value={draft.submissionCutoff} onChange={set('submissionCutoff')} />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Where and who</legend>
        <div className="grid">
          <Field label="Place" error={errorFor('place')}>
            {(p) => <input {...p} value={draft.place} onChange={set('place')} placeholder="e.g. Seminar room 3" />}
          </Field>
          <Field label="Video link" error={errorFor('videoLink')}>
            {(p) => (
              <input {...p} type="url" value={draft.videoLink} onChange={set('videoLink')} placeholder="https://..." />
            )}
          </Field>
          <Field label="Chair" error={errorFor('chair')}>
            {(p) => <input {...p} value={draft.chair} onChange={set('chair')} />}
          </Field>
          <Field label="Coordinator" error={errorFor('coordinator')}>
            {(p) => <input {...p} value={draft.coordinator} onChange={set('coordinator')} />}
          </Field>
        </div>
      </fieldset>
      <div className="section-actions">
        {meeting && dirty && (
          <button type="button" className="button button--ghost" onClick={() => setDraft(initial)}>
            Undo changes
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={saving || (Boolean(meeting) && !dirty)}>
          {saving ? 'Saving...' : meeting ? 'Save details' : 'Create meeting'}
        </button>
      </div>
    </form>
  );
}
