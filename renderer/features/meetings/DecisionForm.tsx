import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { PLAN_OPTION_LABEL, PLAN_OPTIONS, type PlanOption } from '../../../shared/domain/clinical';
import {
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  quorumOf,
  TREATMENT_INTENT_LABEL,
  TREATMENT_INTENTS,
  type DecisionHistory,
  type DecisionView,
} from '../../../shared/domain/meeting';
import { call, invoke } from '../../api';
import { rememberedName, rememberName } from '../clinical/clinical-format';
import { changedFields, checkDraft, draftOf, inputOf, type DecisionDraft } from './decision-draft';
import { AmendmentChanges, DecisionRecord } from './DecisionRecord';
import { reason, stamp } from './meeting-format';
import { Banner } from '../../components/Banner';

export interface ProposedPlan {
  options: PlanOption[];
  text: string;
}

interface DecisionFormProps {
  itemId: number;
  meetingId: number;
  /** The proposed plan of the case, offered as the starting recommendation. */
  proposed?: ProposedPlan;
  /** Narrow layout (the presenter view's side panel). */
  compact?: boolean;
  onChanged?: (view: DecisionView) => void;
}

type Mode = 'edit' | 'locked' | 'amend';
type SaveState = { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; text: string };

const AUTOSAVE_MS = 1200;

/**
 * The decision on one case, captured live: attendance (with the quorum flag), recommendation, intent, actions,
 * notes, and whether the case was discussed or deferred. A draft saves itself as it is typed (once it is valid);
 * signing off locks it; a later change is an amendment with who and why, and the history keeps the original.
 */
