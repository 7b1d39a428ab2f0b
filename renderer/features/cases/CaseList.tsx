import { localIsoDate } from '../../../shared/dates';
import { forwardRef, useEffect, useState } from 'react';
import {
  ageOn,
  CASE_STATUS_LABEL,
  CaseStatus,
  EPISODE_KIND_LABEL,
  SITE_CHAPTER_LABEL,
} from '../../../shared/domain/case';
import { episodeOfText } from '../../../shared/domain/episode';
import { keepPreviousData } from '@tanstack/react-query';
import { StatusPill } from '../../components/StatusPill';
import { hrefFor } from '../../router';
import { useRead } from '../../data/hooks';
import { ReadinessChip } from '../clinical/ReadinessChip';
import { Banner } from '../../components/Banner';

interface CaseListProps {
  selectedId?: number;
}

export const CaseList = forwardRef<HTMLInputElement, CaseListProps>(function CaseList({ selectedId }, searchRef) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [status, setStatus] = useState<CaseStatus | undefined>(undefined);

  useEffect(() => {
    const t = setTimeout(() => setDebounced(query), 150);
    return () => clearTimeout(t);
  }, [query]);

  // Writes that change a case or its work-up refetch both reads (data/channels.ts). While a new search runs, the
  // previous answer stays on screen rather than the list emptying on every keystroke.
  const {
    data: cases,
    error,
    isPending: loading,
  } = useRead('cases:list', { query: debounced, status }, { placeholderData: keepPreviousData });
  // Readiness at a glance, each case for its next meeting (else today): one call for every listed case.
  const caseIds = (cases ?? []).slice(0, 1000).map((c) => c.id);
  const { data: counts } = useRead(
    'clinical:readinessCounts',
    { caseIds },
    { enabled: caseIds.length > 0, placeholderData: keepPreviousData },
  );
  const readiness = new Map((counts ?? []).map((c) => [c.caseId, c]));

  return (
    <aside className="case-list" aria-label="Cases">
      <div className="case-list__search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search cases"
          placeholder="Search name, MRN or diagnosis"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="chips" role="group" aria-label="Filter by status">
          {[undefined, ...CaseStatus.options].map((s) => (
            <button
              key={s ?? 'all'}
              type="button"
              className={`chip${status === s ? ' chip--on' : ''}`}
              aria-pressed={status === s}
              onClick={() => setStatus(s)}
            >
              {s ? CASE_STATUS_LABEL[s] : 'All'}
            </button>
          ))}
        </div>
      </div>
      {error && <Banner message={{ kind: 'error', text: error.message }} />}
      <div className="case-list__count" aria-live="polite">
        {cases
          ? `${cases.length} case${cases.length === 1 ? '' : 's'}${debounced ? ` matching "${debounced}"` : ''}`
          : loading
            ? 'Loading...'
            : ''}
      </div>
      <ul className="case-list__items">
        {cases?.map((c) => (
          <li key={c.id}>
            <a
              href={hrefFor({ name: 'case', id: c.id, tab: 'record' })}
              className={`case-card${c.id === selectedId ? ' case-card--selected' : ''}`}
              aria-current={c.id === selectedId ? 'page' : undefined}
            >
              <div className="case-card__top">
                <span className="case-card__name">{c.patientName}</span>
                <StatusPill status={c.status} />
              </div>
              <div className="case-card__meta">
                MRN {c.mrn} · {ageOn(c.dateOfBirth, localIsoDate())} y ·{' '}
                {c.sex === 'female' ? 'F' : c.sex === 'male' ? 'M' : c.sex}
              </div>
              <div className="case-card__episode">
                {EPISODE_KIND_LABEL[c.episodeKind]}
                {episodeOfText(c.episodeNumber, c.episodeCount) &&
                  ` · ${episodeOfText(c.episodeNumber, c.episodeCount)}`}
              </div>
              <div className="case-card__dx">{c.workingDiagnosis}</div>
              <div className="case-card__foot">
                <span className="case-card__site">{SITE_CHAPTER_LABEL[c.siteChapter]}</span>
                {readiness.has(c.id) && (
                  <ReadinessChip
                    missing={readiness.get(c.id)!.missing}
                    pending={readiness.get(c.id)!.pending}
                    stale={readiness.get(c.id)!.stale}
                    meetingDate={readiness.get(c.id)!.meetingDate}
                    meetingTitle={readiness.get(c.id)!.meeting?.title}
                  />
                )}
              </div>
            </a>
          </li>
        ))}
        {cases?.length === 0 && <li className="case-list__empty">No case matches.</li>}
      </ul>
    </aside>
  );
});
