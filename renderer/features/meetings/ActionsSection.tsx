import { DecisionSection } from './decision-controls';
import type { DecisionDraft } from './decision-draft';
import { addAction, removeAction, setAction, type DraftEdit } from './decision-edits';

/** The action's text fields: id, the field's name (with the row number), its placeholder. */
const TEXT_FIELDS = [
  ['what', 'Action', 'What is to be done'],
  ['who', 'Who', 'Who'],
] as const;

/** The actions the board sets: what, who, by when; a blank row is dropped when the draft is saved. */
export function ActionsSection({
  id,
  draft,
  edit,
  errors,
}: {
  id: string;
  draft: DecisionDraft;
  edit: DraftEdit;
  /** Field problems keyed by path ("actions.0.what"). */
  errors: Record<string, string>;
}) {
  return (
    <DecisionSection
      id={id}
      title="Actions"
      action={
        <button type="button" className="button button--small" onClick={() => edit(addAction)}>
          Add action
        </button>
      }
    >
      {draft.actions.length === 0 && <p className="muted small">No actions yet.</p>}
      <div className="actions-list">
        {draft.actions.map((a, i) => {
          const what = errors[`actions.${i}.what`];
          const who = errors[`actions.${i}.who`];
          return (
            <div key={i} className="action-row">
              {TEXT_FIELDS.map(([k, label, placeholder]) => (
                <input
                  key={k}
                  aria-label={`${label} ${i + 1}`}
                  placeholder={placeholder}
                  value={a[k]}
                  onChange={(e) => edit((d) => setAction(d, i, k, e.target.value))}
                  aria-invalid={Boolean(errors[`actions.${i}.${k}`])}
                />
              ))}
              <input
                aria-label={`By when ${i + 1}`}
                type="date"
                value={a.byWhen}
                onChange={(e) => edit((d) => setAction(d, i, 'byWhen', e.target.value))}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove action ${i + 1}`}
                onClick={() => edit((d) => removeAction(d, i))}
              >
                ×
              </button>
              {(what || who) && <div className="field__error action-row__error">{what ?? who}</div>}
            </div>
          );
        })}
      </div>
    </DecisionSection>
  );
}
