import { useState } from 'react';
import type { DecisionView } from '../../../shared/domain/meeting';
import { ROLE_LABELS, whoMayText } from '../../../shared/auth/roles';
import { useCan, useMe } from '../../auth/useCan';
import { useWrite } from '../../data/hooks';
import { changedFields, checkDraft, type DecisionDraft } from './decision-draft';
import { amendProblems, type DecisionMode } from './decision-status';
import { reason } from './meeting-format';
import { SignOffDialog } from './SignOffDialog';
import { decisionSerial, type useDecisionDraft } from './useDecisionDraft';

type Draft = ReturnType<typeof useDecisionDraft>;

interface FootProps {
  itemId: number;
  mode: DecisionMode;
  view: DecisionView;
  draft: DecisionDraft;
  decision: Pick<Draft, 'dirty' | 'saving' | 'saveDraft' | 'version' | 'noteAnswer' | 'revealErrors'>;
  problems: string[];
  setProblems: (p: string[]) => void;
  onAmend: () => void;
  onCancelAmend: () => void;
  /** A sign-off or an amendment went through: the stored decision and what to tell the user. */
  onDone: (view: DecisionView, message: string) => void;
}

/** "Only a chair signs off": who may, from the rights table (the main process refuses anyone else anyway). */
const signersText = () => whoMayText('decisions.signOff');

/**
 * The foot of the decision: save and sign off while it is a draft, amend once it is signed off (why), and what
 * stops either from going through. Sign-off and amendments are recorded as the signed-in user, never a typed name.
 */
export function DecisionFoot(props: FootProps) {
  const { itemId, mode, view, draft, decision, problems, setProblems } = props;
  const me = useMe();
  const canSignOff = useCan('decisions.signOff');
  const canAmend = useCan('decisions.amend');
  const [why, setWhy] = useState('');
  // The saved decision the confirmation shows (null while it is closed).
  const [confirming, setConfirming] = useState<DecisionView | null>(null);
  // Behind any save still queued for this decision, with the version that save stored.
  const sign = useWrite('decisions:signOff', { serial: decisionSerial(itemId) });
  const amendWrite = useWrite('decisions:amend', { serial: decisionSerial(itemId) });

  /** Saves what is typed, then asks for confirmation with the saved decision. */
  async function askSignOff() {
    const saved = decision.dirty || view.status === 'none' ? await decision.saveDraft(draft) : view;
    if (!saved) return;
    if (saved.signOffProblems.length) return setProblems(saved.signOffProblems.map((p) => p.message));
    setConfirming(saved);
  }

  async function signOff(noQuorumReason: string | undefined) {
    const result = await sign.mutateAsync(() => ({ itemId, version: decision.version(), noQuorumReason }));
    setConfirming(null);
    if (!result.ok) return setProblems([reason(result.error)]);
    decision.noteAnswer(result.value);
    props.onDone(result.value, 'Decision signed off: it is now locked. A change from here on is an amendment.');
  }

  async function amend() {
    const c = checkDraft(draft);
    if (!c.value) return decision.revealErrors();
    const changes = changedFields(view.current, c.value);
    const problemsNow = amendProblems(changes, why);
    if (problemsNow.length) return setProblems(problemsNow);
    const result = await amendWrite.mutateAsync({
      itemId,
      version: decision.version(),
      why: why.trim(),
      changes,
    });
    if (!result.ok) return setProblems([reason(result.error)]);
    decision.noteAnswer(result.value);
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
            {canSignOff ? (
              <button type="button" className="button button--primary" onClick={() => void askSignOff()}>
                Sign off
              </button>
            ) : (
              <p className="muted small decision__who" data-testid="sign-off-who">
                Only a {signersText()} signs off a decision
                {me ? ` (you are signed in as ${ROLE_LABELS[me.role].toLowerCase()})` : ''}.
              </p>
            )}
          </>
        )}
        {mode === 'locked' && canAmend && (
          <button type="button" className="button" onClick={props.onAmend}>
            Amend
          </button>
        )}
        {mode === 'amend' && (
          <>
            <p className="decision__who">Amended by {me?.displayName ?? 'you'}</p>
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

      {confirming && (
        <SignOffDialog
          view={confirming}
          signer={me?.displayName ?? 'you'}
          busy={sign.isPending}
          onConfirm={(r) => void signOff(r)}
          onCancel={() => setConfirming(null)}
        />
      )}

      {mode === 'edit' && view.signOffProblems.length > 0 && view.status !== 'none' && problems.length === 0 && (
        <p className="muted small decision__todo">
          Still needed to sign off: {view.signOffProblems.map((p) => p.message.toLowerCase()).join('; ')}.
        </p>
      )}
    </>
  );
}
