import { useState } from 'react';
import { formatPersonName } from '../../../shared/domain/imaging';
import type { MismatchPrompt } from '../../../shared/contract/reversible';
import { useRead, useWrite } from '../../data/hooks';
import { dayMonthYear } from '../../../shared/dates';

const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;

/** "26 Oct 2015 · CT · CT CHEST W CONTRAST · 37 images": enough to tell one study from another. */
function studyLabel(m: MismatchPrompt): string {
  return [
    m.studyDate ? dayMonthYear(m.studyDate) : 'no study date',
    m.modalities.length ? m.modalities.join('/') : null,
    m.studyDescription ?? 'no description',
    m.imageCount !== null ? plural(m.imageCount, 'image') : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

type Answered = { prompt: MismatchPrompt; outcome: 'attached' | 'left' };

/**
 * The patient-mismatch questions of this case that nobody answered yet, read from the host (imaging:prompts), so
 * they come back after a reload until answered: attach anyway, or leave the study unattached (it stays in the
 * store; the administrator's Image store screen lists it). Answers given here stay shown until the tab is left.
 */
export function MismatchPrompts({ caseId }: { caseId: number }) {
  const { data: open } = useRead('imaging:prompts', { caseId });
  const attachStudy = useWrite('imaging:attachStudy');
  const dismiss = useWrite('imaging:dismissPrompt');
  const [answered, setAnswered] = useState<Answered[]>([]);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());

  const setError = (uid: string, message: string | null) =>
    setErrors((e) => {
      const next = new Map(e);
      if (message === null) next.delete(uid);
      else next.set(uid, message);
      return next;
    });

  async function answer(prompt: MismatchPrompt, outcome: Answered['outcome']) {
    const uid = prompt.studyInstanceUid;
    setError(uid, null);
    let message: string;
    try {
      const r =
        outcome === 'attached'
          ? await attachStudy.mutateAsync({ studyInstanceUid: uid, caseId })
          : await dismiss.mutateAsync({ studyInstanceUid: uid, caseId });
      if (r.ok) {
        setAnswered((a) => [...a.filter((x) => x.prompt.studyInstanceUid !== uid), { prompt, outcome }]);
        return;
      }
      message = r.error.message;
    } catch (err) {
      message = (err as Error).message;
    }
    const what = outcome === 'attached' ? 'attached' : 'left unattached';
    setError(uid, `The study of ${studyLabel(prompt)} was not ${what}: ${message}`);
  }

  const shown: Answered[] = answered.filter(
    (a) => !(open ?? []).some((p) => p.studyInstanceUid === a.prompt.studyInstanceUid),
  );
  const rows = [...(open ?? []).map((prompt) => ({ prompt, outcome: null })), ...shown];
  if (rows.length === 0) return null;
  return (
    <div className="mismatch-prompts">
      {rows.map(({ prompt: m, outcome }) => {
        const name = formatPersonName(m.dicomPatientName);
        const label = studyLabel(m);
        return (
          <div key={m.studyInstanceUid} className="banner banner--warn" role="group" aria-label={`Study of ${label}`}>
            <span>
              The study of <strong>{label}</strong>, for <strong>{name ?? 'an unnamed patient'}</strong> (ID{' '}
              {m.dicomPatientId ?? 'none'}), does not match this case: {m.reason}. It was imported but not attached.
            </span>
            {outcome === 'attached' ? (
              <span>Attached to this case.</span>
            ) : outcome === 'left' ? (
              <span>Left unattached.</span>
            ) : (
              <span className="mismatch-prompts__actions">
                <button type="button" className="button" onClick={() => void answer(m, 'attached')}>
                  Attach to this case anyway
                </button>
                <button type="button" className="button button--ghost" onClick={() => void answer(m, 'left')}>
                  Leave unattached
                </button>
              </span>
            )}
            {errors.has(m.studyInstanceUid) && (
              <div className="banner banner--error" role="alert">
                {errors.get(m.studyInstanceUid)}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
