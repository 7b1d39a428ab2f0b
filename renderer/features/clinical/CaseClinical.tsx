import { stageGroupShort, stageGroupText, tnmText } from '../../../shared/clinical/stage-text';
import '../../styles/clinical.css';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { dayMonthYear } from '../../../shared/dates';
import type { CaseRecord } from '../../../shared/domain/case';
import type { ClinicalSummary } from '../../../shared/domain/clinical';
import { useRead } from '../../data/hooks';
import { readinessText, readinessTone } from './clinical-format';
import { GradeStageSection } from './GradeStageSection';
import { PathologySection } from './PathologySection';
import { PlanSection } from './PlanSection';
import { ReadinessSection } from './ReadinessSection';
import { TimelineSection } from './TimelineSection';
import { Banner } from '../../components/Banner';

interface CaseClinicalProps {
  record: CaseRecord;
  /** The case record changed here (marked ready): the page header and the record form follow. */
  onRecordChanged: (record: CaseRecord) => void;
}

/** The Clinical tab: pathology, grade and stage, readiness for the board, proposed plan and timeline. */
export function CaseClinical({ record, onRecordChanged }: CaseClinicalProps) {
  const caseId = record.id;
  // Unset: readiness is judged for the case's next meeting on an agenda (else today), as the server resolves it.
  const [chosenDate, setChosenDate] = useState<string | undefined>(undefined);
  // Every write below refetches these three (renderer/data/channels.ts AFTER_WRITE). Another meeting date keeps
  // the sections on screen, with what they hold, until its answer arrives.
  const summary = useRead(
    'clinical:summary',
    { caseId, meetingDate: chosenDate },
    { placeholderData: keepPreviousData },
  );
  const pathology = useRead('pathology:list', { caseId });
  const timeline = useRead('timeline:list', { caseId });

  const error = (summary.error ?? pathology.error ?? timeline.error)?.message;
  if (error && !summary.data) return <Banner message={{ kind: 'error', text: error }} />;
  if (!summary.data || !pathology.data || !timeline.data)
    return <div className="loading">Loading the clinical record...</div>;
  const s = summary.data;
  const meetingDate = s.readiness.meetingDate;

  return (
    <div className="clinical">
      {error && <Banner message={{ kind: 'error', text: error }} />}
      <Snapshot summary={s} meetingDate={meetingDate} sarcoma={record.siteChapter !== 'other'} />
      <PathologySection
        caseId={caseId}
        reports={pathology.data.reports}
        drivingReportId={pathology.data.drivingReportId}
        drivingReason={pathology.data.drivingReason}
      />
      <GradeStageSection caseId={caseId} siteChapter={record.siteChapter} summary={s} />
      <ReadinessSection
        caseId={caseId}
        record={record}
        summary={s}
        meetingDate={meetingDate}
        chosen={chosenDate !== undefined}
        onMeetingDate={setChosenDate}
        onMarked={onRecordChanged}
      />
      <PlanSection caseId={caseId} plan={s.plan} questionKind={record.questionKind} siteChapter={record.siteChapter} />
      <TimelineSection caseId={caseId} entries={timeline.data} />
    </div>
  );
}

/**
 * Grade, stage and work-up in one line, each a link to its section. A case outside the sarcoma site chapters
 * (`sarcoma` false) has no FNCLCC tile: the grade is a sarcoma grade.
 */
function Snapshot({
  summary: s,
  meetingDate,
  sarcoma,
}: {
  summary: ClinicalSummary;
  meetingDate: string;
  sarcoma: boolean;
}) {
  const tone = readinessTone(s.readiness);
  const g = s.grade;
  const head = s.stage.pathological ?? s.stage;
  return (
    <div className="snapshot" aria-label="Clinical snapshot">
      {sarcoma && (
        <button type="button" className="snap" onClick={jump('clin-stage')}>
          <span className="snap__label">FNCLCC grade</span>
          <span className={`snap__value${g.grade === 'GX' ? ' snap__value--muted' : ''}`}>{g.grade}</span>
          <span className="snap__sub">
            {g.score !== null
              ? `score ${g.score}`
              : g.source === 'reported'
                ? 'as reported'
                : g.status === 'no-report'
                  ? 'no report'
                  : 'not assessable'}
          </span>
        </button>
      )}
      <button type="button" className="snap" onClick={jump('clin-stage')}>
        <span className="snap__label">AJCC 8th stage</span>
        {/* The pathological stage leads after a resection; a GX group the histotype raises says "at least". */}
        <span
          className={`snap__value${head.stageGroup ? '' : ' snap__value--muted'}`}
          data-testid="snapshot-stage"
          title={stageGroupText(head) ?? undefined}
        >
          {stageGroupShort(head) ?? (s.stage.applicable ? 'No group' : 'n/a')}
        </span>
        <span className="snap__sub">{s.stage.applicable ? tnmText(head) : 'not a sarcoma site chapter'}</span>
      </button>
      <button type="button" className={`snap snap--${tone}`} onClick={jump('clin-readiness')}>
        <span className="snap__label">Work-up</span>
        <span className="snap__value">{readinessText(s.readiness)}</span>
        <span className="snap__sub">
          for {s.readiness.meeting ? `${s.readiness.meeting.title}, ` : ''}
          {dayMonthYear(meetingDate)}
        </span>
      </button>
      <button type="button" className="snap" onClick={jump('clin-plan')}>
        <span className="snap__label">Proposed plan</span>
        <span className={`snap__value snap__value--small${s.plan.options.length ? '' : ' snap__value--muted'}`}>
          {s.plan.options.length
            ? `${s.plan.options.length} option${s.plan.options.length === 1 ? '' : 's'}`
            : 'None yet'}
        </span>
        <span className="snap__sub">{s.plan.updatedAt ? 'proposed' : 'not proposed'}</span>
      </button>
    </div>
  );
}

/** Scrolls to a section without touching the hash route. */
const jump = (id: string) => () => document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
