import { useId, useState } from 'react';
import { READINESS_ITEM_IDS, READINESS_ITEM_LABEL, ReadinessItemId } from '../../../shared/clinical/readiness';
import { SITE_CHAPTER_LABEL, SiteChapter } from '../../../shared/domain/case';
import {
  DATE_FIELD_LABEL,
  DateField,
  GradeFilter,
  StageGroupFilter,
  type CaseFilters,
} from '../../../shared/domain/case-search';
import { dayMonthYear } from '../../../shared/dates';
import { useRead, useWrite } from '../../data/hooks';

interface Props {
  query: string;
  filters: CaseFilters;
  onChange: (filters: CaseFilters) => void;
  /** Applies a saved search: its text and its filters. */
  onApply: (query: string, filters: CaseFilters) => void;
}

/** A select's value: '' is "any". */
const orUndefined = <T extends string>(v: string) => (v === '' ? undefined : (v as T));

/**
 * The case list's filters (issue 14 item 12): consultant, site chapter, histotype, grade, stage group, an open
 * readiness item, next meeting and a date range; and the signed-in user's saved searches.
 */
export function CaseFiltersPanel({ query, filters, onChange, onApply }: Props) {
  const id = useId();
  const { data: options } = useRead('cases:filterOptions', {});
  const set = (patch: Partial<CaseFilters>) => onChange({ ...filters, ...patch });
  const meetingValue = filters.noMeeting ? 'none' : filters.meetingId ? String(filters.meetingId) : '';

  return (
    <div className="case-filters" role="group" aria-label="Filters">
      <label htmlFor={`${id}-consultant`}>Consultant</label>
      <select
        id={`${id}-consultant`}
        value={filters.consultant ?? ''}
        onChange={(e) => set({ consultant: orUndefined(e.target.value) })}
      >
        <option value="">Any</option>
        {options?.consultants.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-site`}>Site chapter</label>
      <select
        id={`${id}-site`}
        value={filters.siteChapter ?? ''}
        onChange={(e) => set({ siteChapter: orUndefined<SiteChapter>(e.target.value) })}
      >
        <option value="">Any</option>
        {SiteChapter.options.map((s) => (
          <option key={s} value={s}>
            {SITE_CHAPTER_LABEL[s]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-histotype`}>Histotype</label>
      <select
        id={`${id}-histotype`}
        value={filters.histotypeId ?? ''}
        onChange={(e) => set({ histotypeId: orUndefined(e.target.value) })}
      >
        <option value="">Any</option>
        {options?.histotypes.map((h) => (
          <option key={h.id} value={h.id}>
            {h.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-grade`}>Grade</label>
      <select
        id={`${id}-grade`}
        value={filters.grade ?? ''}
        onChange={(e) => set({ grade: orUndefined<GradeFilter>(e.target.value) })}
      >
        <option value="">Any</option>
        {GradeFilter.options.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-stage`}>Stage group</label>
      <select
        id={`${id}-stage`}
        value={filters.stageGroup ?? ''}
        onChange={(e) => set({ stageGroup: orUndefined<StageGroupFilter>(e.target.value) })}
      >
        <option value="">Any</option>
        {StageGroupFilter.options.map((g) => (
          <option key={g} value={g}>
            Stage {g}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-awaiting`}>Awaiting</label>
      <select
        id={`${id}-awaiting`}
        value={filters.awaiting ?? ''}
        onChange={(e) => set({ awaiting: orUndefined<ReadinessItemId>(e.target.value) })}
      >
        <option value="">Anything</option>
        {READINESS_ITEM_IDS.map((item) => (
          <option key={item} value={item}>
            {READINESS_ITEM_LABEL[item]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-meeting`}>Next meeting</label>
      <select
        id={`${id}-meeting`}
        value={meetingValue}
        onChange={(e) =>
          set({
            meetingId: e.target.value && e.target.value !== 'none' ? Number(e.target.value) : undefined,
            noMeeting: e.target.value === 'none' ? true : undefined,
          })
        }
      >
        <option value="">Any</option>
        <option value="none">On no coming agenda</option>
        {options?.meetings.map((m) => (
          <option key={m.id} value={m.id}>
            {m.title}, {dayMonthYear(m.startsAt.slice(0, 10))}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-datefield`}>Dates of</label>
      <select
        id={`${id}-datefield`}
        value={filters.dateField ?? 'updated'}
        onChange={(e) => set({ dateField: e.target.value as DateField })}
      >
        {DateField.options.map((f) => (
          <option key={f} value={f}>
            {DATE_FIELD_LABEL[f]}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-from`}>From</label>
      <input
        id={`${id}-from`}
        type="date"
        value={filters.from ?? ''}
        onChange={(e) => set({ from: orUndefined(e.target.value) })}
      />
      <label htmlFor={`${id}-to`}>To</label>
      <input
        id={`${id}-to`}
        type="date"
        value={filters.to ?? ''}
        onChange={(e) => set({ to: orUndefined(e.target.value) })}
      />
      <button type="button" className="button button--ghost case-filters__clear" onClick={() => onChange({})}>
        Clear filters
      </button>
      <SavedFilters query={query} filters={filters} onApply={onApply} />
    </div>
  );
}

/** The signed-in user's saved searches: apply, save the current one under a name, remove. */
function SavedFilters({ query, filters, onApply }: Omit<Props, 'onChange'>) {
  const id = useId();
  const { data: saved } = useRead('savedFilters:list', {});
  const save = useWrite('savedFilters:save');
  const remove = useWrite('savedFilters:remove');
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const current = saved?.find((s) => String(s.id) === chosen);

  async function onSave() {
    const result = await save.mutateAsync({ name, query, filters });
    if (!result.ok) return setMessage(result.error.message);
    setMessage(`Saved "${result.value.name}"`);
    setChosen(String(result.value.id));
    setName('');
  }

  return (
    <div className="case-filters__saved">
      <label htmlFor={`${id}-saved`}>Saved filters</label>
      <div className="case-filters__row">
        <select id={`${id}-saved`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">Choose…</option>
          {saved?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!current}
          onClick={() => current && onApply(current.query, current.filters)}
        >
          Apply
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={!current}
          onClick={() =>
            current &&
            void remove.mutateAsync({ id: current.id }).then((r) => {
              setChosen('');
              setMessage(r.ok ? `Removed "${current.name}"` : r.error.message);
            })
          }
        >
          Remove
        </button>
      </div>
      <label htmlFor={`${id}-name`}>Save this search as</label>
      <div className="case-filters__row">
        <input
          id={`${id}-name`}
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Awaiting MDM2"
        />
        <button
          type="button"
          className="button"
          disabled={!name.trim() || save.isPending}
          onClick={() => void onSave()}
        >
          Save filter
        </button>
      </div>
      {message && (
        <p className="small muted" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
