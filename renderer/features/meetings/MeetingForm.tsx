import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { boardTypeLabel, type MeetingDetail } from '../../../shared/domain/meeting';
import { Banner } from '../../components/Banner';
import { Field } from '../../components/Field';
import { useRead, useWrite } from '../../data/hooks';
import { navigate, useUnsavedGuard } from '../../router';
import { serverFieldErrors } from '../clinical/clinical-format';
import {
  boardChoices,
  draftOf,
  meetingDraftSchema,
  NEW_BOARD,
  newBoardName,
  similarBoard,
  type MeetingDraft,
} from './meeting-draft';
import { reason } from './meeting-format';
import { meetingDateWarnings } from '../../../shared/domain/plausibility';
import { localIsoDate } from '../../../shared/dates';
import '../../styles/boards.css';

type Input = ReturnType<ReturnType<typeof meetingDraftSchema>['parse']>;

/** Create a meeting, or edit one's details (board, date and time, length, place or video link, chair, coordinator, cut-off). */
export function MeetingForm({ meeting, onSaved }: { meeting?: MeetingDetail; onSaved?: (m: MeetingDetail) => void }) {
  const initial = useMemo(() => draftOf(meeting), [meeting]);
  const { data: list } = useRead('meetings:list', {});
  const boards = useMemo(
    () =>
      boardChoices(
        [...(list ? [...list.upcoming, ...list.past] : []), ...(meeting ? [meeting] : [])].map((m) => m.boardType),
      ),
    [list, meeting],
  );
  // Problems show once a save was tried, then follow each change (React Hook Form's default modes).
  const form = useForm<MeetingDraft, unknown, Input>({
    defaultValues: initial,
    resolver: zodResolver(meetingDraftSchema(boards)),
  });
  const { register, formState, setError, reset, control } = form;
  useUnsavedGuard(formState.isDirty, meeting ? 'the meeting details' : 'the new meeting');
  const create = useWrite('meetings:create');
  const update = useWrite('meetings:update');
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);

  const [boardType, newBoardType, startsAt] = useWatch({ control, name: ['boardType', 'newBoardType', 'startsAt'] });
  // A meeting dated in the past is allowed (recorded afterwards) but said (issue 14 item 15); not for a finished one.
  const dateWarnings =
    typeof startsAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(startsAt) && meeting?.status !== 'finished'
      ? meetingDateWarnings(startsAt, localIsoDate())
      : [];
  const newBoard = boardType === NEW_BOARD;
  const similar = similarBoard(newBoardName({ boardType, newBoardType }), boards);
  const errorFor = (k: keyof MeetingDraft) => formState.errors[k]?.message;

  const submit = form.handleSubmit(
    async (input) => {
      const result = meeting
        ? await update.mutateAsync({ id: meeting.id, version: meeting.version, fields: input })
        : await create.mutateAsync(input);
      if (!result.ok) {
        for (const [k, message] of Object.entries(serverFieldErrors(result.error, meeting ? 'fields' : '')))
          setError(k as keyof MeetingDraft, { type: 'server', message });
        setBanner({ kind: 'error', text: `Not saved: ${reason(result.error)}` });
        return;
      }
      setBanner({ kind: 'saved', text: meeting ? 'Meeting details saved.' : 'Meeting created.' });
      if (onSaved) onSaved(result.value);
      else navigate({ name: 'meeting', id: result.value.id, tab: 'agenda' }, { saved: true });
    },
    (errors) => {
      const n = Object.keys(errors).length;
      setBanner({ kind: 'error', text: `Not saved: ${n} field${n === 1 ? ' needs' : 's need'} attention.` });
    },
  );

  return (
    <form
      className="meeting-form"
      onSubmit={(e) => void submit(e)}
      // Any change makes the last "saved" or "not saved" out of date.
      onChange={() => setBanner(null)}
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
            {(p) => <input {...p} {...register('title')} />}
          </Field>
          <Field
            label="Board"
            required
            error={errorFor('boardType')}
            hint="Cases not discussed move on to the next meeting of the same board"
          >
            {(p) => (
              <select {...p} {...register('boardType')}>
                {boards.map((b) => (
                  <option key={b} value={b}>
                    {boardTypeLabel(b)}
                  </option>
                ))}
                <option value={NEW_BOARD}>New board type…</option>
              </select>
            )}
          </Field>
          {newBoard && (
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
              {(p) => <input {...p} {...register('newBoardType')} placeholder="e.g. head-and-neck" />}
            </Field>
          )}
          <Field label="Date and time" required error={errorFor('startsAt')}>
            {(p) => <input {...p} type="datetime-local" {...register('startsAt')} />}
          </Field>
          {dateWarnings.map((w) => (
            <p key={w.id} className="plausibility field--wide" data-testid={`warning-${w.id}`}>
              {w.message}
            </p>
          ))}
          <Field label="Length (minutes)" required error={errorFor('durationMinutes')}>
            {(p) => <input {...p} type="number" min={5} max={720} step={5} {...register('durationMinutes')} />}
          </Field>
          <Field
            label="Submission cut-off"
            error={errorFor('submissionCutoff')}
            hint="Cases should be submitted by then (optional)"
          >
            {(p) => <input {...p} type="datetime-local" {...register('submissionCutoff')} />}
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend>Where and who</legend>
        <div className="grid">
          <Field label="Place" error={errorFor('place')}>
            {(p) => <input {...p} {...register('place')} placeholder="e.g. Seminar room 3" />}
          </Field>
          <Field label="Video link" error={errorFor('videoLink')}>
            {(p) => <input {...p} type="url" {...register('videoLink')} placeholder="https://..." />}
          </Field>
          <Field label="Chair" error={errorFor('chair')}>
            {(p) => <input {...p} {...register('chair')} />}
          </Field>
          <Field label="Coordinator" error={errorFor('coordinator')}>
            {(p) => <input {...p} {...register('coordinator')} />}
          </Field>
        </div>
      </fieldset>
      <div className="section-actions">
        {meeting && formState.isDirty && (
          <button type="button" className="button button--ghost" onClick={() => reset(initial)}>
            Undo changes
          </button>
        )}
        <button
          type="submit"
          className="button button--primary"
          disabled={formState.isSubmitting || (Boolean(meeting) && !formState.isDirty)}
        >
          {formState.isSubmitting ? 'Saving...' : meeting ? 'Save details' : 'Create meeting'}
        </button>
      </div>
    </form>
  );
}
