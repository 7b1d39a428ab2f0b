import { useEffect, useMemo, useState } from 'react';
import {
  PLAN_OPTION_LABEL,
  PLAN_OPTIONS,
  PlanInput,
  type Plan,
  type PlanOption,
} from '../../../shared/domain/clinical';
import { invoke } from '../../api';
import { formatTimestamp, plainMessage } from './clinical-format';
import { Banner } from '../../components/Banner';

/** The presenter's proposed plan: any of the options (more than one allowed) and free text. */
export function PlanSection({ caseId, plan, onChanged }: { caseId: number; plan: Plan; onChanged: () => void }) {
  const savedKey = JSON.stringify([plan.options, plan.text]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const initial = useMemo(() => ({ options: plan.options, text: plan.text }), [savedKey]);
  const [draft, setDraft] = useState(initial);
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(initial), [initial]);
  const dirty =
    JSON.stringify([[...draft.options].sort(), draft.text]) !==
    JSON.stringify([[...initial.options].sort(), initial.text]);

  function toggle(option: PlanOption, on: boolean) {
    setDraft((d) => ({
      ...d,
      options: on
        ? PLAN_OPTIONS.filter((o) => o === option || d.options.includes(o))
        : d.options.filter((o) => o !== option),
    }));
    setMessage(null);
  }

  async function save() {
    const parsed = PlanInput.safeParse(draft);
    if (!parsed.success) return setMessage({ kind: 'error', text: `Not saved: ${parsed.error.issues[0].message}` });
    setSaving(true);
    const result = await invoke('plan:set', { caseId, plan: parsed.data });
    setSaving(false);
    if (!result.ok) return setMessage({ kind: 'error', text: `Not saved: ${plainMessage(result.error)}` });
    setMessage({ kind: 'saved', text: 'Plan saved.' });
    onChanged();
  }

  return (
    <section className="clin-section" aria-labelledby="clin-plan">
      <div className="clin-section__head">
        <div>
          <h2 id="clin-plan">Proposed plan</h2>
          <p className="clin-section__sub">
            What the presenter proposes to the board.{' '}
            {plan.updatedAt ? `Last saved ${formatTimestamp(plan.updatedAt)}.` : 'Not proposed yet.'}
          </p>
        </div>
        {dirty && <span className="unsaved">Unsaved changes</span>}
      </div>
      <div className="plan-options" role="group" aria-label="Plan options">
        {PLAN_OPTIONS.map((o) => (
          <label key={o} className={`plan-option${draft.options.includes(o) ? ' plan-option--on' : ''}`}>
            <input type="checkbox" checked={draft.options.includes(o)} onChange={(e) => toggle(o, e.target.checked)} />
            <span>{PLAN_OPTION_LABEL[o]}</span>
          </label>
        ))}
      </div>
      <div className="field field--wide plan-text">
        <label htmlFor="plan-text">Details</label>
        <textarea
          id="plan-text"
          rows={3}
          value={draft.text}
          placeholder="e.g. Preoperative radiotherapy 50 Gy, then wide local excision; chest CT first"
          onChange={(e) => {
            setDraft((d) => ({ ...d, text: e.target.value }));
            setMessage(null);
          }}
        />
      </div>
      <Banner message={message} />
      <div className="section-actions">
        {dirty && (
          <button type="button" className="button button--ghost" onClick={() => setDraft(initial)}>
            Undo changes
          </button>
        )}
        <button
          type="button"
          className="button button--primary"
          disabled={!dirty || saving}
          onClick={() => void save()}
        >
          {saving ? 'Saving...' : 'Save plan'}
        </button>
      </div>
    </section>
  );
}
