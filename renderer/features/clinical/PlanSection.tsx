import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { dateTime } from '../../../shared/dates';
import type { QuestionKind, SiteChapter } from '../../../shared/domain/case';
import { PLAN_OPTION_LABEL, PlanInput, planOptionsFor, type Plan } from '../../../shared/domain/clinical';
import { Banner } from '../../components/Banner';
import { useWrite } from '../../data/hooks';
import { useUnsavedGuard } from '../../router';
import { SaveBar, SectionHead } from './clinical-controls';
import { plainMessage } from './clinical-format';

/**
 * The presenter's proposed plan: any of the options (more than one allowed) and free text. For a palliative question
 * or a case outside the sarcoma site chapters the palliative options come first (planOptionsFor).
 */
export function PlanSection({
  caseId,
  plan,
  questionKind = 'diagnosis',
  siteChapter,
}: {
  caseId: number;
  plan: Plan;
  questionKind?: QuestionKind;
  siteChapter: SiteChapter;
}) {
  const savedKey = JSON.stringify([plan.options, plan.text]);
  // The form follows the stored plan when it changes (after a save here or elsewhere), not on every refetch.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stored = useMemo(() => ({ options: plan.options, text: plan.text }), [savedKey]);
  const { control, register, handleSubmit, reset, formState } = useForm({
    resolver: zodResolver(PlanInput),
    values: stored,
  });
  const chosen = useWatch({ control, name: 'options' }) ?? [];
  useUnsavedGuard(formState.isDirty, 'the treatment plan');
  const setPlan = useWrite('plan:set');
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);

  const save = handleSubmit(
    async (parsed) => {
      const result = await setPlan.mutateAsync({ caseId, plan: parsed });
      if (!result.ok) return setMessage({ kind: 'error', text: `Not saved: ${plainMessage(result.error)}` });
      reset(parsed);
      setMessage({ kind: 'saved', text: 'Plan saved.' });
    },
    (errors) => {
      const first = Object.values(errors)[0]?.message;
      setMessage({ kind: 'error', text: `Not saved: ${String(first ?? 'check the plan')}` });
    },
  );
  const onChange = () => setMessage(null);

  return (
    <section className="clin-section" aria-labelledby="clin-plan">
      <SectionHead
        id="clin-plan"
        title="Proposed plan"
        sub={
          <>
            What the presenter proposes to the board.{' '}
            {plan.updatedAt ? `Last saved ${dateTime(plan.updatedAt)}.` : 'Not proposed yet.'}
          </>
        }
        action={formState.isDirty && <span className="unsaved">Unsaved changes</span>}
      />
      <div className="plan-options" role="group" aria-label="Plan options">
        {planOptionsFor(questionKind, siteChapter).map((o) => (
          <label key={o} className={`plan-option${chosen.includes(o) ? ' plan-option--on' : ''}`}>
            <input type="checkbox" value={o} {...register('options', { onChange })} />
            <span>{PLAN_OPTION_LABEL[o]}</span>
          </label>
        ))}
      </div>
      <div className="field field--wide plan-text">
        <label htmlFor="plan-text">Details</label>
        <textarea
          id="plan-text"
          rows={3}
          placeholder="e.g. Preoperative radiotherapy 50 Gy, then wide local excision; chest CT first"
          {...register('text', { onChange })}
        />
      </div>
      <Banner message={message} />
      <SaveBar
        className="section-actions"
        dirty={formState.isDirty}
        saving={formState.isSubmitting}
        label="Save plan"
        onUndo={() => reset(stored)}
        onSave={() => void save()}
      />
    </section>
  );
}
