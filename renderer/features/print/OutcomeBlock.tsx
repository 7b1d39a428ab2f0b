import { PLAN_OPTION_LABEL } from '../../../shared/domain/clinical';
import {
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  peopleText,
  quorumOf,
  TREATMENT_INTENT_LABEL,
  type DecisionValue,
  type DecisionView,
} from '../../../shared/domain/meeting';
import { ActionsTable } from '../meetings/ActionsTable';
import { dateTime } from '../../../shared/dates';
import { FIELD_LABEL, fieldText } from '../meetings/decision-draft';
import { signOffText } from '../../../shared/domain/sign-off-text';

/** Scrubs identifiers out of free text (identity when the document is not de-identified). */
export type Scrub = (text: string) => string;

/**
 * One case's outcome as it is handed out: the outcome (discussed or deferred, and why), the recommendation, the
 * intent, the actions with who and by when, the discussion, the attendance with the quorum flag, and the sign-off
 * with every amendment (who, when, why, what changed).
 */
export function OutcomeBlock({
  decision,
  scrub,
  headingLevel = 2,
}: {
  decision: DecisionView | undefined;
  scrub: Scrub;
  headingLevel?: 2 | 3;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (!decision || decision.status === 'none') {
    return <p className="doc-empty">No decision recorded for this case.</p>;
  }
  const v: DecisionValue = decision.current;
  const quorum = quorumOf(v.attendance);
  return (
    <div className="doc-outcome">
      {decision.status !== 'signed' && (
        <p className="doc-draft">Draft: not signed off. This record may still change.</p>
      )}
      <dl className="doc-facts">
        <div>
          <dt>Outcome</dt>
          <dd>
            <strong>
              {v.outcome === 'discussed' ? 'Discussed' : v.outcome === 'deferred' ? 'Deferred' : 'Not recorded'}
            </strong>
            {v.outcomeReason && <> · {scrub(v.outcomeReason)}</>}
          </dd>
        </div>
        <div>
          <dt>Recommendation</dt>
          <dd>
            {v.recommendation.options.length > 0 && (
              <strong>{v.recommendation.options.map((o) => PLAN_OPTION_LABEL[o]).join(' + ')}</strong>
            )}
            {v.recommendation.options.length > 0 && v.recommendation.text && <br />}
            {v.recommendation.text
              ? scrub(v.recommendation.text)
              : v.recommendation.options.length === 0 && 'None recorded'}
          </dd>
        </div>
        <div>
          <dt>Treatment intent</dt>
          <dd>{v.intent ? TREATMENT_INTENT_LABEL[v.intent] : 'Not recorded'}</dd>
        </div>
      </dl>

      <H className="doc-sub">Actions</H>
      {v.actions.length ? (
        <ActionsTable actions={v.actions} className="doc-table" dateClassName="doc-nowrap" what={scrub} noDate="–" />
      ) : (
        <p className="doc-empty">No actions.</p>
      )}

      {v.notes && (
        <>
          <H className="doc-sub">Discussion</H>
          <p className="doc-prose">{scrub(v.notes)}</p>
        </>
      )}

      <H className="doc-sub">
        Attendance{' '}
        <span className={`doc-quorum doc-quorum--${quorum.met ? 'met' : 'not-met'}`}>
          {quorum.met ? 'Quorum' : 'No quorum'}
        </span>
      </H>
      <table className="doc-table doc-table--attendance">
        <tbody>
          {CORE_SPECIALTIES.map((s) => (
            <tr key={s}>
              <th>{CORE_SPECIALTY_LABEL[s]}</th>
              <td>
                {v.attendance[s].present
                  ? `Present${v.attendance[s].people.length ? `: ${peopleText(v.attendance[s].people)}` : ''}`
                  : 'Absent'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {decision.signOff && (
        <p className="doc-signoff" data-testid="sign-off-line">
          {scrub(signOffText(decision.signOff))}
        </p>
      )}
      {decision.amendments.length > 0 && (
        <div className="doc-amendments">
          <H className="doc-sub">Amendments after sign-off</H>
          {decision.amendments.map((a) => (
            <div key={a.id} className="doc-amendment">
              <p>
                <strong>{dateTime(a.at)}</strong>, by {a.by}. Why: {scrub(a.why)}
              </p>
              <ul>
                {(Object.keys(a.after) as (keyof DecisionValue)[]).map((f) => (
                  <li key={f}>
                    {FIELD_LABEL[f]}: was “{scrub(fieldText(f, a.before[f] as never))}”, now “
                    {scrub(fieldText(f, a.after[f] as never))}”
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
