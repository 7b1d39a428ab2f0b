import { CASE_STATUS_LABEL, EPISODE_KIND_LABEL } from '../../../shared/domain/case';
import type { EpisodeWithOutcomes } from '../../../shared/domain/episode';
import { clockTime, dateTime, shortDate } from '../../../shared/dates';
import { TREATMENT_INTENT_LABEL, type AgendaHistoryEntry } from '../../../shared/domain/meeting';
import { Banner } from '../../components/Banner';
import { useRead } from '../../data/hooks';
import { hrefFor } from '../../router';
import { recommendationText } from '../meetings/decision-draft';
import { historyWhy } from '../meetings/EarlierAtBoard';
import { stateLabel } from '../meetings/meeting-format';

/** One meeting of another episode: when, what happened and why, and what the board recommended. */
function MeetingOutcome({ h }: { h: AgendaHistoryEntry }) {
  const d = h.decision;
  const recommended = d && (d.recommendation.options.length > 0 || d.recommendation.text !== '');
  return (
    <li className={`earlier__entry earlier__entry--${h.state}`}>
      <div className="earlier__when">
        <a href={hrefFor({ name: 'decision', meetingId: h.meetingId, itemId: h.itemId })}>
          {shortDate(h.startsAt)}, {clockTime(h.startsAt)}
        </a>{' '}
        <span className="muted">· {h.meetingTitle}</span>
      </div>
      <div className="earlier__outcome">
        <span className={`mchip mchip--${h.state}`}>{stateLabel(h.state)}</span>{' '}
        <span className="earlier__why">{historyWhy(h)}</span>
      </div>
      {d ? (
        <div className="small">
          {recommended && (
            <div>
              <strong>Recommendation:</strong> {recommendationText(d.recommendation)}
              {d.intent && <span className="muted"> · {TREATMENT_INTENT_LABEL[d.intent]} intent</span>}
            </div>
          )}
          <div className="muted">
            {d.status === 'signed'
              ? `Signed off${d.signedOffBy ? ` by ${d.signedOffBy}` : ''}${d.signedOffAt ? `, ${dateTime(d.signedOffAt)}` : ''}`
              : 'Draft, never signed off'}
          </div>
        </div>
      ) : (
        <p className="muted small earlier__none">No decision was recorded at that meeting.</p>
      )}
    </li>
  );
}

function Episode({ e, current }: { e: EpisodeWithOutcomes; current: number }) {
  return (
    <li className="episodes__item">
      <div>
        <a href={hrefFor({ name: 'case', id: e.caseId, tab: 'record' })}>
          Episode {e.number}: {EPISODE_KIND_LABEL[e.episodeKind]}
        </a>{' '}
        <span className="muted small">
          {e.number < current ? 'earlier' : 'later'} · case {e.caseId} · created {dateTime(e.createdAt)} ·{' '}
          {CASE_STATUS_LABEL[e.status]}
        </span>
      </div>
      <div className="small">{e.workingDiagnosis}</div>
      {e.meetings.length === 0 ? (
        <p className="muted small">Not yet on a board meeting.</p>
      ) : (
        <ol className="earlier__list" aria-label={`Board outcomes of episode ${e.number}`}>
          {e.meetings.map((h) => (
            <MeetingOutcome key={h.itemId} h={h} />
          ))}
        </ol>
      )}
    </li>
  );
}

/**
 * The patient's other episodes (issue 13): each with its kind, when it was created, its working diagnosis and
 * status, and what the board made of it at each meeting, linked to the case and the decision. Nothing for a
 * patient with one case.
 */
export function EpisodesPanel({ caseId }: { caseId: number }) {
  const { data, error } = useRead('cases:episodes', { caseId });
  if (error) return <Banner message={{ kind: 'error', text: `The patient's other episodes: ${error.message}` }} />;
  if (!data || data.others.length === 0) return null;
  const earlier = data.others.filter((e) => e.number < data.number).length;
  return (
    <section className="episodes" aria-labelledby="episodes-h" data-testid="episodes-panel">
      <h2 className="episodes__h" id="episodes-h">
        Other episodes of this patient{' '}
        <span className="muted small">
          ({earlier} earlier, {data.others.length - earlier} later)
        </span>
      </h2>
      <ol className="episodes__list">
        {data.others.map((e) => (
          <Episode key={e.caseId} e={e} current={data.number} />
        ))}
      </ol>
    </section>
  );
}
