import { boardTypeLabel, MEETING_STATUS_LABEL, type MeetingSummary } from '../../../shared/domain/meeting';
import { hrefFor } from '../../router';
import { useRead } from '../../data/hooks';
import { meetingWhen, minutesText } from './meeting-format';
import { clockTime, monthShort, shortDate } from '../../../shared/dates';
import { Banner } from '../../components/Banner';

function MeetingRow({ m }: { m: MeetingSummary }) {
  const over = m.minutesLeft < 0;
  return (
    <li>
      <a className="meeting-card" href={hrefFor({ name: 'meeting', id: m.id, tab: 'agenda' })}>
        <div className="meeting-card__date" aria-hidden="true">
          <span className="meeting-card__day">{Number(m.startsAt.slice(8, 10))}</span>
          <span className="meeting-card__month">{monthShort(m.startsAt)}</span>
        </div>
        <div className="meeting-card__main">
          <div className="meeting-card__title">
            {m.title}
            <span className={`mpill mpill--${m.status}`}>{MEETING_STATUS_LABEL[m.status]}</span>
          </div>
          <div className="meeting-card__meta">
            {meetingWhen(m)} · {boardTypeLabel(m.boardType)} board{m.place ? ` · ${m.place}` : ''}
            {m.submissionCutoff ? ` · cut-off ${shortDate(m.submissionCutoff)}, ${clockTime(m.submissionCutoff)}` : ''}
          </div>
        </div>
        <div className="meeting-card__side">
          <div className="meeting-card__cases">
            {m.caseCount} case{m.caseCount === 1 ? '' : 's'}
          </div>
          <div className={`meeting-card__minutes${over ? ' is-over' : ''}`}>{minutesText(m)}</div>
          {m.awaitingCarryOver > 0 && <div className="meeting-card__carry">{m.awaitingCarryOver} to carry over</div>}
        </div>
      </a>
    </li>
  );
}

function MeetingSection({
  id,
  title,
  meetings,
  empty,
}: {
  id: string;
  title: string;
  meetings: MeetingSummary[];
  empty: string;
}) {
  return (
    <section aria-labelledby={`meetings-${id}`}>
      <h2 id={`meetings-${id}`} className="meetings__heading">
        {title}
      </h2>
      {meetings.length ? (
        <ul className="meeting-list" aria-label={`${title} meetings`}>
          {meetings.map((m) => (
            <MeetingRow key={m.id} m={m} />
          ))}
        </ul>
      ) : (
        <p className="clin-empty">{empty}</p>
      )}
    </section>
  );
}

/** Upcoming meetings (soonest first) and past ones (most recent first). */
export function MeetingList() {
  const { data: value, error } = useRead('meetings:list', {});
  return (
    <div className="meetings">
      <div className="meetings__bar">
        <div>
          <h1>Meetings</h1>
          <p className="muted">Board meetings: the agenda, the slides, the decisions.</p>
        </div>
        <a className="button button--primary" href={hrefFor({ name: 'new-meeting' })}>
          New meeting
        </a>
      </div>
      {error && <Banner message={{ kind: 'error', text: error.message }} />}
      {value && (
        <>
          <MeetingSection
            id="upcoming"
            title="Upcoming"
            meetings={value.upcoming}
            empty="No meeting scheduled. Create one to start an agenda."
          />
          <MeetingSection id="past" title="Past" meetings={value.past} empty="No past meetings yet." />
        </>
      )}
    </div>
  );
}
