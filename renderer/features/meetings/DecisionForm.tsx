import { useId, useState } from 'react';
import type { DecisionView } from '../../../shared/domain/meeting';
import { Banner } from '../../components/Banner';
import { useRead } from '../../data/hooks';
import { useUnsavedGuard } from '../../router';
import { ActionsSection } from './ActionsSection';
import { AttendanceSection } from './AttendanceSection';
import { attendanceSource, type DraftEdit, type ProposedPlan } from './decision-edits';
import { decisionChipText, decisionStatusText, modeOf } from './decision-status';
import { DecisionFoot } from './DecisionFoot';
import { DecisionHistory } from './DecisionHistory';
import { DecisionRecord } from './DecisionRecord';
import { DiscussionSection } from './DiscussionSection';
import { RecommendationSection } from './RecommendationSection';
import { useDecisionDraft } from './useDecisionDraft';

export type { ProposedPlan } from './decision-edits';

interface DecisionFormProps {
  itemId: number;
  meetingId: number;
  /** The proposed plan of the case, offered as the starting recommendation. */
  proposed?: ProposedPlan;
  /** Narrow layout (the presenter view's side panel). */
  compact?: boolean;
}

/**
 * The decision on one case, captured live: attendance (with the quorum flag), recommendation, intent, actions,
 * notes, and whether the case was discussed or deferred. A draft saves itself as it is typed (once it is valid);
 * signing off locks it; a later change is an amendment with who and why, and the history keeps the original.
 */
export function DecisionForm({ itemId, meetingId, proposed, compact }: DecisionFormProps) {
  const uid = useId();
  const decision = useDecisionDraft(itemId);
  // Typing not yet autosaved (or refused) is lost on leaving: ask first.
  useUnsavedGuard(decision.dirty, 'the decision');
  const [amending, setAmending] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  // Read when asked ("Same as the last case"), not on every form.
  const others = useRead('decisions:forMeeting', { meetingId }, { enabled: false });

  const { view, draft } = decision;
  if (decision.loadError) return <Banner message={{ kind: 'error', text: decision.loadError }} />;
  if (!view || !draft) return <div className="loading">Loading the decision...</div>;

  const mode = modeOf(view.status, amending);
  const edit: DraftEdit = (change) => {
    decision.edit(change);
    setBanner(null);
    setProblems([]);
  };

  async function copyAttendance() {
    const source = attendanceSource((await others.refetch()).data ?? [], itemId);
    if (!source)
      return setBanner({ kind: 'error', text: 'No other case of this meeting has attendance recorded yet.' });
    edit((d) => ({ ...d, attendance: source }));
  }

  /** What the foot's actions leave behind: the draft back to the stored decision, and what to tell the user. */
  const after = {
    onAmend: () => {
      setAmending(true);
      setProblems([]);
      setBanner(null);
    },
    onCancelAmend: () => {
      decision.resetTo(view);
      setAmending(false);
      setProblems([]);
    },
    onDone: (v: DecisionView, text: string) => {
      decision.resetTo(v);
      setAmending(false);
      setBanner({ kind: 'saved', text });
    },
  };

  const statusText = decisionStatusText(view, {
    saving: decision.saving,
    error: decision.saveError,
    dirty: decision.dirty,
    valid: Boolean(decision.checked?.value),
  });

  return (
    <form
      className={`decision${compact ? ' decision--compact' : ''}${mode === 'locked' ? ' decision--locked' : ''}`}
      aria-label="Decision"
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'edit') void decision.saveDraft(draft);
      }}
      noValidate
    >
      <div
        className={`decision__status decision__status--${view.status}${decision.saveError ? ' is-error' : ''}`}
        role="status"
        data-testid="decision-status"
      >
        <span className={`mchip mchip--decision-${view.status}`}>{decisionChipText(view.status, mode)}</span>
        {statusText}
      </div>
      <Banner message={banner} />
      {mode === 'locked' ? (
        <DecisionRecord
          value={view.current}
          label={view.amendments.length ? 'The decision as amended' : 'The signed-off decision'}
          signOff={view.signOff}
        />
      ) : (
        <fieldset className="decision__body">
          <AttendanceSection
            id={`${uid}-att`}
            draft={draft}
            edit={edit}
            onCopy={() => void copyAttendance()}
            meetingId={meetingId}
            registerAttendance={view.registerAttendance}
          />
          <RecommendationSection id={`${uid}-rec`} draft={draft} edit={edit} proposed={proposed} compact={compact} />
          <ActionsSection id={`${uid}-act`} meetingId={meetingId} draft={draft} edit={edit} errors={decision.errors} />
          <DiscussionSection id={`${uid}-notes`} draft={draft} edit={edit} compact={compact} />
        </fieldset>
      )}

      <DecisionFoot {...{ itemId, mode, view, draft, decision, problems, setProblems }} {...after} />

      {view.status === 'signed' && <DecisionHistory itemId={itemId} />}
    </form>
  );
}
