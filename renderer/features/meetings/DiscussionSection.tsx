import { DecisionSection, NoteField, Segments } from './decision-controls';
import { OUTCOME_LABEL, type DecisionDraft } from './decision-draft';
import type { DraftEdit } from './decision-edits';

const OUTCOMES = ['discussed', 'deferred'] as const;

/** The discussion notes, whether the case was discussed or deferred, and why (required when deferred). */
export function DiscussionSection({
  id,
  draft,
  edit,
  compact,
}: {
  id: string;
  draft: DecisionDraft;
  edit: DraftEdit;
  compact?: boolean;
}) {
  return (
    <DecisionSection id={id} title="Discussion">
      <NoteField
        label="Discussion notes"
        rows={compact ? 3 : 4}
        value={draft.notes}
        onChange={(notes) => edit((d) => ({ ...d, notes }))}
      />
      <Segments
        label="Outcome"
        name={`${id}-outcome`}
        options={OUTCOMES}
        labels={OUTCOME_LABEL}
        value={draft.outcome}
        onChange={(outcome) => edit((d) => ({ ...d, outcome }))}
      />
      <NoteField
        label={draft.outcome === 'deferred' ? 'Why deferred (required)' : 'Reason or qualification (optional)'}
        rows={2}
        value={draft.outcomeReason}
        onChange={(outcomeReason) => edit((d) => ({ ...d, outcomeReason }))}
      />
    </DecisionSection>
  );
}
