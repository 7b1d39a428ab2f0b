import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ageOn, SITE_CHAPTER_LABEL } from '../../../shared/domain/case';
import type { MeetingDetail } from '../../../shared/domain/meeting';
import { StatusPill } from '../../components/StatusPill';
import { useRead, useWrite } from '../../data/hooks';
import { reason } from './meeting-format';

/** Adds cases from the case list (search by name, MRN or diagnosis) at the end of the agenda. */
export function AddCases({ meeting, onClose }: { meeting: MeetingDetail; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [chosen, setChosen] = useState<number[]>([]);
  const [minutes, setMinutes] = useState('10');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(query), 150);
    return () => clearTimeout(t);
  }, [query]);
  // The previous answer stays on screen while the next search runs, so the list does not blink at each keystroke.
  // The first 100 matches: more than that is narrowed by typing (the case list pages through all of them).
  const { data: page, error: loadError } = useRead(
    'cases:list',
    { query: debounced, limit: 100 },
    { placeholderData: keepPreviousData },
  );
  const cases = page?.rows;
  const addCases = useWrite('agenda:add');
  const onAgenda = new Set(meeting.items.map((i) => i.caseId));
  const meetingDate = meeting.startsAt.slice(0, 10);

  const toggle = (id: number, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));

  async function add() {
    const n = Number(minutes);
    const result = await addCases.mutateAsync({
      meetingId: meeting.id,
      caseIds: chosen,
      minutes: Number.isInteger(n) && n > 0 ? n : undefined,
    });
    if (!result.ok) return setError(reason(result.error));
    setChosen([]);
    setError(null);
  }

  return (
    <div className="add-cases" role="region" aria-label="Add cases to the agenda">
      <div className="add-cases__bar">
        <input
          type="search"
          // The panel opens when the user asks to add cases: typing the search is the next thing they do.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search cases to add"
          placeholder="Search name, MRN or diagnosis"
        />
        <label className="add-cases__minutes">
          Minutes each
          <input
            type="number"
            min={1}
            max={240}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            className="input--short"
          />
        </label>
        <button
          type="button"
          className="button button--primary"
          disabled={chosen.length === 0 || addCases.isPending}
          onClick={() => void add()}
        >
          {chosen.length ? `Add ${chosen.length} case${chosen.length === 1 ? '' : 's'}` : 'Add cases'}
        </button>
        <button type="button" className="button button--ghost" onClick={onClose}>
          Done
        </button>
      </div>
      {(error || loadError) && (
        <div className="banner banner--error" role="alert">
          {error ?? loadError?.message}
        </div>
      )}
      <ul className="add-cases__list">
        {cases?.map((c) => {
          const already = onAgenda.has(c.id);
          return (
            <li key={c.id} className={already ? 'is-on' : ''}>
              <label>
                <input
                  type="checkbox"
                  disabled={already}
                  checked={already || chosen.includes(c.id)}
                  onChange={(e) => toggle(c.id, e.target.checked)}
                  aria-label={`Add ${c.patientName}`}
                />
                <span className="add-cases__name">{c.patientName}</span>
                <span className="muted small">
                  MRN {c.mrn} · {ageOn(c.dateOfBirth, meetingDate)} y · {SITE_CHAPTER_LABEL[c.siteChapter]}
                </span>
                <span className="add-cases__dx">{c.workingDiagnosis}</span>
                {already ? <span className="mchip">On the agenda</span> : <StatusPill status={c.status} />}
              </label>
            </li>
          );
        })}
        {cases?.length === 0 && <li className="muted">No case matches.</li>}
        {page && page.total > page.rows.length && (
          <li className="muted">
            Showing {page.rows.length} of {page.total} cases: type to narrow the search.
          </li>
        )}
      </ul>
    </div>
  );
}
