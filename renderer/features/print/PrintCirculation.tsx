import { useEffect } from 'react';
import { clockTime, dayMonthYear, localIsoDate, longDate } from '../../../shared/dates';
import type { AgendaItemView, MeetingDetail } from '../../../shared/domain/meeting';
import type { CaseRecordFacts } from '../../../shared/domain/record-facts';
import { useRead } from '../../data/hooks';
import { DocHeader } from './DocHeader';
import { Fact } from './Fact';
import { PrintPage } from './PrintPage';
import { PAGE_RULES } from './print-ready';
import '../../styles/circulation.css';

type Doc = 'agenda' | 'pack';

/** "Ready", or what is still open of the work-up ("2 missing · 1 pending"). */
export function readinessText(r: AgendaItemView['readiness']): string {
  if (r.ready) return 'Ready';
  const open = [
    r.missing ? `${r.missing} missing` : '',
    r.pending ? `${r.pending} pending` : '',
    r.stale ? `${r.stale} out of date` : '',
  ].filter(Boolean);
  return open.length ? `Not ready: ${open.join(' · ')}` : 'Not ready';
}

/**
 * The circulation documents (issue 14 item 7), A4 portrait, sent to the members before the meeting: the agenda
 * (each case's time from the meeting's start and the minutes before it, presenter, question, readiness) and the
 * pre-meeting pack (the agenda, then one page per case from its record facts). De-identified: "Case <n>" and no
 * MRN, from the de-identified record facts. The document title (the PDF's metadata title) carries no ISO date.
 */
export function PrintCirculation({
  doc,
  meetingId,
  deidentified,
}: {
  doc: Doc;
  meetingId: number;
  deidentified: boolean;
}) {
  const reads = {
    meeting: useRead('meetings:get', { id: meetingId }),
    facts: useRead('decisions:recordFacts', deidentified ? { meetingId, deidentified: true } : { meetingId }),
  };
  const meeting = reads.meeting.data;
  useEffect(() => {
    if (!meeting) return;
    const what = doc === 'agenda' ? 'Agenda' : 'Pre-meeting pack';
    document.title = `${what}: ${meeting.title}, ${longDate(meeting.startsAt)}${deidentified ? ' (de-identified)' : ''}`;
  }, [meeting, doc, deidentified]);
  return (
    <PrintPage reads={reads} className={`print-doc print-doc--${doc}`} pageRules={PAGE_RULES.a4}>
      {({ meeting, facts }) => (
        <Circulation
          doc={doc}
          meeting={meeting}
          deidentified={deidentified}
          facts={new Map(facts.map((f) => [f.itemId, f]))}
        />
      )}
    </PrintPage>
  );
}

function Circulation({
  doc,
  meeting,
  deidentified,
  facts,
}: {
  doc: Doc;
  meeting: MeetingDetail;
  deidentified: boolean;
  facts: Map<number, CaseRecordFacts>;
}) {
  const label = (item: AgendaItemView) => facts.get(item.id)?.label ?? `Case ${item.number}`;
  return (
    <>
      <DocHeader
        kind={doc === 'agenda' ? 'Agenda' : 'Pre-meeting pack'}
        meeting={meeting}
        deidentified={deidentified}
      />
      <h1 className="doc-title">Agenda: {meeting.title}</h1>
      <dl className="doc-facts">
        <Fact label="When">
          {longDate(meeting.startsAt)}, {clockTime(meeting.startsAt)}–{clockTime(meeting.endsAt)}
        </Fact>
        <Fact label="Where">{meeting.place}</Fact>
        <Fact label="Video link">{meeting.videoLink}</Fact>
        <Fact label="Chair">{meeting.chair}</Fact>
        <Fact label="Coordinator">{meeting.coordinator}</Fact>
        <Fact label="Cases">
          {meeting.items.length} · {meeting.totalMinutes} of {meeting.durationMinutes} minutes ·{' '}
          {meeting.items.filter((i) => i.readiness.ready).length} ready
        </Fact>
      </dl>
      <table className="doc-table circulation-agenda" aria-label="Agenda">
        <thead>
          <tr>
            <th>#</th>
            <th>Time</th>
            <th>Patient</th>
            <th>Diagnosis and question</th>
            <th>Presenter</th>
            <th>Readiness</th>
          </tr>
        </thead>
        <tbody>
          {meeting.items.map((item) => {
            const f = facts.get(item.id);
            return (
              <tr key={item.id} data-testid="circulation-row">
                <td>{item.number}</td>
                <td>
                  {clockTime(item.plannedStart)}
                  <div className="doc-muted">{item.minutes} min</div>
                </td>
                <td>
                  {label(item)}
                  <div className="doc-muted">
                    {f?.ageSex}
                    {!deidentified && ` · MRN ${item.case.mrn}`}
                  </div>
                </td>
                <td>
                  {f?.diagnosis ?? item.case.workingDiagnosis}
                  {f?.question && <div className="circulation-question">{f.question}</div>}
                </td>
                <td>{item.presenter || '–'}</td>
                <td className={item.readiness.ready ? 'circulation-ready' : 'circulation-open'}>
                  {readinessText(item.readiness)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {meeting.items.length === 0 && <p>No case is on the agenda yet.</p>}
      {doc === 'pack' &&
        meeting.items.map((item) => {
          const f = facts.get(item.id);
          return (
            <section key={item.id} className="doc-section circulation-case" aria-label={`Case ${item.number}`}>
              <h2 className="doc-h2">
                {item.number}. {label(item)}
                <span className="doc-muted">
                  {' '}
                  · {f?.ageSex}
                  {!deidentified && ` · MRN ${item.case.mrn}`} · {clockTime(item.plannedStart)} ·{' '}
                  {item.presenter || 'no presenter'}
                </span>
              </h2>
              <dl className="doc-facts">
                <Fact label="Diagnosis">{f?.diagnosis}</Fact>
                <Fact label="Site">{f?.site}</Fact>
                <Fact label="Question">{f?.question}</Fact>
                <Fact label="Consultant">
                  {f?.consultant}
                  {f?.referringHospital ? ` · ${f.referringHospital}` : ''}
                </Fact>
                <Fact label="Pathology">
                  {f && f.pathology.length > 0
                    ? f.pathology.map((line) => <div key={line}>{line}</div>)
                    : 'No pathology report recorded'}
                </Fact>
                <Fact label="Staging">{f?.staging ?? 'Not staged (AJCC does not apply or not yet recorded)'}</Fact>
                <Fact label="Readiness">{readinessText(item.readiness)}</Fact>
                <Fact label="Earlier boards">
                  {item.history.length > 0
                    ? item.history.map((h) => `${h.meetingTitle} (${dayMonthYear(h.startsAt)})`).join('; ')
                    : undefined}
                </Fact>
              </dl>
            </section>
          );
        })}
      <footer className="doc-foot">
        Printed {dayMonthYear(localIsoDate())} from BoardPrep for the members of the board
        {deidentified ? '' : '. Confidential: contains patient identifiers'}.
      </footer>
    </>
  );
}
