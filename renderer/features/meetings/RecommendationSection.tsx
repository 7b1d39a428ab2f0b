import { PLAN_OPTION_LABEL, PLAN_OPTIONS } from '../../../shared/domain/clinical';
import { TREATMENT_INTENT_LABEL, TREATMENT_INTENTS } from '../../../shared/domain/meeting';
import { DecisionSection, NoteField, Segments } from './decision-controls';
import type { DecisionDraft } from './decision-draft';
import { fromProposed, hasProposal, setOption, type DraftEdit, type ProposedPlan } from './decision-edits';

/** The options the board recommends (ticked in the plan's order), the details in words, and the intent. */
export function RecommendationSection({
  id,
  draft,
  edit,
  proposed,
  compact,
}: {
  id: string;
  draft: DecisionDraft;
  edit: DraftEdit;
  proposed?: ProposedPlan;
  compact?: boolean;
}) {
  return (
    <DecisionSection
      id={id}
      title="Recommendation"
      action={
        hasProposal(proposed) ? (
          <button
            type="button"
            className="button button--small button--ghost"
            onClick={() => edit((d) => fromProposed(d, proposed))}
          >
            Start from the proposed plan
          </button>
        ) : null
      }
    >
      <div className="plan-options" role="group" aria-label="Recommended options">
        {PLAN_OPTIONS.map((o) => (
          <label key={o} className={`plan-option${draft.options.includes(o) ? ' plan-option--on' : ''}`}>
            <input
              type="checkbox"
              checked={draft.options.includes(o)}
              onChange={(e) => edit((d) => setOption(d, o, e.target.checked))}
            />
            <span>{PLAN_OPTION_LABEL[o]}</span>
          </label>
        ))}
      </div>
      <NoteField
        label="Recommendation details"
        rows={compact ? 2 : 3}
        value={draft.recommendation}
        onChange={(recommendation) => edit((d) => ({ ...d, recommendation }))}
      />
      <Segments
        label="Treatment intent"
        name={`${id}-intent`}
        options={TREATMENT_INTENTS}
        labels={TREATMENT_INTENT_LABEL}
        value={draft.intent}
        onChange={(intent) => edit((d) => ({ ...d, intent }))}
      />
    </DecisionSection>
  );
}
