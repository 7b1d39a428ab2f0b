import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DecisionView } from '../../../shared/domain/meeting';
import { readKey, useRead, useWrite } from '../../data/hooks';
import { checkDraft, draftOf, inputOf, type DecisionDraft } from './decision-draft';
import type { DraftEdit } from './decision-edits';
import { reason } from './meeting-format';

/** How long after the last keystroke a valid draft saves itself. */
export const AUTOSAVE_MS = 1200;

/** The writes of one decision share this id: they run in the order they were made (see `useWrite`). */
export const decisionSerial = (itemId: number) => `decision-${itemId}`;

/** The draft as sent, to compare with what is stored (names split, blank action rows dropped). */
export const sentForm = (d: DecisionDraft) => JSON.stringify(inputOf(d));

/**
 * The decision being edited and its draft. The draft saves itself once valid, shortly after the last change, and
 * when the form goes away (the presenter moves to another case), so nothing typed at the meeting is lost. Saves
 * run one after another; each carries the version the one before it stored, read from the refreshed cache when its
 * turn comes.
 */
export function useDecisionDraft(itemId: number) {
  const client = useQueryClient();
  const read = useRead('decisions:get', { itemId });
  const view = read.data;
  const write = useWrite('decisions:save', { serial: decisionSerial(itemId) });
  const [draft, setDraft] = useState<DecisionDraft | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [showErrors, setShowErrors] = useState(false);

  // The first answer starts the draft; later answers (after a save) never overwrite what is being typed.
  useEffect(() => {
    if (view && !draft) setDraft(draftOf(view.current));
  }, [view, draft]);

  const checked = useMemo(() => (draft ? checkDraft(draft) : null), [draft]);
  const savedForm = useMemo(() => (view ? sentForm(draftOf(view.current)) : ''), [view]);
  const dirty = Boolean(draft && view && sentForm(draft) !== savedForm);
  const editable = view?.status !== 'signed';

  // The version the last write of this decision answered. A refetch cancelled by a newer one can leave the cache a
  // version behind when the next queued write starts; versions only grow, so the higher of the two is current.
  const answered = useRef(0);
  /** The stored version when the save's turn comes (the save queued before it has refreshed the cache by then). */
  const version = useCallback(
    () =>
      Math.max(answered.current, client.getQueryData<DecisionView>(readKey('decisions:get', { itemId }))?.version ?? 0),
    [client, itemId],
  );
  /** Remembers the version a write of this decision answered (sign-off and amendments report theirs too). */
  const noteAnswer = useCallback((v: DecisionView) => {
    answered.current = Math.max(answered.current, v.version);
  }, []);

  /** Saves the draft as it stands; null when it does not validate or the save is refused. */
  const saveDraft = useCallback(
    async (d: DecisionDraft): Promise<DecisionView | null> => {
      const c = checkDraft(d);
      if (!c.value) {
        setShowErrors(true);
        return null;
      }
      const decision = c.value;
      const result = await write.mutateAsync(() => ({ itemId, version: version(), decision }));
      setSaveError(result.ok ? null : reason(result.error));
      if (!result.ok) return null;
      noteAnswer(result.value);
      return result.value;
    },
    [itemId, version, noteAnswer, write.mutateAsync], // eslint-disable-line react-hooks/exhaustive-deps
  );

  useEffect(() => {
    if (!editable || !dirty || !draft || !checked?.value) return;
    const t = setTimeout(() => void saveDraft(draft), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [draft, dirty, editable, checked, saveDraft]);

  const latest = useRef({ draft, dirty, editable });
  latest.current = { draft, dirty, editable };
  useEffect(
    () => () => {
      const l = latest.current;
      if (l.editable && l.dirty && l.draft && checkDraft(l.draft).value) void saveDraft(l.draft);
    },
    [saveDraft],
  );

  const edit: DraftEdit = useCallback((change) => setDraft((d) => (d ? change(d) : d)), []);
  /** Back to the stored decision (after a sign-off or an amendment, or when an amendment is cancelled). */
  const resetTo = useCallback((v: DecisionView) => setDraft(draftOf(v.current)), []);

  return {
    view,
    loadError: read.error?.message ?? null,
    draft,
    edit,
    resetTo,
    checked,
    dirty,
    saving: write.isPending,
    saveError,
    /** Field problems show once a save was tried with them, not while the user is still typing the first time. */
    errors: showErrors ? (checked?.errors ?? {}) : {},
    revealErrors: useCallback(() => setShowErrors(true), []),
    saveDraft,
    version,
    noteAnswer,
  };
}
