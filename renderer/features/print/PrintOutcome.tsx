import { localIsoDate } from '../../../shared/dates';
import { useEffect, useRef, useState } from 'react';
import { identifierScrubber } from '../../../shared/deck/deidentify';
import { ageSexWords } from '../../../shared/deck/format';
import type { CaseDeck, SlideOf } from '../../../shared/deck/model';
import type { DecisionView, MeetingDetail } from '../../../shared/domain/meeting';
import { call } from '../../api';
import { clock, dayMonthYear, longDate } from '../../slides/frame';
import { OutcomeBlock, type Scrub } from './OutcomeBlock';
import { PrintError } from './PrintArea';
import { PAGE_RULES, usePrintReady } from './print-ready';

interface Data {
  deck: CaseDeck;
  decision: DecisionView;
  meeting: MeetingDetail;
  scrub: Scrub;
}

/** Loads what an outcome letter needs: the case deck (de-identified when asked), the decision and the meeting. */
async function loadOutcome(itemId: number, deidentified: boolean): Promise<Data> {
  const [identified, decision] = await Promise.all([call('deck:case', { itemId }), call('decisions:get', { itemId })]);
  const [deck, meeting] = await Promise.all([
    deidentified ? call('deck:case', { itemId, deidentified: true }) : Promise.resolve(identified),
    call('meetings:get', { id: decision.meetingId }),
  ]);
  const scrub =
    deidentified && identified.identifiers ? identifierScrubber([identified.identifiers]) : (s: string) => s;
  return { deck, decision, meeting, scrub };
}

/** The header every printed document shares: the board, the document, and the de-identified mark. */
export function DocHeader({
  kind,
  meeting,
  deidentified,
}: {
  kind: string;
  meeting: MeetingDetail;
  deidentified: boolean;
}) {
  return (
    <header className="doc-head">
      <div className="doc-brand">
        <span className="doc-brand__mark">B</span>
        <span>
          <strong>{meeting.title}</strong>
          <br />
          {longDate(meeting.startsAt)}, {clock(meeting.startsAt)}–{clock(meeting.endsAt)}
          {meeting.place ? ` · ${meeting.place}` : ''}
        </span>
      </div>
      <div className="doc-kind">
        {kind}
        {deidentified && <span className="doc-deid">De-identified</span>}
      </div>
    </header>
  );
}

/** One case's outcome summary for the referrer and the GP (A4 portrait). */
export function PrintOutcome({ itemId, deidentified }: { itemId: number; deidentified: boolean }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    loadOutcome(itemId, deidentified).then(setData, (e: Error) => setError(e.message));
  }, [itemId, deidentified]);
  usePrintReady(Boolean(data) || Boolean(error), root);
  if (error) return <PrintError message={error} />;
  if (!data) return <div ref={root} className="print-doc" />;
  const { deck, decision, meeting, scrub } = data;
  const title = deck.slides.find((s): s is SlideOf<'title'> => s.kind === 'title');
  const item = meeting.items.find((i) => i.id === itemId);
  const p = title?.content.patient;
  return (
    <div ref={root} className="print-doc">
      <style>{PAGE_RULES.a4}</style>
      <DocHeader kind="Outcome of the board discussion" meeting={meeting} deidentified={deck.deidentified} />
      <section className="doc-case">
        <h1>
          {deck.deidentified ? `Case ${deck.number ?? ''}`.trim() : deck.label}
          {p && <span className="doc-case__age">, {ageSexWords(p.age, p.sex)}</span>}
        </h1>
        <dl className="doc-facts doc-facts--ids">
          {!deck.deidentified && p && (
            <div>
              <dt>Patient</dt>
              <dd>
                MRN {p.mrn} · born {dayMonthYear(p.dateOfBirth)} · {p.sexLabel}
              </dd>
            </div>
          )}
          <div>
            <dt>Diagnosis</dt>
            <dd>{title?.text.diagnosis ?? scrub(item?.case.workingDiagnosis ?? '')}</dd>
          </div>
          {title?.text.site && (
            <div>
              <dt>Site</dt>
              <dd>{title.text.site}</dd>
            </div>
          )}
          {title?.content.referringHospital && (
            <div>
              <dt>Referred by</dt>
              <dd>{title.content.referringHospital}</dd>
            </div>
          )}
          {title && (
            <div>
              <dt>Consultant</dt>
              <dd>{title.content.consultant}</dd>
            </div>
          )}
          {title?.text.question && (
            <div>
              <dt>Question</dt>
              <dd>{title.text.question}</dd>
            </div>
          )}
          {item && (
            <div>
              <dt>On the agenda</dt>
              <dd>
                Case {item.number} of {meeting.items.length}
                {item.presenter ? `, presented by ${item.presenter}` : ''}
              </dd>
            </div>
          )}
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
    </div>
  );
}
