import { localIsoDate } from '../../../shared/dates';
import { identifierScrubber } from '../../../shared/deck/deidentify';
import type { DecisionView, MeetingDetail } from '../../../shared/domain/meeting';
import type { CaseRecordFacts } from '../../../shared/domain/record-facts';
import { useRead } from '../../data/hooks';
import { dayMonthYear } from '../../slides/frame';
import { DocHeader } from './DocHeader';
import { Fact } from './Fact';
import { OutcomeBlock, type Scrub } from './OutcomeBlock';
import { PrintPage } from './PrintPage';
import { PAGE_RULES } from './print-ready';

/**
 * One case's outcome letter for the referrer and the GP (A4 portrait), written from the case record and the
 * decision (decisions:recordFacts), never from the slides: a presenter's slide wording does not reach the letter.
 * Only for a decided case (issue 14): while the decision is not signed off the page says so and prints no letter.
 */
export function PrintOutcome({ itemId, deidentified, to }: { itemId: number; deidentified: boolean; to?: string }) {
  const decision = useRead('decisions:get', { itemId });
  // The meeting is known from the decision, so the rest is asked once the decision has answered.
  const meetingId = decision.data?.meetingId ?? 0;
  const enabled = { enabled: decision.isSuccess };
  const reads = {
    decision,
    meeting: useRead('meetings:get', { id: meetingId }, enabled),
    // The identified facts name the identifiers to scrub from free text; the others are the ones printed (the same
    // read when the letter is not de-identified).
    identified: useRead('decisions:recordFacts', { meetingId, itemId }, enabled),
    facts: useRead(
      'decisions:recordFacts',
      deidentified ? { meetingId, itemId, deidentified: true } : { meetingId, itemId },
      enabled,
    ),
  };
  return (
    <PrintPage reads={reads} className="print-doc" pageRules={PAGE_RULES.a4}>
      {(data) => (
        <Outcome
          itemId={itemId}
          facts={data.facts[0]}
          decision={data.decision}
          meeting={data.meeting}
          to={deidentified ? undefined : to}
          scrub={
            deidentified && data.identified[0]?.identifiers
              ? identifierScrubber([data.identified[0].identifiers])
              : (s: string) => s
          }
        />
      )}
    </PrintPage>
  );
}

function Outcome({
  itemId,
  facts,
  decision,
  meeting,
  to,
  scrub,
}: {
  itemId: number;
  facts: CaseRecordFacts | undefined;
  decision: DecisionView;
  meeting: MeetingDetail;
  /** Whom this copy is for (the letter register records the same); a de-identified copy names nobody. */
  to?: string;
  scrub: Scrub;
}) {
  const item = meeting.items.find((i) => i.id === itemId);
  const p = facts?.patient;
  if (decision.status !== 'signed') {
    return (
      <>
        <DocHeader
          kind="Outcome of the board discussion"
          meeting={meeting}
          deidentified={facts?.deidentified ?? false}
        />
        <p className="doc-empty" role="alert" data-testid="outcome-refused">
          No outcome letter for {facts?.label ?? 'this case'}:{' '}
          {decision.status === 'none' ? 'the board has recorded no decision' : 'the decision is not signed off yet'}. A
          letter is written once the decision is signed off.
        </p>
      </>
    );
  }
  return (
    <>
      <DocHeader kind="Outcome of the board discussion" meeting={meeting} deidentified={facts?.deidentified ?? false} />
      <section className="doc-case" data-testid="outcome-case">
        <h1>
          {facts?.label}
          {facts && <span className="doc-case__age">, {facts.ageSex}</span>}
        </h1>
        <dl className="doc-facts doc-facts--ids">
          {to && <Fact label="For">{to}</Fact>}
          <Fact label="Patient">{p && `MRN ${p.mrn} · born ${dayMonthYear(p.dateOfBirth)} · ${p.sexLabel}`}</Fact>
          <Fact label="Diagnosis">{facts?.diagnosis}</Fact>
          <Fact label="Histotype">{facts?.histotype || 'Not stated in a pathology report'}</Fact>
          {facts?.grade && <Fact label="Grade">{facts.grade}</Fact>}
          {facts?.staging !== null && (
            <Fact label="Stage">{facts?.stageGroup ? `Stage ${facts.stageGroup}` : 'No stage group'}</Fact>
          )}
          <Fact label="Site">{facts?.site}</Fact>
          <Fact label="Pathology">{facts?.pathology.join('; ')}</Fact>
          <Fact label="Staging">{facts?.staging}</Fact>
          <Fact label="Referred by">{facts?.referringHospital}</Fact>
          <Fact label="Consultant">{facts?.consultant}</Fact>
          <Fact label="Question">{facts?.question}</Fact>
          <Fact label="On the agenda">
            {item &&
              `Case ${item.number} of ${meeting.items.length}${item.presenter ? `, presented by ${item.presenter}` : ''}`}
          </Fact>
        </dl>
      </section>
      <section className="doc-section">
        <h2 className="doc-h2">Outcome</h2>
        <OutcomeBlock decision={decision} scrub={scrub} headingLevel={3} />
      </section>
      <footer className="doc-foot">
        {meeting.chair ? `Chair: ${meeting.chair}. ` : ''}
        {meeting.coordinator ? `Coordinator: ${meeting.coordinator}. ` : ''}
        Printed {dayMonthYear(localIsoDate())} from BoardPrep.
      </footer>
    </>
  );
}
