import '../../styles/clinical.css';
import { useCallback, useState } from 'react';
import type { CaseRecord } from '../../../shared/domain/case';
import type { ClinicalSummary } from '../../../shared/domain/clinical';
import { call } from '../../api';
import { useAsync } from '../../useAsync';
import { formatDate, notifyClinicalChanged, readinessText, readinessTone } from './clinical-format';
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
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => {
    setVersion((v) => v + 1);
    notifyClinicalChanged(caseId);
  }, [caseId]);

  const summary = useAsync(
    () => call('clinical:summary', { caseId, meetingDate: chosenDate }),
    [caseId, chosenDate, version],
  );
  const pathology = useAsync(() => call('pathology:list', { caseId }), [caseId, version]);
  const timeline = useAsync(() => call('timeline:list', { caseId }), [caseId, version]);

  const error = summary.error ?? pathology.error ?? timeline.error;
  if (error && !summary.value) return <Banner message={{ kind: 'error', text: error }} />;
  if (!summary.value || !pathology.value || !timeline.value)
    return <div className="loading">Loading the clinical record...</div>;
  const s = summary.value;
  const meetingDate = s.readiness.meetingDate;

  return (
    <div className="clinical">
      {error && <Banner message={{ kind: 'error', text: error }} />}
      <Snapshot summary={s} meetingDate={meetingDate} />
      <PathologySection
        caseId={caseId}
        reports={pathology.value.reports}
        drivingReportId={pathology.value.drivingReportId}
        drivingReason={pathology.value.drivingReason}
        onChanged={changed}
      />
      <GradeStageSection caseId={caseId} siteChapter={record.siteChapter} summary={s} onChanged={changed} />
      <ReadinessSection
        caseId={caseId}
        record={record}
        summary={s}
        meetingDate={meetingDate}
        chosen={chosenDate !== undefined}
        onMeetingDate={setChosenDate}
        onChanged={changed}
        onMarked={onRecordChanged}
      />
      <PlanSection caseId={caseId} plan={s.plan} onChanged={changed} />
      <TimelineSection caseId={caseId} entries={timeline.value} onChanged={changed} />
    </div>
  );
}

/** Grade, stage and work-up in one line, each a link to its section. */
function Snapshot({ summary: s, meetingDate }: { summary: ClinicalSummary; meetingDate: string }) {
  const tone = readinessTone(s.readiness);
  const g = s.grade;
  return (
    <div className="snapshot" aria-label="Clinical snapshot">
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
      <button type="button" className="snap" onClick={jump('clin-stage')}>
        <span className="snap__label">AJCC 8th stage</span>
        <span className={`snap__value${s.stage.stageGroup ? '' : ' snap__value--muted'}`}>
          {s.stage.stageGroup ?? (s.stage.applicable ? 'No group' : 'n/a')}
        </span>
        <span className="snap__sub">
          {s.stage.applicable ? [s.stage.T, s.stage.N, s.stage.M, s.stage.G].join(' ') : 'not a sarcoma site chapter'}
        </span>
      </button>
      <button type="button" className={`snap snap--${tone}`} onClick={jump('clin-readiness')}>
        <span className="snap__label">Work-up</span>
        <span className="snap__value">{readinessText(s.readiness)}</span>
        <span className="snap__sub">
          for {s.readiness.meeting ? `${s.readiness.meeting.title}, ` : ''}
          {formatDate(meetingDate)}
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
