import { Fragment } from 'react';
import { PLAN_OPTION_LABEL } from '../../../shared/domain/clinical';
import {
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  DECISION_FIELDS,
  peopleText,
  quorumOf,
  TREATMENT_INTENT_LABEL,
  type Attendance,
  type DecisionAction,
  type DecisionPatch,
  type DecisionValue,
  type SignOffRecord,
} from '../../../shared/domain/meeting';
import { signOffText } from '../../../shared/domain/sign-off-text';
import { ActionsTable } from './ActionsTable';
import { QuorumChip } from './AttendanceSection';
import { FIELD_LABEL, fieldText, OUTCOME_LABEL } from './decision-draft';
import { diffWords, elide } from './text-diff';

/**
 * A signed-off decision as a record to read: full names, dates as "26 Nov 2026", nothing greyed out; with the
 * sign-off (who, when, and the reason given when there was no quorum) when it is given.
 */
export function DecisionRecord({
  value,
  label = 'Signed-off decision',
  signOff,
}: {
  value: DecisionValue;
  label?: string;
  signOff?: SignOffRecord | null;
}) {
  const quorum = quorumOf(value.attendance);
  const present = CORE_SPECIALTIES.filter((s) => value.attendance[s].present);
  const absent = CORE_SPECIALTIES.filter((s) => !value.attendance[s].present);
  const r = value.recommendation;
  return (
    <div className="drecord" aria-label={label} role="group" data-testid="decision-record">
      {signOff && (
        <p className={`drecord__signoff${signOff.quorumMet ? '' : ' is-no-quorum'}`} data-testid="sign-off-line">
          {signOffText(signOff)}
        </p>
      )}
      <section className="drecord__sec">
        <h3>
          Attendance <QuorumChip quorum={quorum} />
        </h3>
        <dl className="drecord__att">
          {present.map((s) => (
            <div key={s}>
              <dt>{CORE_SPECIALTY_LABEL[s]}</dt>
              <dd>
                {value.attendance[s].people.length ? (
                  peopleText(value.attendance[s].people)
                ) : (
                  <span className="muted">Present (no name recorded)</span>
                )}
              </dd>
            </div>
          ))}
          {absent.length > 0 && (
            <div className="drecord__absent">
              <dt>Absent</dt>
              <dd>{absent.map((s) => CORE_SPECIALTY_LABEL[s]).join(', ')}</dd>
            </div>
          )}
        </dl>
      </section>
      <section className="drecord__sec">
        <h3>Recommendation</h3>
        {r.options.length > 0 && (
          <ul className="drecord__options" aria-label="Recommended options">
            {r.options.map((o) => (
              <li key={o} className="plan-option plan-option--on">
                {PLAN_OPTION_LABEL[o]}
              </li>
            ))}
          </ul>
        )}
        {r.text ? (
          <p className="drecord__text">{r.text}</p>
        ) : (
          r.options.length === 0 && <p className="muted">None recorded.</p>
        )}
        <p className="drecord__line">
          <strong>Treatment intent:</strong>{' '}
          {value.intent ? TREATMENT_INTENT_LABEL[value.intent] : <span className="muted">Not recorded</span>}
        </p>
      </section>
      <section className="drecord__sec">
        <h3>Actions</h3>
        {value.actions.length === 0 ? <p className="muted">No actions.</p> : <ActionsTable actions={value.actions} />}
      </section>
      <section className="drecord__sec">
        <h3>Discussion</h3>
        {value.notes ? <p className="drecord__text">{value.notes}</p> : <p className="muted">No notes.</p>}
        <p className="drecord__line">
          <strong>Outcome:</strong>{' '}
          {value.outcome ? OUTCOME_LABEL[value.outcome] : <span className="muted">Not recorded</span>}
          {value.outcomeReason && <> — {value.outcomeReason}</>}
        </p>
      </section>
    </div>
  );
}

