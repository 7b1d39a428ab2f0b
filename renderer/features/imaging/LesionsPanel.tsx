import { useState } from 'react';
import { greatestDimension, LesionInput, type Lesion } from '../../../shared/domain/imaging';
import { dayMonthYear } from '../../../shared/dates';
import { Banner } from '../../components/Banner';
import { Field } from '../../components/Field';
import { useUndo } from '../../components/UndoToast';
import { useRead, useWrite } from '../../data/hooks';
import { DIMENSIONS, draftSource, type Dimension } from './lesion-suggestions';

export interface LesionSuggestion {
  /** Unique among the suggestions shown (the React key). */
  key: string;
  /** e.g. "Bidirectional on image 23 (axial): 16.3 × 8.0 cm" */
  label: string;
  longCm?: number;
  shortCm?: number;
  craniocaudalCm?: number;
  /** An ellipse's mean density (HU), for Choi. */
  meanHu?: number;
  studyDate: string | null;
  /** The study the measurement was drawn on. */
  studyInstanceUid?: string | null;
}

interface Draft {
  label: string;
  longCm: string;
  shortCm: string;
  craniocaudalCm: string;
  studyDate: string;
  note: string;
  meanHu: string;
  studyInstanceUid: string | null;
  /** The dimensions as filled from a measurement (or as stored for a measured lesion), to tell them from typing. */
  measured: Partial<Record<Dimension, string>>;
}

const EMPTY: Draft = {
  label: '',
  longCm: '',
  shortCm: '',
  craniocaudalCm: '',
  studyDate: '',
  note: '',
  meanHu: '',
  studyInstanceUid: null,
  measured: {},
};

const cm = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));
const fmt = (n: number | null) => (n === null ? '–' : n.toFixed(1).replace(/\.0$/, ''));

export function formatSize(l: Pick<Lesion, 'longCm' | 'shortCm' | 'craniocaudalCm'>): string {
  const dims = [l.longCm, l.shortCm, l.craniocaudalCm];
  return dims.every((d) => d === null) ? 'size not recorded' : `${dims.map(fmt).join(' x ')} cm`;
}

