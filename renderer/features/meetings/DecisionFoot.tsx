import { useState } from 'react';
import type { DecisionView } from '../../../shared/domain/meeting';
import { useWrite } from '../../data/hooks';
import { rememberedName, rememberName } from '../clinical/clinical-format';
import { changedFields, checkDraft, type DecisionDraft } from './decision-draft';
import { amendProblems, type DecisionMode } from './decision-status';
import { reason } from './meeting-format';
import { decisionSerial, type useDecisionDraft } from './useDecisionDraft';

type Draft = ReturnType<typeof useDecisionDraft>;

interface FootProps {
  itemId: number;
  mode: DecisionMode;
  view: DecisionView;
  draft: DecisionDraft;
  decision: Pick<Draft, 'dirty' | 'saving' | 'saveDraft' | 'version' | 'revealErrors'>;
  problems: string[];
  setProblems: (p: string[]) => void;
  onAmend: () => void;
  onCancelAmend: () => void;
  /** A sign-off or an amendment went through: the stored decision and what to tell the user. */
  onDone: (view: DecisionView, message: string) => void;
}

/**
 * The foot of the decision: save and sign off while it is a draft, amend once it is signed off (who and why), and
 * what stops either from going through.
 */
export function DecisionFoot(props: FootProps) {
  const { itemId, mode, view, draft, decision, problems, setProblems } = props;
  const [by, setBy] = useState(rememberedName);
  const [why, setWhy] = useState('');
  // Behind any save still queued for this decision, with the version that save stored.
  const sign = useWrite('decisions:signOff', { serial: decisionSerial(itemId) });
  const amendWrite = useWrite('decisions:amend', { serial: decisionSerial(itemId) });

  async function signOff() {
    if (!by.trim()) return setProblems(['Say who signs the decision off']);
    const saved = decision.dirty || view.status === 'none' ? await decision.saveDraft(draft) : view;
    if (!saved) return;
    if (saved.signOffProblems.length) return setProblems(saved.signOffProblems.map((p) => p.message));
    const result = await sign.mutateAsync(() => ({ itemId, version: decision.version(), by: by.trim() }));
    if (!result.ok) return setProblems([reason(result.error)]);
    rememberName(by);
    props.onDone(result.value, 'Decision signed off: it is now locked. A change from here on is an amendment.');
  }

  async function amend() {
    const c = checkDraft(draft);
    if (!c.value) return decision.revealErrors();
    const changes = changedFields(view.current, c.value);
    const problemsNow = amendProblems(changes, by, why);
    if (problemsNow.length) return setProblems(problemsNow);
    const result = await amendWrite.mutateAsync({
      itemId,
      version: view.version,
      by: by.trim(),
      why: why.trim(),
      changes,
    });
    if (!result.ok) return setProblems([reason(result.error)]);
    rememberName(by);
    setWhy('');
    props.onDone(result.value, 'Amendment saved. The original stays readable in the history below.');
  }

  return (
    <>
      {problems.length > 0 && (
        <div className="banner banner--error" role="alert">
          <div>
            {mode === 'amend' ? 'Not amended:' : 'Not signed off yet:'}
            <ul className="problems">
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        </div>
      )}

      <div className="decision__foot">
        {mode === 'edit' && (
          <>
            <button type="submit" className="button" disabled={!decision.dirty || decision.saving}>
              Save draft
            </button>
            <label className="decision__who">
              <span>Signed off by</span>
              <input value={by} onChange={(e) => setBy(e.target.value)} placeholder="Chair or delegate" />
            </label>
            <button type="button" className="button button--primary" onClick={() => void signOff()}>
              Sign off
            </button>
          </>
        )}
        {mode === 'locked' && (
          <button type="button" className="button" onClick={props.onAmend}>
            Amend
          </button>
        )}
        {mode === 'amend' && (
          <>
            <label className="decision__who">
              <span>Amended by</span>
              <input value={by} onChange={(e) => setBy(e.target.value)} />
            </label>
            <label className="decision__why">
              <span>Reason for the amendment</span>
              <input
                value={why}
                onChange={(e) => setWhy(e.target.value)}
                placeholder="e.g. Pathology review changed the grade"
              />
            </label>
            <button type="button" className="button button--primary" onClick={() => void amend()}>
              Save amendment
            </button>
            <button type="button" className="button button--ghost" onClick={props.onCancelAmend}>
              Cancel
            </button>
          </>
        )}
      </div>

      {mode === 'edit' && view.signOffProblems.length > 0 && view.status !== 'none' && problems.length === 0 && (
        <p className="muted small decision__todo">
          Still needed to sign off: {view.signOffProblems.map((p) => p.message.toLowerCase()).join('; ')}.
        </p>
      )}
    </>
  );
}
