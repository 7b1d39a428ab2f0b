import { localIsoDate } from '../../../shared/dates';
import { forwardRef, useEffect, useRef, useState } from 'react';
import {
  ageOn,
  CASE_STATUS_LABEL,
  CaseStatus,
  EPISODE_KIND_LABEL,
  SITE_CHAPTER_LABEL,
} from '../../../shared/domain/case';
import { episodeOfText } from '../../../shared/domain/episode';
import { keepPreviousData, useInfiniteQuery, useQueries } from '@tanstack/react-query';
import type { CaseFilters } from '../../../shared/domain/case-search';
import { call } from '../../api';
import { CaseFiltersPanel } from './CaseFiltersPanel';
import '../../styles/search.css';
import { StatusPill } from '../../components/StatusPill';
import { hrefFor } from '../../router';
import { readKey } from '../../data/hooks';
import { ReadinessChip } from '../clinical/ReadinessChip';
import { Banner } from '../../components/Banner';

interface CaseListProps {
  selectedId?: number;
}

const PAGE = 50;

export const CaseList = forwardRef<HTMLInputElement, CaseListProps>(function CaseList({ selectedId }, searchRef) {
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  const [filters, setFilters] = useState<CaseFilters>({});
  const [showFilters, setShowFilters] = useState(false);
  const status = filters.status;

  useEffect(() => {
    const t = setTimeout(() => setDebounced(query), 150);
    return () => clearTimeout(t);
  }, [query]);

  // Pages of 50, loaded as the list scrolls (issue 14 item 12): the first screen never waits for the whole list.
  // The key starts with the channel, so the writes that refetch 'cases:list' (data/channels.ts) refetch this too.
  const {
    data,
    error,
    isPending: loading,
    fetchNextPage,
    hasNextPage,
    isFetchingNextPage,
  } = useInfiniteQuery({
    queryKey: ['cases:list', { query: debounced, filters }] as const,
    queryFn: ({ pageParam }) => call('cases:list', { query: debounced, filters, offset: pageParam, limit: PAGE }),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const loaded = all.reduce((n, p) => n + p.rows.length, 0);
      return loaded < last.total && last.rows.length > 0 ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
  const cases = data?.pages.flatMap((p) => p.rows);
  const total = data?.pages[0]?.total ?? 0;
  // Readiness at a glance, each case for its next meeting (else today): computed only for the rows loaded, one call
  // per page, so loading a page never asks again for the pages before it.
  const pageCounts = useQueries({
    queries: (data?.pages ?? []).map((p) => {
      const input = { caseIds: p.rows.map((c) => c.id) };
      return {
        queryKey: readKey('clinical:readinessCounts', input),
        queryFn: () => call('clinical:readinessCounts', input),
        enabled: input.caseIds.length > 0,
        placeholderData: keepPreviousData,
      };
    }),
  });
  const readiness = new Map(pageCounts.flatMap((q) => q.data ?? []).map((c) => [c.caseId, c]));

  // Loads the next page when the end of the list scrolls into view.
  const sentinel = useRef<HTMLLIElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, cases?.length]);

  const filterCount = Object.entries(filters).filter(
    ([k, v]) => k !== 'status' && k !== 'dateField' && v !== undefined && v !== '',
  ).length;

  return (
    <aside className="case-list" aria-label="Cases">
      <div className="case-list__search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search cases"
          placeholder="Search name, MRN, diagnosis, consultant, grade, stage"
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
              onClick={() => setFilters({ ...filters, status: s })}
            >
              {s ? CASE_STATUS_LABEL[s] : 'All'}
            </button>
          ))}
          <button
            type="button"
            className={`chip${filterCount ? ' chip--on' : ''}`}
            aria-expanded={showFilters}
            onClick={() => setShowFilters(!showFilters)}
          >
            {filterCount ? `Filters (${filterCount})` : 'Filters'}
          </button>
        </div>
        {showFilters && (
          <CaseFiltersPanel
            query={debounced}
            filters={filters}
            onChange={setFilters}
            onApply={(q, f) => {
              setQuery(q);
              setDebounced(q);
              setFilters(f);
            }}
          />
        )}
      </div>
      {error && <Banner message={{ kind: 'error', text: error.message }} />}
      <div className="case-list__count" aria-live="polite">
        {cases
          ? `${total} case${total === 1 ? '' : 's'}${debounced ? ` matching "${debounced}"` : ''}${
              total > cases.length ? `, showing ${cases.length}` : ''
            }`
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
        {hasNextPage && (
          <li ref={sentinel} className="case-list__more">
            <button
              type="button"
              className="button button--ghost"
              disabled={isFetchingNextPage}
              onClick={() => void fetchNextPage()}
            >
              {isFetchingNextPage ? 'Loading more…' : `Show more (${cases?.length ?? 0} of ${total})`}
            </button>
          </li>
        )}
      </ul>
    </aside>
  );
});