export function DecisionForm({ itemId, meetingId, proposed, compact, onChanged }: DecisionFormProps) {
  const uid = useId();
  const [view, setView] = useState<DecisionView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<DecisionDraft | null>(null);
  const [mode, setMode] = useState<Mode>('edit');
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [showErrors, setShowErrors] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [by, setBy] = useState(rememberedName);
  const [why, setWhy] = useState('');
  const [history, setHistory] = useState<DecisionHistory | null>(null);
  const [banner, setBanner] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const viewRef = useRef<DecisionView | null>(null);
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const adopt = useCallback((v: DecisionView, resetDraft: boolean) => {
    viewRef.current = v;
    setView(v);
    if (resetDraft) setDraft(draftOf(v.current));
    setMode(v.status === 'signed' ? 'locked' : 'edit');
    onChangedRef.current?.(v);
  }, []);

  useEffect(() => {
    let live = true;
    call('decisions:get', { itemId }).then(
      (v) => {
        if (!live) return;
        viewRef.current = v;
        setView(v);
        setDraft(draftOf(v.current));
        setMode(v.status === 'signed' ? 'locked' : 'edit');
      },
      (e: Error) => live && setLoadError(e.message),
    );
    return () => {
      live = false;
    };
  }, [itemId]);

  const signed = view?.status === 'signed';
  useEffect(() => {
    if (!signed) return setHistory(null);
    let live = true;
    call('decisions:history', { itemId }).then(
      (h) => live && setHistory(h),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [itemId, signed, view?.version]);

  const checked = useMemo(() => (draft ? checkDraft(draft) : null), [draft]);
  const savedJson = useMemo(() => (view ? JSON.stringify(inputOf(draftOf(view.current))) : ''), [view]);
  const dirty = Boolean(draft && view && JSON.stringify(inputOf(draft)) !== savedJson);

  /** Saves the draft as it stands (one save at a time); null when it does not validate or the save fails. */
  const saveDraft = useCallback(
    (d: DecisionDraft): Promise<DecisionView | null> => {
      const run = async () => {
        const c = checkDraft(d);
        if (!c.value) {
          setShowErrors(true);
          return null;
        }
        setSave({ kind: 'saving' });
        const result = await invoke('decisions:save', {
          itemId,
          version: viewRef.current?.version ?? 0,
          decision: c.value,
        });
        if (!result.ok) {
          setSave({ kind: 'error', text: reason(result.error) });
          return null;
        }
        viewRef.current = result.value;
        setView(result.value);
        setSave({ kind: 'saved' });
        onChangedRef.current?.(result.value);
        return result.value;
      };
      const p = queue.current.then(run, run);
      queue.current = p;
      return p;
    },
    [itemId],
  );

  // Autosave: a valid draft is saved shortly after the last keystroke, so nothing typed at the meeting is lost.
  useEffect(() => {
    if (mode !== 'edit' || !dirty || !draft || !checked?.value) return;
    const t = setTimeout(() => void saveDraft(draft), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [draft, dirty, mode, checked, saveDraft]);

  // Leaving the case (the presenter moves on) saves what was typed, if it is valid.
  const latest = useRef({ draft, dirty, mode });
  latest.current = { draft, dirty, mode };
  useEffect(
    () => () => {
      const l = latest.current;
      if (l.mode === 'edit' && l.dirty && l.draft && checkDraft(l.draft).value) void saveDraft(l.draft);
    },
    [saveDraft],
  );

  if (loadError) return <Banner message={{ kind: 'error', text: loadError }} />;
  if (!view || !draft) return <div className="loading">Loading the decision...</div>;

  const locked = mode === 'locked';
  const errors = showErrors ? (checked?.errors ?? {}) : {};
  const quorum = quorumOf(inputOf(draft).attendance);
  const edit = (change: (d: DecisionDraft) => DecisionDraft) => {
    setDraft((d) => (d ? change(d) : d));
    setBanner(null);
    setProblems([]);
  };

  async function copyAttendance() {
    const all = await call('decisions:forMeeting', { meetingId });
    const others = all.filter(
      (d) => d.itemId !== itemId && CORE_SPECIALTIES.some((s) => d.current.attendance[s].present),
    );
    const mine = all.findIndex((d) => d.itemId === itemId);
    const before = others.filter((d) => mine < 0 || all.indexOf(d) < mine);
    const source = (before.length ? before : others).at(-1);
    if (!source)
      return setBanner({ kind: 'error', text: 'No other case of this meeting has attendance recorded yet.' });
    edit((d) => ({ ...d, attendance: draftOf(source.current).attendance }));
  }

  async function signOff() {
    if (!by.trim()) return setProblems(['Say who signs the decision off']);
    const saved = dirty || view!.status === 'none' ? await saveDraft(draft!) : view!;
    if (!saved) return;
    if (saved.signOffProblems.length) return setProblems(saved.signOffProblems.map((p) => p.message));
    const result = await invoke('decisions:signOff', { itemId, version: saved.version, by: by.trim() });
    if (!result.ok) return setProblems([reason(result.error)]);
    rememberName(by);
    adopt(result.value, true);
    setBanner({ kind: 'saved', text: 'Decision signed off: it is now locked. A change from here on is an amendment.' });
  }

  async function amend() {
    const c = checkDraft(draft!);
    if (!c.value) return setShowErrors(true);
    const changes = changedFields(view!.current, c.value);
    const problemsNow = [
      ...(Object.keys(changes).length === 0 ? ['Change at least one field to amend the decision'] : []),
      ...(by.trim() ? [] : ['Say who amends the decision']),
      ...(why.trim() ? [] : ['Say why the decision is amended']),
    ];
    if (problemsNow.length) return setProblems(problemsNow);
    const result = await invoke('decisions:amend', {
      itemId,
      version: view!.version,
      by: by.trim(),
      why: why.trim(),
      changes,
    });
    if (!result.ok) return setProblems([reason(result.error)]);
    rememberName(by);
    setWhy('');
    adopt(result.value, true);
    setBanner({ kind: 'saved', text: 'Amendment saved. The original stays readable in the history below.' });
  }

  const statusText =
    view.status === 'signed'
      ? `Signed off by ${view.signedOffBy} · ${stamp(view.signedOffAt)}${view.amendments.length ? ` · ${view.amendments.length} amendment${view.amendments.length === 1 ? '' : 's'}` : ''}`
      : save.kind === 'saving'
        ? 'Saving...'
        : save.kind === 'error'
          ? `Not saved: ${save.text}`
          : dirty
            ? checked?.value
              ? 'Unsaved changes'
              : 'Not saved yet: finish the highlighted fields'
            : view.status === 'draft'
              ? `Draft saved${view.updatedAt ? ` · ${stamp(view.updatedAt)}` : ''}`
              : 'Nothing recorded yet';

  return (
    <form
      className={`decision${compact ? ' decision--compact' : ''}${locked ? ' decision--locked' : ''}`}
      aria-label="Decision"
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'edit') void saveDraft(draft);
      }}
      noValidate
    >
      <div
        className={`decision__status decision__status--${view.status}${save.kind === 'error' ? ' is-error' : ''}`}
        role="status"
        data-testid="decision-status"
      >
        <span className={`mchip mchip--decision-${view.status}`}>
          {view.status === 'signed'
            ? mode === 'amend'
              ? 'Amending'
              : 'Locked'
            : view.status === 'draft'
              ? 'Draft'
              : 'New'}
        </span>
        {statusText}
      </div>
      <Banner message={banner} />
      {locked ? (
        <DecisionRecord
          value={view.current}
          label={view.amendments.length ? 'The decision as amended' : 'The signed-off decision'}
        />
      ) : (
        <fieldset className="decision__body">
          <section className="dsec" aria-labelledby={`${uid}-att`}>
            <div className="dsec__head">
              <h3 id={`${uid}-att`}>Attendance</h3>
              <span className={`quorum quorum--${quorum.met ? 'met' : 'not-met'}`} data-testid="quorum">
                {quorum.met
                  ? '✓ Quorum'
                  : `No quorum: ${quorum.missing.length} core specialt${quorum.missing.length === 1 ? 'y' : 'ies'} absent`}
              </span>
              {!locked && (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() => void copyAttendance()}
                >
                  Same as the last case
                </button>
              )}
            </div>
            <div className="attendance">
              {CORE_SPECIALTIES.map((s) => (
                <div key={s} className={`attendee${draft.attendance[s].present ? ' attendee--present' : ''}`}>
                  <label className="attendee__check">
                    <input
                      type="checkbox"
                      checked={draft.attendance[s].present}
                      onChange={(e) =>
                        edit((d) => ({
                          ...d,
                          attendance: { ...d.attendance, [s]: { ...d.attendance[s], present: e.target.checked } },
                        }))
                      }
                    />
                    {CORE_SPECIALTY_LABEL[s]}
                  </label>
                  <input
                    className="attendee__names"
                    aria-label={`${CORE_SPECIALTY_LABEL[s]} names`}
                    placeholder={draft.attendance[s].present ? 'Names (separate with ;)' : 'Absent'}
                    disabled={locked || !draft.attendance[s].present}
                    value={draft.attendance[s].names}
                    onChange={(e) =>
                      edit((d) => ({
                        ...d,
                        attendance: { ...d.attendance, [s]: { ...d.attendance[s], names: e.target.value } },
                      }))
                    }
                  />
                </div>
              ))}
            </div>
          </section>

          <section className="dsec" aria-labelledby={`${uid}-rec`}>
            <div className="dsec__head">
              <h3 id={`${uid}-rec`}>Recommendation</h3>
              {!locked && proposed && (proposed.options.length > 0 || proposed.text) && (
                <button
                  type="button"
                  className="button button--small button--ghost"
                  onClick={() =>
                    edit((d) => ({
                      ...d,
                      options: [...proposed.options],
                      recommendation: d.recommendation || proposed.text,
                    }))
                  }
                >
                  Start from the proposed plan
                </button>
              )}
            </div>
            <div className="plan-options" role="group" aria-label="Recommended options">
              {PLAN_OPTIONS.map((o) => (
                <label key={o} className={`plan-option${draft.options.includes(o) ? ' plan-option--on' : ''}`}>
                  <input
                    type="checkbox"
                    checked={draft.options.includes(o)}
                    onChange={(e) =>
                      edit((d) => ({
                        ...d,
                        options: e.target.checked
                          ? PLAN_OPTIONS.filter((x) => x === o || d.options.includes(x))
                          : d.options.filter((x) => x !== o),
                      }))
                    }
                  />
                  <span>{PLAN_OPTION_LABEL[o]}</span>
                </label>
              ))}
            </div>
            <label className="dfield">
              <span>Recommendation details</span>
              <textarea
                rows={compact ? 2 : 3}
                value={draft.recommendation}
                onChange={(e) => edit((d) => ({ ...d, recommendation: e.target.value }))}
              />
            </label>
            <div className="intent" role="radiogroup" aria-label="Treatment intent">
              <span className="intent__label">Treatment intent</span>
              {TREATMENT_INTENTS.map((t) => (
                <label key={t} className={`seg${draft.intent === t ? ' seg--on' : ''}`}>
                  <input
                    type="radio"
                    name={`${uid}-intent`}
                    checked={draft.intent === t}
                    onChange={() => edit((d) => ({ ...d, intent: t }))}
                  />
                  {TREATMENT_INTENT_LABEL[t]}
                </label>
              ))}
            </div>
          </section>

          <section className="dsec" aria-labelledby={`${uid}-act`}>
            <div className="dsec__head">
              <h3 id={`${uid}-act`}>Actions</h3>
              {!locked && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => edit((d) => ({ ...d, actions: [...d.actions, { what: '', who: '', byWhen: '' }] }))}
                >
                  Add action
                </button>
              )}
            </div>
            {draft.actions.length === 0 && <p className="muted small">No actions yet.</p>}
            <div className="actions-list">
              {draft.actions.map((a, i) => {
                const set = (k: 'what' | 'who' | 'byWhen', v: string) =>
                  edit((d) => ({ ...d, actions: d.actions.map((x, j) => (j === i ? { ...x, [k]: v } : x)) }));
                const err = (k: string) => errors[`actions.${i}.${k}`];
                return (
                  <div key={i} className="action-row">
                    <input
                      aria-label={`Action ${i + 1}`}
                      placeholder="What is to be done"
                      value={a.what}
                      onChange={(e) => set('what', e.target.value)}
                      aria-invalid={Boolean(err('what'))}
                    />
                    <input
                      aria-label={`Who ${i + 1}`}
                      placeholder="Who"
                      value={a.who}
                      onChange={(e) => set('who', e.target.value)}
                      aria-invalid={Boolean(err('who'))}
                    />
                    <input
                      aria-label={`By when ${i + 1}`}
                      type="date"
                      value={a.byWhen}
                      onChange={(e) => set('byWhen', e.target.value)}
                    />
                    {!locked && (
                      <button
                        type="button"
                        className="icon-button"
                        aria-label={`Remove action ${i + 1}`}
                        onClick={() => edit((d) => ({ ...d, actions: d.actions.filter((_, j) => j !== i) }))}
                      >
                        ×
                      </button>
                    )}
                    {(err('what') || err('who')) && (
                      <div className="field__error action-row__error">{err('what') ?? err('who')}</div>
                    )}
                  </div>
                );
              })}
            </div>
          </section>

          <section className="dsec" aria-labelledby={`${uid}-notes`}>
            <h3 id={`${uid}-notes`}>Discussion</h3>
            <label className="dfield">
              <span>Discussion notes</span>
              <textarea
                rows={compact ? 3 : 4}
                value={draft.notes}
                onChange={(e) => edit((d) => ({ ...d, notes: e.target.value }))}
              />
            </label>
            <div className="intent" role="radiogroup" aria-label="Outcome">
              <span className="intent__label">Outcome</span>
              {(['discussed', 'deferred'] as const).map((o) => (
                <label key={o} className={`seg${draft.outcome === o ? ' seg--on' : ''}`}>
                  <input
                    type="radio"
                    name={`${uid}-outcome`}
                    checked={draft.outcome === o}
                    onChange={() => edit((d) => ({ ...d, outcome: o }))}
                  />
                  {o === 'discussed' ? 'Discussed' : 'Deferred'}
                </label>
              ))}
            </div>
            <label className="dfield">
              <span>
                {draft.outcome === 'deferred' ? 'Why deferred (required)' : 'Reason or qualification (optional)'}
              </span>
              <textarea
                rows={2}
                value={draft.outcomeReason}
                onChange={(e) => edit((d) => ({ ...d, outcomeReason: e.target.value }))}
              />
            </label>
          </section>
        </fieldset>
      )}

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
            <button type="submit" className="button" disabled={!dirty || save.kind === 'saving'}>
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
          <button
            type="button"
            className="button"
            onClick={() => {
              setMode('amend');
              setProblems([]);
              setBanner(null);
            }}
          >
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
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setDraft(draftOf(view.current));
                setMode('locked');
                setProblems([]);
              }}
            >
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

      {history && history.entries.length > 0 && <DecisionHistoryView history={history} />}
    </form>
  );
}

