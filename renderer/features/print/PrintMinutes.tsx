import { localIsoDate } from '../../../shared/dates';
import { identifierScrubber } from '../../../shared/deck/deidentify';
import { PLAN_OPTION_LABEL } from '../../../shared/domain/clinical';
import {
  AGENDA_STATE_LABEL,
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  TREATMENT_INTENT_LABEL,
  type DecisionView,
  type MeetingDetail,
} from '../../../shared/domain/meeting';
import type { CaseRecordFacts } from '../../../shared/domain/record-facts';
import { useRead } from '../../data/hooks';
import { clock, dayMonthYear } from '../../slides/frame';
import { OutcomeBlock, type Scrub } from './OutcomeBlock';
import { DocHeader } from './DocHeader';
import { Fact } from './Fact';
import { PrintPage } from './PrintPage';
import { PAGE_RULES } from './print-ready';

/**
 * The meeting minutes (A4 portrait): who came, then every case's outcome in agenda order, written from the case
 * record and the decisions (decisions:recordFacts), never from the slides' wording.
 */
export function PrintMinutes({ meetingId, deidentified }: { meetingId: number; deidentified: boolean }) {
  const reads = {
    meeting: useRead('meetings:get', { id: meetingId }),
    decisions: useRead('decisions:forMeeting', { meetingId }),
    // The identified facts name the identifiers to scrub from free text; the others are the ones printed (the same
    // read when the minutes are not de-identified).
    identified: useRead('decisions:recordFacts', { meetingId }),
    facts: useRead('decisions:recordFacts', deidentified ? { meetingId, deidentified: true } : { meetingId }),
  };
  return (
    <PrintPage reads={reads} className="print-doc print-doc--minutes" pageRules={PAGE_RULES.a4}>
      {({ meeting, decisions, identified, facts }) => (
        <Minutes
          meeting={meeting}
          deidentified={deidentified}
          facts={new Map(facts.map((f) => [f.itemId, f]))}
          decisions={new Map(decisions.map((d) => [d.itemId, d]))}
          scrub={
            deidentified
              ? identifierScrubber(identified.flatMap((f) => (f.identifiers ? [f.identifiers] : [])))
              : (s: string) => s
          }
        />
      )}
    </PrintPage>
  );
}

function Minutes({
  meeting,
  deidentified,
  facts,
  decisions,
  scrub,
}: {
  meeting: MeetingDetail;
  deidentified: boolean;
  facts: Map<number, CaseRecordFacts>;
  decisions: Map<number, DecisionView>;
  scrub: Scrub;
}) {
  // Who came: every name recorded for a core specialty on any case of the meeting.
  const attended = CORE_SPECIALTIES.map((s) => {
    const names = new Set<string>();
    let present = false;
    for (const d of decisions.values()) {
      if (d.current.attendance[s].present) present = true;
      d.current.attendance[s].people.forEach((p) => names.add('guest' in p ? `${p.name} (guest)` : p.name));
    }
    return { s, present, names: [...names] };
  });
  return (
    <>
      <DocHeader kind="Minutes" meeting={meeting} deidentified={deidentified} />
      <h1 className="doc-title">Minutes: {meeting.title}</h1>
      <dl className="doc-facts">
        <Fact label="Chair">{meeting.chair}</Fact>
        <Fact label="Coordinator">{meeting.coordinator}</Fact>
        <Fact label="Cases">
          {meeting.items.length} on the agenda · {meeting.items.filter((i) => i.state === 'discussed').length} discussed
          · {meeting.items.filter((i) => i.state === 'deferred').length} deferred ·{' '}
          {meeting.items.filter((i) => i.state === 'not-discussed').length} not discussed
        </Fact>
        <Fact label="Attendance">
          {attended.map((a) => (
            <div key={a.s}>
              <strong>{CORE_SPECIALTY_LABEL[a.s]}:</strong> {a.present ? a.names.join(', ') || 'present' : 'absent'}
            </div>
          ))}
        </Fact>
      </dl>

      <h2 className="doc-h2">Summary</h2>
      <table className="doc-table doc-table--summary">
        <thead>
          <tr>
            <th>#</th>
            <th>Patient</th>
            <th>Outcome</th>
            <th>Recommendation</th>
            <th>Intent</th>
          </tr>
        </thead>
        <tbody>
          {meeting.items.map((item) => {
            const d = decisions.get(item.id);
            const v = d && d.status !== 'none' ? d.current : null;
            const f = facts.get(item.id);
            return (
              <tr key={item.id}>
                <td>{item.number}</td>
                <td>
                  {deidentified ? `Case ${item.number}` : item.case.patientName}{' '}
                  <span className="doc-muted">{f?.ageSex}</span>
                </td>
                <td>
                  {v?.outcome ? (v.outcome === 'discussed' ? 'Discussed' : 'Deferred') : AGENDA_STATE_LABEL[item.state]}
                </td>
                <td>
                  {v
                    ? v.recommendation.options.map((o) => PLAN_OPTION_LABEL[o]).join(' + ') ||
                      scrub(v.recommendation.text).slice(0, 80) ||
                      '–'
                    : '–'}
                </td>
                <td>{v?.intent ? TREATMENT_INTENT_LABEL[v.intent] : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {meeting.items.map((item) => {
        const f = facts.get(item.id);
        return (
          <section key={item.id} className="doc-section doc-section--case">
            <h2 className="doc-h2">
              {item.number}. {deidentified ? `Case ${item.number}` : item.case.patientName}
              <span className="doc-muted">
                {' '}
                · {f?.ageSex}
                {!deidentified && ` · MRN ${item.case.mrn}`} · {clock(item.plannedStart)} ·{' '}
                {item.presenter || 'no presenter'}
              </span>
            </h2>
            <p className="doc-dx">
              {f?.diagnosis}
              {f?.staging && <span className="doc-muted"> · {f.staging}</span>}
            </p>
            {f?.question && (
              <p className="doc-question">
                <strong>Question:</strong> {f.question}
              </p>
            )}
            {item.state === 'not-discussed' && !decisions.get(item.id)?.current.outcome && (
              <p className="doc-draft">Not discussed at this meeting.</p>
            )}
            <OutcomeBlock decision={decisions.get(item.id)} scrub={scrub} headingLevel={3} />
          </section>
        );
      })}
      <footer className="doc-foot">Printed {dayMonthYear(localIsoDate())} from BoardPrep.</footer>
    </>
  );
}