/** A text change shown once, the removed words struck and the added ones marked. */
export function TextChange({ before, after }: { before: string; after: string }) {
  if (!before) return <ins className="dchange__ins">{after}</ins>;
  if (!after) return <del className="dchange__del">{before}</del>;
  return (
    <span className="dchange__text">
      {elide(diffWords(before, after)).map((p, i) =>
        p.kind === 'same' ? (
          <Fragment key={i}>{p.text}</Fragment>
        ) : p.kind === 'del' ? (
          <del key={i} className="dchange__del">
            {p.text}
          </del>
        ) : (
          <ins key={i} className="dchange__ins">
            {p.text}
          </ins>
        ),
      )}
    </span>
  );
}

function Arrow({ before, after }: { before: string; after: string }) {
  return (
    <>
      <del className="dchange__del">{before}</del> <span aria-hidden="true">→</span>
      <span className="visually-hidden"> became </span> <ins className="dchange__ins">{after}</ins>
    </>
  );
}

function attendeeText(a: Attendance[keyof Attendance]): string {
  return a.present ? (a.people.length ? `present (${peopleText(a.people)})` : 'present') : 'absent';
}

const key = (a: DecisionAction) => JSON.stringify([a.what, a.who, a.byWhen]);

/** Only what an amendment changed: each field before → after, text changes word by word. */
export function AmendmentChanges({ before, after }: { before: DecisionPatch; after: DecisionPatch }) {
  const fields = DECISION_FIELDS.filter((f) => f in after);
  return (
    <dl className="dchange" data-testid="amendment-changes">
      {fields.map((f) => (
        <div key={f} className="dchange__field">
          <dt>{FIELD_LABEL[f]}</dt>
          <dd>{fieldChange(f, before, after)}</dd>
        </div>
      ))}
    </dl>
  );
}

function fieldChange(f: keyof DecisionValue, before: DecisionPatch, after: DecisionPatch) {
  switch (f) {
    case 'notes':
    case 'outcomeReason':
      return <TextChange before={before[f] ?? ''} after={after[f] ?? ''} />;
    case 'recommendation': {
      const b = before.recommendation ?? { options: [], text: '' };
      const a = after.recommendation ?? { options: [], text: '' };
      const optionsChanged = JSON.stringify(b.options) !== JSON.stringify(a.options);
      return (
        <>
          {optionsChanged && (
            <div>
              Options:{' '}
              <Arrow
                before={b.options.map((o) => PLAN_OPTION_LABEL[o]).join(', ') || 'none'}
                after={a.options.map((o) => PLAN_OPTION_LABEL[o]).join(', ') || 'none'}
              />
            </div>
          )}
          {b.text !== a.text && (
            <div>
              {optionsChanged && 'Details: '}
              <TextChange before={b.text} after={a.text} />
            </div>
          )}
        </>
      );
    }
    case 'attendance': {
      const b = before.attendance!;
      const a = after.attendance!;
      const changed = CORE_SPECIALTIES.filter((s) => JSON.stringify(b?.[s]) !== JSON.stringify(a?.[s]));
      return (
        <ul className="dchange__list">
          {changed.map((s) => (
            <li key={s}>
              {CORE_SPECIALTY_LABEL[s]}:{' '}
              <Arrow before={b ? attendeeText(b[s]) : ''} after={a ? attendeeText(a[s]) : ''} />
            </li>
          ))}
        </ul>
      );
    }
    case 'actions': {
      const b = before.actions ?? [];
      const a = after.actions ?? [];
      const bKeys = new Set(b.map(key));
      const aKeys = new Set(a.map(key));
      const removed = b.filter((x) => !aKeys.has(key(x)));
      const added = a.filter((x) => !bKeys.has(key(x)));
      const kept = a.length - added.length;
      return (
        <>
          <ActionsTable actions={[...removed, ...added]} mark={(x) => (aKeys.has(key(x)) ? 'ins' : 'del')} />
          {kept > 0 && (
            <p className="muted small">
              {kept} other action{kept === 1 ? '' : 's'} unchanged.
            </p>
          )}
        </>
      );
    }
    default:
      return <Arrow before={fieldText(f, before[f] as never)} after={fieldText(f, after[f] as never)} />;
  }
}
