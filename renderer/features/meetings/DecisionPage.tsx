import { ageSexShort } from '../../../shared/deck/format';
import type { PlanOption } from '../../../shared/domain/clinical';
import { call } from '../../api';
import { hrefFor } from '../../router';
import { useAsync } from '../../useAsync';
import { ReadinessChip } from '../clinical/ReadinessChip';
import { OutcomeExport } from '../exports/MeetingExports';
import { DecisionForm, type ProposedPlan } from './DecisionForm';
import { EarlierAtBoard } from './EarlierAtBoard';
import '../../styles/meetings.css';
import { Banner } from '../../components/Banner';

/** The proposed plan of a case deck (the plan slide), offered as the starting recommendation. */
export function proposedFromSlides(
  slides: readonly { kind: string; text: Record<string, string>; content: unknown }[],
): ProposedPlan | undefined {
  const plan = slides.find((s) => s.kind === 'plan');
  if (!plan) return undefined;
  const options = (plan.content as { options: { id: PlanOption }[] }).options.map((o) => o.id);
  return { options, text: plan.text.proposal ?? '' };
}

/** One case's decision, from the agenda: who was there, what was recommended, and what happens next. */
export function DecisionPage({ meetingId, itemId }: { meetingId: number; itemId: number }) {
  const { value: meeting, error } = useAsync(() => call('meetings:get', { id: meetingId }), [meetingId]);
  const { value: deck } = useAsync(() => call('deck:case', { itemId }), [itemId]);
  if (error) return <Banner message={{ kind: 'error', text: error }} />;
  if (!meeting) return <div className="loading">Loading...</div>;
  const index = meeting.items.findIndex((i) => i.id === itemId);
  const item = meeting.items[index];
  if (!item) return <Banner message={{ kind: 'error', text: `This case is not on the agenda of ${meeting.title}.` }} />;
  const prev = meeting.items[index - 1];
  const next = meeting.items[index + 1];
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
          <a className="small" href={hrefFor({ name: 'print', doc: 'outcome', id: itemId, deidentified: false })}>
            Outcome summary (print)
          </a>
        </div>
      </header>
      <OutcomeExport agendaItemId={itemId} />
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
