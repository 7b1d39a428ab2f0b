import { useState } from 'react';
import { NOTES_FIELD, type Slide } from '../../../shared/deck/model';
import { useCan } from '../../auth/useCan';
import { useWrite } from '../../data/hooks';
import '../../styles/presenter-live.css';

/**
 * The speaker notes of the slide on screen, edited in place (issue 14 item 14). Saved as a slide edit (the
 * "notes" field of deck_edits.text_json), so they are shown next time here and go into the PPTX speaker notes.
 * Not in a de-identified deck (its notes are scrubbed: saving them would store the scrubbed text) nor on a case
 * whose slides were frozen at sign-off (they no longer change).
 */
export function SlideNotes({ slide, deidentified, frozen }: { slide: Slide; deidentified: boolean; frozen: boolean }) {
  const canEdit = useCan('deck.edit');
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState('');
  const write = useWrite('deck:editSlide');
  const itemId = slide.itemId;
  const why =
    itemId === null
      ? ''
      : deidentified
        ? 'Notes are edited in the named presentation (these are de-identified).'
        : frozen
          ? 'This case was signed off: its slides, notes included, are frozen.'
          : '';

  async function save() {
    if (draft === null || itemId === null) return;
    setError('');
    const r = await write.mutateAsync({ itemId, slideKey: slide.key, text: { [NOTES_FIELD]: draft } });
    if (r.ok) setDraft(null);
    else setError(r.error.message);
  }

  if (draft !== null) {
    return (
      <form
        className="pnotes__form"
        aria-label="Edit the speaker notes"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor={`notes-${slide.key}`}>Speaker notes for this slide</label>
        <textarea
          id={`notes-${slide.key}`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- opened by the Edit button: the typing goes here
          autoFocus
        />
        <p className="pnotes__hint">Emptied, the slide goes back to the notes made from the record.</p>
        {error && (
          <p className="pnotes__error" role="alert">
            {error}
          </p>
        )}
        <div className="pnotes__bar">
          <button type="button" className="pbutton pbutton--small" onClick={() => setDraft(null)}>
            Cancel
          </button>
          <button type="submit" className="pbutton pbutton--small pbutton--on" disabled={write.isPending}>
            {write.isPending ? 'Saving...' : 'Save notes'}
          </button>
        </div>
      </form>
    );
  }
  return (
    <>
      {canEdit && itemId !== null && (
        <div className="pnotes__bar">
          <button
            type="button"
            className="pbutton pbutton--small"
            onClick={() => setDraft(slide.notes)}
            disabled={Boolean(why)}
            title={why || 'Edit the notes of this slide (kept with the slide, and in the PowerPoint speaker notes)'}
          >
            Edit notes
          </button>
        </div>
      )}
      <div className="presenter__notes" data-testid="speaker-notes">
        {slide.notes ? slide.notes : <span className="muted">No notes for this slide.</span>}
      </div>
    </>
  );
}
