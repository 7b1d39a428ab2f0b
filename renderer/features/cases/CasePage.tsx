import { lazy, Suspense } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ageOn, displayName, EPISODE_KIND_LABEL, SEX_LABEL, type CaseRecord } from '../../../shared/domain/case';
import { episodeOfText } from '../../../shared/domain/episode';
import { StatusPill } from '../../components/StatusPill';
import { hrefFor, type CaseTab } from '../../router';
import { afterWrite, useRead } from '../../data/hooks';
import { CaseClinical } from '../clinical/CaseClinical';
import { dayMonthYear, dateTime, localIsoDate } from '../../../shared/dates';
import { ReadinessChip } from '../clinical/ReadinessChip';
import { CaseForm } from './CaseForm';
import { EpisodesPanel } from './EpisodesPanel';
import { Banner } from '../../components/Banner';
import { PriorStudiesNotice } from '../pacs/PriorStudiesNotice';

// The imaging room (cornerstone and its codecs) loads only when a case's images are opened.
const CaseImaging = lazy(() => import('../imaging/CaseImaging').then((m) => ({ default: m.CaseImaging })));

const TABS: [CaseTab, string][] = [
  ['record', 'Record'],
  ['clinical', 'Clinical'],
  ['imaging', 'Imaging'],
];

export function CasePage({ id, tab, onSaved }: { id: number; tab: CaseTab; onSaved: (r: CaseRecord) => void }) {
  const client = useQueryClient();
  // Both reads are refetched by the writes that change them (data/channels.ts): a save, a clinical report, a tick.
  const { data: record, error } = useRead('cases:get', { id });
  // Readiness at a glance for the case's next meeting (else today), as on the case list.
  const { data: counts } = useRead('clinical:readinessCounts', { caseIds: [id] });
  // Which of the patient's episodes this is ("episode 2 of 3"); the panel below lists the others.
  const { data: episodes } = useRead('cases:episodes', { caseId: id });
  if (error) return <Banner message={{ kind: 'error', text: error.message }} />;
  if (!record) return <div className="loading">Loading case...</div>;
  const p = record.patient;
  const readiness = counts?.find((c) => c.caseId === id);
  return (
    <article className="case-page">
      <header className="case-header">
        <div>
          <h1>{displayName(p)}</h1>
          <div className="case-header__meta">
            MRN {p.mrn} · born {dayMonthYear(p.dateOfBirth)} ({ageOn(p.dateOfBirth, localIsoDate())} years) ·{' '}
            {SEX_LABEL[p.sex]}
          </div>
          <div className="case-header__episode">
            {EPISODE_KIND_LABEL[record.episodeKind]}
            {episodes && episodeOfText(episodes.number, episodes.count) && (
              <span className="muted"> · {episodeOfText(episodes.number, episodes.count)}</span>
            )}
          </div>
          <div className="case-header__dx">{record.workingDiagnosis}</div>
        </div>
        <div className="case-header__side">
          <StatusPill status={record.status} />
          {readiness && (
            <a className="case-header__readiness" href={hrefFor({ name: 'case', id, tab: 'clinical' })}>
              <ReadinessChip
                missing={readiness.missing}
                pending={readiness.pending}
                stale={readiness.stale}
                meetingDate={readiness.meetingDate}
                meetingTitle={readiness.meeting?.title}
              />
              <span className="visually-hidden">: work-up readiness, open the Clinical tab</span>
            </a>
          )}
          <div className="case-header__updated">
            Case {record.id} · changed {dateTime(record.updatedAt)}
          </div>
        </div>
      </header>
      {record.boardQuestion && (
        <section className="question" aria-label="Question for the board">
          <div className="question__label">Question for the board</div>
          <p>{record.boardQuestion}</p>
        </section>
      )}
      {/* The Imaging tab marks the other episodes' studies itself; the viewer keeps the room. */}
      {tab !== 'imaging' && <EpisodesPanel caseId={record.id} />}
      <PriorStudiesNotice caseId={record.id} />
      <nav className="tabs" aria-label="Case sections">
        {TABS.map(([key, label]) => (
          <a
            key={key}
            href={hrefFor({ name: 'case', id, tab: key })}
            className={`tab${tab === key ? ' tab--on' : ''}`}
            aria-current={tab === key ? 'page' : undefined}
          >
            {label}
          </a>
        ))}
      </nav>
      {tab === 'record' ? (
        <CaseForm key={`${record.id}:${record.version}`} record={record} onSaved={onSaved} />
      ) : tab === 'clinical' ? (
        <CaseClinical
          record={record}
          // "Mark ready" changed the case itself: the header, the list and the record form follow.
          onRecordChanged={() => void afterWrite(client, 'cases:markReady')}
        />
      ) : (
        <Suspense fallback={<div className="loading">Loading the viewer...</div>}>
          <CaseImaging caseId={record.id} />
        </Suspense>
      )}
    </article>
  );
}