/** Lesions with their sizes (cm); filled from a measurement or typed, with the study date. */
export function LesionsPanel({ caseId, suggestions }: { caseId: number; suggestions: LesionSuggestion[] }) {
  const listed = useRead('lesions:list', { caseId });
  // The patient's tracked lesions, offered as names: a lesion named like one of them is its new measurement.
  const tracked = useRead('imaging:tracking', { caseId });
  const lesions = listed.data ?? [];
  const create = useWrite('lesions:create');
  const update = useWrite('lesions:update');
  const removal = useWrite('lesions:remove');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  function start(lesion?: Lesion) {
    setErrors({});
    setEditing(lesion?.id ?? null);
    if (!lesion) return setDraft({ ...EMPTY });
    const dims = {
      longCm: lesion.longCm?.toString() ?? '',
      shortCm: lesion.shortCm?.toString() ?? '',
      craniocaudalCm: lesion.craniocaudalCm?.toString() ?? '',
    };
    setDraft({
      label: lesion.label,
      ...dims,
      studyDate: lesion.studyDate ?? '',
      note: lesion.note,
      meanHu: lesion.meanHu?.toString() ?? '',
      studyInstanceUid: lesion.studyInstanceUid,
      measured:
        lesion.source === 'measured'
          ? Object.fromEntries(DIMENSIONS.filter((k) => dims[k] !== '').map((k) => [k, dims[k]]))
          : {},
    });
  }

  function applySuggestion(s: LesionSuggestion) {
    setDraft((d) => {
      const next: Draft = {
        ...(d ?? EMPTY),
        studyDate: s.studyDate ?? d?.studyDate ?? '',
        studyInstanceUid: s.studyInstanceUid ?? d?.studyInstanceUid ?? null,
      };
      if (s.meanHu !== undefined) next.meanHu = s.meanHu.toFixed(1);
      const measured = { ...next.measured };
      for (const k of DIMENSIONS) {
        const v = s[k];
        if (v === undefined) continue;
        next[k] = v.toFixed(1);
        measured[k] = next[k];
      }
      return { ...next, measured };
    });
  }

  async function save() {
    if (!draft) return;
    const candidate = {
      label: draft.label,
      longCm: cm(draft.longCm),
      shortCm: cm(draft.shortCm),
      craniocaudalCm: cm(draft.craniocaudalCm),
      studyDate: draft.studyDate || null,
      source: draftSource(draft),
      note: draft.note,
      meanHu: cm(draft.meanHu),
      studyInstanceUid: draft.studyInstanceUid,
      // Linked by name (or kept, when editing without renaming) by the service.
      trackedLesionId: null,
    };
    const parsed = LesionInput.strict().safeParse(candidate);
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((i) => [
            String(i.path[0]),
            Number.isNaN(candidate[i.path[0] as 'longCm'])
              ? i.path[0] === 'meanHu'
                ? 'Enter a number of HU'
                : 'Enter a number of cm'
              : i.message,
          ]),
        ),
      );
      return;
    }
    try {
      const result = editing
        ? await update.mutateAsync({ id: editing, lesion: parsed.data })
        : await create.mutateAsync({ caseId, lesion: parsed.data });
      if (!result.ok) return setErrors({ form: result.error.message });
      setDraft(null);
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  // Removing is quick and undoable: the lesion is re-created from what this panel held (a new id, same content).
  const { offerUndo, toast } = useUndo();
  async function remove(lesion: Lesion) {
    try {
      const result = await removal.mutateAsync({ id: lesion.id });
      setErrors(result.ok ? {} : { form: result.error.message });
      if (!result.ok) return;
      const { label, longCm, shortCm, craniocaudalCm, studyDate, source, note } = lesion;
      const { meanHu, studyInstanceUid, trackedLesionId } = lesion;
      offerUndo(`Lesion "${label}" removed.`, async () => {
        const back = await create.mutateAsync({
          caseId,
          lesion: {
            label,
            longCm,
            shortCm,
            craniocaudalCm,
            studyDate,
            source,
            note,
            meanHu,
            studyInstanceUid,
            trackedLesionId,
          },
        });
        return back.ok ? undefined : back.error.message;
      });
    } catch (err) {
      setErrors({ form: (err as Error).message });
    }
  }

  const text = (key: Exclude<keyof Draft, 'measured' | 'studyInstanceUid'>, label: string, type = 'text') =>
    draft && (
      <Field label={label} error={errors[key]}>
        {(p) => (
          <input
            {...p}
            type={type}
            inputMode={key.endsWith('Cm') || key === 'meanHu' ? 'decimal' : undefined}
            list={key === 'label' ? `tracked-lesions-${caseId}` : undefined}
            value={draft[key]}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          />
        )}
      </Field>
    );

  return (
    <section className="panel" aria-label="Lesions">
      {toast}
      <div className="panel__head">
        <h3>Lesions</h3>
        {!draft && (
          <button type="button" className="button" onClick={() => start()}>
            Add lesion
          </button>
        )}
      </div>
      {listed.error && (
        <Banner message={{ kind: 'error', text: `The lesions could not be shown: ${listed.error.message}` }} />
      )}
      {errors.form && !draft && <Banner message={{ kind: 'error', text: errors.form }} />}
      {listed.data && lesions.length === 0 && !draft && (
        <p className="muted">
          No lesion recorded. Measure on an image, then add a lesion from the measurement, or type its size.
        </p>
      )}
      <ul className="lesions">
        {lesions.map((l) => (
          <li key={l.id} className="lesion">
            <div>
              <strong>{l.label}</strong>: {formatSize(l)}
              {l.greatestDimensionCm !== null && (
                <span className="muted"> · greatest {fmt(l.greatestDimensionCm)} cm</span>
              )}
              {l.meanHu !== null && <span className="muted"> · mean {l.meanHu.toFixed(1)} HU</span>}
              <div className="muted small">
                {l.source === 'measured' ? 'Measured on imaging' : 'Typed'}
                {l.studyDate ? ` · study of ${dayMonthYear(l.studyDate)}` : ''}
                {l.note ? ` · ${l.note}` : ''}
              </div>
            </div>
            <div className="lesion__actions">
              <button type="button" className="button button--ghost" onClick={() => start(l)}>
                Edit
              </button>
              <button
                type="button"
                className="button button--ghost"
                onClick={() => void remove(l)}
                aria-label={`Remove ${l.label}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
      {draft && (
        <div className="lesion-form" role="group" aria-label={editing ? 'Edit lesion' : 'New lesion'}>
          {errors.form && <Banner message={{ kind: 'error', text: errors.form }} />}
          {suggestions.length > 0 && (
            <div className="suggestions">
              <span className="muted small">Fill from a measurement:</span>
              {suggestions.map((s) => (
                <button key={s.key} type="button" className="chip" onClick={() => applySuggestion(s)}>
                  {s.label}
                </button>
              ))}
            </div>
          )}
          <div className="grid grid--lesion">
            {text('label', 'Lesion')}
            {text('longCm', 'Long axis (cm)')}
            {text('shortCm', 'Short axis (cm)')}
            {text('craniocaudalCm', 'Craniocaudal (cm)')}
            {text('studyDate', 'Study date', 'date')}
            {text('meanHu', 'Mean density (HU)')}
          </div>
          <datalist id={`tracked-lesions-${caseId}`}>
            {(tracked.data?.lesions ?? []).map((t) => (
              <option key={t.id} value={t.name} />
            ))}
          </datalist>
          <div className="muted small">
            {draftSource(draft) === 'measured' ? 'Filled from a measurement' : 'Typed by hand'}
            {(() => {
              const g = greatestDimension({
                longCm: cm(draft.longCm),
                shortCm: cm(draft.shortCm),
                craniocaudalCm: cm(draft.craniocaudalCm),
              });
              return g !== null && !Number.isNaN(g) ? ` · greatest dimension ${fmt(g)} cm (used for staging)` : '';
            })()}
          </div>
          <div className="lesion-form__actions">
            <button type="button" className="button button--ghost" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button type="button" className="button button--primary" onClick={() => void save()}>
              Save lesion
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