/** The signed-off original, then each amendment: who, when, why, and only the fields it changed (before → after). */
export function DecisionHistoryView({ history }: { history: DecisionHistory }) {
  const [openOriginal, setOpenOriginal] = useState(false);
  const original = history.entries.find((e) => e.kind === 'signed-off');
  const amended = history.entries.some((e) => e.kind === 'amendment');
  return (
    <section className="dhistory" aria-label="Decision history">
      <h3>History</h3>
      <ol className="dhistory__list">
        {history.entries.map((e, i) => (
          <li key={i} className={`dhistory__entry dhistory__entry--${e.kind}`} data-testid="history-entry">
            <div className="dhistory__head">
              <strong>{e.kind === 'signed-off' ? 'Signed off' : 'Amended'}</strong> by {e.by} · {stamp(e.at)}
            </div>
            {e.why && <div className="dhistory__why">Why: {e.why}</div>}
            {e.kind === 'amendment' && e.before && e.after && <AmendmentChanges before={e.before} after={e.after} />}
          </li>
        ))}
      </ol>
      {original && amended && (
        <div className="dhistory__original">
          <button
            type="button"
            className="button button--small button--ghost"
            aria-expanded={openOriginal}
            onClick={() => setOpenOriginal((o) => !o)}
          >
            {openOriginal ? 'Hide the original' : 'Show the original as signed off'}
          </button>
          {openOriginal && <DecisionRecord value={original.value} label="The original decision" />}
        </div>
      )}
    </section>
  );
}
