import { ageSexShort } from '../../../shared/deck/format';
import { hrefFor } from '../../router';
import { useRead } from '../../data/hooks';
import { useCan } from '../../auth/useCan';
import { ReadinessChip } from '../clinical/ReadinessChip';
import { OutcomeExport } from '../exports/MeetingExports';
import { proposedFromSlides } from './decision-edits';
import { DecisionForm } from './DecisionForm';
import { EarlierAtBoard } from './EarlierAtBoard';
import '../../styles/meetings.css';
import { Banner } from '../../components/Banner';

/** One case's decision, from the agenda: who was there, what was recommended, and what happens next. */
export function DecisionPage({ meetingId, itemId }: { meetingId: number; itemId: number }) {
  const { data: meeting, error } = useRead('meetings:get', { id: meetingId });
  const { data: deck } = useRead('deck:case', { itemId });
  const canProduceLetters = useCan('letters.produce');
  if (!meeting)
    return error ? (
      <Banner message={{ kind: 'error', text: error.message }} />
    ) : (
      <div className="loading">Loading...</div>
    );
  const index = meeting.items.findIndex((i) => i.id === itemId);
  const item = meeting.items[index];
  if (!item) return <Banner message={{ kind: 'error', text: `This case is not on the agenda of ${meeting.title}.` }} />;
  const prev = meeting.items[index - 1];
  const next = meeting.items[index + 1];
  // Outcome letters are for decided cases only (issue 14): no letter is offered before sign-off.
  const signed = item.decision.status === 'signed';
  const question = deck?.slides.find((s) => s.kind === 'title')?.text.question;
  return (
    <article className="meeting-page decision-page">
      <a className="back-link" href={hrefFor({ name: 'meeting', id: meetingId, tab: 'agenda' })}>
        ← {meeting.title}, agenda
      </a>
      <header className="decision-head">
        <div className="decision-head__num" aria-hidden="true">
          {item.number}
        </div>
        <div className="decision-head__main">
          <h1>
            Decision: {item.case.patientName}{' '}
            <span className="muted">
              · {ageSexShort(item.case.ageAtMeeting, item.case.sex)} · MRN {item.case.mrn}
            </span>
          </h1>
          <div className="decision-head__dx">{item.case.workingDiagnosis}</div>
          {question && (
            <p className="decision-head__q">
              <strong>Question:</strong> {question}
            </p>
          )}
        </div>
        <div className="decision-head__side">
          <ReadinessChip
            missing={item.readiness.missing}
            pending={item.readiness.pending}
            stale={item.readiness.stale}
            meetingDate={meeting.startsAt.slice(0, 10)}
          />
          <nav className="decision-head__nav" aria-label="Other cases">
            {prev && (
              <a href={hrefFor({ name: 'decision', meetingId, itemId: prev.id })} title={prev.case.patientName}>
                ← Case {prev.number}
              </a>
            )}
            {next && (
              <a href={hrefFor({ name: 'decision', meetingId, itemId: next.id })} title={next.case.patientName}>
                Case {next.number} →
              </a>
            )}
          </nav>
          {signed && (
            <a className="small" href={hrefFor({ name: 'print', doc: 'outcome', id: itemId, deidentified: false })}>
              Outcome summary (print)
            </a>
          )}
        </div>
      </header>
      {signed ? (
        canProduceLetters && <OutcomeExport agendaItemId={itemId} patientName={item.case.patientName} />
      ) : (
        <p className="muted small" data-testid="no-letter">
          The outcome letter can be produced once the decision is signed off.
        </p>
      )}
      <EarlierAtBoard history={item.history} id={`earlier-${itemId}`} />
      <DecisionForm
        key={itemId}
        itemId={itemId}
        meetingId={meetingId}
        proposed={deck ? proposedFromSlides(deck.slides) : undefined}
      />
    </article>
  );
}
