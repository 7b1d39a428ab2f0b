import { useState } from 'react';
import type { Slide } from '../../../shared/deck/model';

/** The editable texts of a slide, by field id, as the editor names them. */
export const FIELD_LABEL: Record<string, string> = {
  title: 'Slide title',
  summary: 'Summary',
  diagnosis: 'Diagnosis',
  site: 'Site',
  question: 'Question for the board',
  history: 'Clinical history',
  comorbidities: 'Comorbidities',
  explanation: 'Staging explanation',
  proposal: 'Proposed plan',
  notes: 'Speaker notes',
};

/** The slide's editable texts; only the fields changed are sent, and an emptied field goes back to the record. */
export function SlideTextForm({
  slide,
  onSave,
}: {
  slide: Slide;
  onSave: (text: Record<string, string | null>) => Promise<void>;
}) {
  const current = (f: string) => (f === 'title' ? slide.title : (slide.text[f] ?? ''));
  const [values, setValues] = useState(() => Object.fromEntries(slide.editable.map((f) => [f, current(f)])));
  const [saving, setSaving] = useState(false);
  const changed = slide.editable.filter((f) => values[f] !== current(f));
  async function save() {
    setSaving(true);
    await onSave(Object.fromEntries(changed.map((f) => [f, values[f]])));
    setSaving(false);
  }
  return (
    <form
      className="slide-text"
      aria-label="Slide text"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {slide.editable.map((f) => {
        const edited = slide.edited.includes(f);
        const long =
          f !== 'title' && (current(f).length > 80 || ['history', 'question', 'proposal', 'explanation'].includes(f));
        return (
          <div key={f} className={`slide-text__field${edited ? ' is-edited' : ''}`}>
            <label htmlFor={`slide-${f}`}>
              {FIELD_LABEL[f] ?? f}
              {edited && <span className="mchip mchip--edited">Edited</span>}
            </label>
            {long ? (
              <textarea
                id={`slide-${f}`}
                rows={f === 'history' ? 6 : 3}
                value={values[f]}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              />
            ) : (
              <input
                id={`slide-${f}`}
                value={values[f]}
                onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
              />
            )}
            {edited && (
              <div className="slide-text__record">
                <span className="muted small">The record says: {slide.recordText[f] || '(empty)'}</span>
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => void onSave({ [f]: null })}
                >
                  Use the record
                </button>
              </div>
            )}
          </div>
        );
      })}
      <div className="section-actions">
        {changed.length > 0 && (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => setValues(Object.fromEntries(slide.editable.map((f) => [f, current(f)])))}
          >
            Undo changes
          </button>
        )}
        <button type="submit" className="button button--primary" disabled={!changed.length || saving}>
          {saving ? 'Saving...' : 'Save slide text'}
        </button>
      </div>
    </form>
  );
}
