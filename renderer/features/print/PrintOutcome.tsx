import { localIsoDate } from '../../../shared/dates';
import { identifierScrubber } from '../../../shared/deck/deidentify';
import { ageSexWords } from '../../../shared/deck/format';
import type { CaseDeck, SlideOf } from '../../../shared/deck/model';
import type { DecisionView, MeetingDetail } from '../../../shared/domain/meeting';
import { useRead } from '../../data/hooks';
import { dayMonthYear } from '../../slides/frame';
import { DocHeader } from './DocHeader';
import { Fact } from './Fact';
import { OutcomeBlock, type Scrub } from './OutcomeBlock';
import { PrintPage } from './PrintPage';
import { PAGE_RULES } from './print-ready';

/** One case's outcome summary for the referrer and the GP (A4 portrait). */
export function PrintOutcome({ itemId, deidentified }: { itemId: number; deidentified: boolean }) {
  const identified = useRead('deck:case', { itemId });
  const decision = useRead('decisions:get', { itemId });
  const reads = {
    // The identified deck names the identifiers to scrub from free text; the other is the one printed (the same
    // read when the letter is not de-identified).
    identified,
    deck: useRead('deck:case', deidentified ? { itemId, deidentified: true } : { itemId }),
    decision,
    // The meeting is known from the decision, so it is asked once the decision has answered.
    meeting: useRead('meetings:get', { id: decision.data?.meetingId ?? 0 }, { enabled: decision.isSuccess }),
  };
  return (
    <PrintPage reads={reads} className="print-doc" pageRules={PAGE_RULES.a4}>
      {(data) => (
        <Outcome
          itemId={itemId}
          deck={data.deck}
          decision={data.decision}
          meeting={data.meeting}
          scrub={
            deidentified && data.identified.identifiers
              ? identifierScrubber([data.identified.identifiers])
              : (s: string) => s
          }
        />
      )}
    </PrintPage>
  );
}

function Outcome({
  itemId,
  deck,
  decision,
  meeting,
  scrub,
}: {
  itemId: number;
  deck: CaseDeck;
  decision: DecisionView;
  meeting: MeetingDetail;
  scrub: Scrub;
}) {
  const title = deck.slides.find((s): s is SlideOf<'title'> => s.kind === 'title');
  const item = meeting.items.find((i) => i.id === itemId);
  const p = title?.content.patient;
  return (
    <>
      <DocHeader kind="Outcome of the board discussion" meeting={meeting} deidentified={deck.deidentified} />
      <section className="doc-case">
        <h1>
          {deck.deidentified ? `Case ${deck.number ?? ''}`.trim() : deck.label}
          {p && <span className="doc-case__age">, {ageSexWords(p.age, p.sex)}</span>}
        </h1>
        <dl className="doc-facts doc-facts--ids">
          <Fact label="Patient">
            {!deck.deidentified && p && `MRN ${p.mrn} · born ${dayMonthYear(p.dateOfBirth)} · ${p.sexLabel}`}
          </Fact>
          <Fact label="Diagnosis">{title?.text.diagnosis ?? scrub(item?.case.workingDiagnosis ?? '')}</Fact>
          <Fact label="Site">{title?.text.site}</Fact>
          <Fact label="Referred by">{title?.content.referringHospital}</Fact>
          <Fact label="Consultant">{title?.content.consultant}</Fact>
          <Fact label="Question">{title?.text.question}</Fact>
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
