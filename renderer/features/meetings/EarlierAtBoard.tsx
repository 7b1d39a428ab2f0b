import { TREATMENT_INTENT_LABEL, type AgendaHistoryEntry } from '../../../shared/domain/meeting';
import { hrefFor } from '../../router';
import { clock, shortDate } from '../../slides/frame';
import { dayMonthYear } from '../../../shared/dates';
import { recommendationText } from './decision-draft';
import { stateLabel } from './meeting-format';

/** Why the case was deferred (or not discussed) there, in words. */
export function historyWhy(h: AgendaHistoryEntry): string {
  const why = h.deferredReason || h.decision?.outcomeReason || '';
  if (why) return why;
  return h.state === 'not-discussed' ? 'Not reached at that meeting; no reason recorded.' : '';
}

/**
 * The earlier meetings of a carried-over case, oldest first: when, what happened (deferred or not discussed, and
 * why), what the board recommended, and the actions it set with who and by when. Used on the decision page and
 * in the agenda row's disclosure, so the history is readable without hovering.
 */
export function EarlierAtBoard({
  history,
  headingLevel = 2,
  id,
}: {
  history: readonly AgendaHistoryEntry[];
  headingLevel?: 2 | 3;
  id?: string;
}) {
  if (history.length === 0) return null;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section
      className="earlier"
      aria-labelledby={id ? `${id}-h` : undefined}
      aria-label={id ? undefined : 'Earlier at the board'}
      data-testid="earlier-at-board"
      id={id}
    >
      <H className="earlier__h" id={id ? `${id}-h` : undefined}>
        Earlier at the board
      </H>
      <ol className="earlier__list">
        {history.map((h) => {
          const d = h.decision;
          const hasRecommendation = d && (d.recommendation.options.length > 0 || d.recommendation.text !== '');
          return (
            <li key={h.itemId} className={`earlier__entry earlier__entry--${h.state}`}>
              <div className="earlier__when">
                <a href={hrefFor({ name: 'decision', meetingId: h.meetingId, itemId: h.itemId })}>
                  {shortDate(h.startsAt)}, {clock(h.startsAt)}
                </a>{' '}
                <span className="muted">· {h.meetingTitle}</span>
              </div>
              <div className="earlier__outcome">
                <span className={`mchip mchip--${h.state}`}>{stateLabel(h.state)}</span>{' '}
                <span className="earlier__why">{historyWhy(h)}</span>
              </div>
              {d ? (
                <dl className="earlier__facts">
                  {hasRecommendation && (
                    <div>
                      <dt>Recommendation</dt>
                      <dd>
                        {recommendationText(d.recommendation)}
                        {d.intent && <span className="muted"> · {TREATMENT_INTENT_LABEL[d.intent]} intent</span>}
                      </dd>
                    </div>
                  )}
                  <div>
                    <dt>Actions</dt>
                    <dd>
                      {d.actions.length === 0 ? (
                        <span className="muted">None set</span>
                      ) : (
                        <ul className="earlier__actions">
                          {d.actions.map((a, i) => (
                            <li key={i}>
                              {a.what}{' '}
                              <span className="earlier__who">
                                — {a.who}
                                {a.byWhen ? `, by ${dayMonthYear(a.byWhen)}` : ''}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </div>
                  <div>
                    <dt>Record</dt>
                    <dd className="muted">
                      {d.status === 'signed'
                        ? `Signed off${d.signedOffBy ? ` by ${d.signedOffBy}` : ''}`
                        : 'Draft, never signed off'}
                    </dd>
                  </div>
                </dl>
              ) : (
                <p className="muted small earlier__none">No decision was recorded at that meeting.</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
