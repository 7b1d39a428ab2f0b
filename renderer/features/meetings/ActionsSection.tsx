import { actionDueWarnings } from '../../../shared/domain/plausibility';
import { useRead } from '../../data/hooks';
import { DecisionSection } from './decision-controls';
import type { DecisionDraft } from './decision-draft';
import { addAction, removeAction, setAction, setActionOwner, type DraftEdit } from './decision-edits';

/**
 * The actions the board sets: what, who owns it, by when; a blank row is dropped when the draft is saved. Each
 * action is followed up after sign-off (the Actions screen), so sign-off asks for an owner and a due date. The
 * owner is typed or picked from the users' directory; a due date before the meeting is warned about, not refused.
 */
export function ActionsSection({
  id,
  meetingId,
  draft,
  edit,
  errors,
}: {
  id: string;
  meetingId: number;
  draft: DecisionDraft;
  edit: DraftEdit;
  /** Field problems keyed by path ("actions.0.what"). */
  errors: Record<string, string>;
}) {
  const directory = useRead('users:directory', {}).data ?? [];
  const meeting = useRead('meetings:get', { id: meetingId }).data;
  const listId = `${id}-owners`;
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
      <datalist id={listId}>
        {directory.map((u) => (
          <option key={u.id} value={u.displayName} />
        ))}
      </datalist>
      <div className="actions-list">
        {draft.actions.map((a, i) => {
          const what = errors[`actions.${i}.what`];
          const who = errors[`actions.${i}.who`];
          const warnings = meeting && a.byWhen ? actionDueWarnings(a.byWhen, meeting.startsAt) : [];
          return (
            <div key={i} className="action-row">
              <input
                aria-label={`Action ${i + 1}`}
                placeholder="What is to be done"
                value={a.what}
                onChange={(e) => edit((d) => setAction(d, i, 'what', e.target.value))}
                aria-invalid={Boolean(what)}
              />
              <input
                aria-label={`Who ${i + 1}`}
                placeholder="Who"
                list={listId}
                value={a.who}
                onChange={(e) => {
                  const name = e.target.value;
                  // A name exactly as in the directory is that user; anything else is a typed owner.
                  const user = directory.find((u) => u.displayName === name);
                  edit((d) => setActionOwner(d, i, name, user?.id));
                }}
                aria-invalid={Boolean(who)}
              />
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
              {warnings.map((w) => (
                <div key={w.id} className="field__warning action-row__error" role="status" data-warning={w.id}>
                  Action {i + 1}: {w.message}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </DecisionSection>
  );
}
