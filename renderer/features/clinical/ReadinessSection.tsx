import { useEffect, useState } from 'react';
import { IsoDate, QUESTION_KIND_LABEL, type CaseRecord } from '../../../shared/domain/case';
import {
  ReadyOverrideInput,
  TickInput,
  type ClinicalSummary,
  type ManualTickRecord,
  type ReadinessMeeting,
  type ReadyOverride,
} from '../../../shared/domain/clinical';
import { dateTime, dayMonthYear, localIsoDate } from '../../../shared/dates';
import { Field } from '../../components/Field';
import { useWrite } from '../../data/hooks';
import {
  humanReason,
  plainMessage,
  readinessText,
  readinessTone,
  serverFieldErrors,
  STATE_GLYPH,
  STATE_LABEL,
} from './clinical-format';
import { Banner } from '../../components/Banner';
import { PlausibilityNotes } from '../../components/PlausibilityNotes';
import { readinessDateWarnings } from '../../../shared/domain/plausibility';
import { useMe } from '../../auth/useCan';

type Item = ClinicalSummary['readiness']['items'][number];

interface ReadinessSectionProps {
  caseId: number;
  record: CaseRecord;
  summary: ClinicalSummary;
  meetingDate: string;
  /** The date was chosen here (else it is the case's next meeting, or today). */
  chosen: boolean;
  onMeetingDate: (date: string | undefined) => void;
  onMarked: (record: CaseRecord) => void;
}

const EVIDENCE_KIND = {
  study: 'Imported study',
  report: 'Pathology report',
  manual: 'Ticked by hand',
  case: 'Case record',
  event: 'Timeline',
} as const;

/** The work-up checklist for a meeting date, manual ticks, and the ready gate with its override. */
export function ReadinessSection({
  caseId,
  record,
  summary,
  meetingDate,
  chosen,
  onMeetingDate,
  onMarked,
}: ReadinessSectionProps) {
  const r = summary.readiness;
  const [ticking, setTicking] = useState<string | null>(null);
  const counts = { done: 0, missing: 0, pending: 0, stale: 0, 'not-applicable': 0 };
  for (const i of r.items) counts[i.state] += 1;

  return (
    <section className="clin-section" aria-labelledby="clin-readiness">
      <div className="clin-section__head">
        <div>
          <h2 id="clin-readiness">Readiness for the board</h2>
          <p className="clin-section__sub">
            The work-up the reference asks for before the board, for this case&rsquo;s question
            {record.questionKind ? ` (${QUESTION_KIND_LABEL[record.questionKind].toLowerCase()})` : ''}, checked against
            the record. Pending items cannot be decided yet and count as open.
          </p>
        </div>
        <MeetingSettings
          meetingDate={meetingDate}
          meeting={r.meeting}
          chosen={chosen}
          staleWeeks={r.staleWeeks}
          onMeetingDate={onMeetingDate}
        />
      </div>

      <ReadyGate caseId={caseId} record={record} summary={summary} meetingDate={meetingDate} onMarked={onMarked} />

      <div className="tally" aria-label="Checklist totals">
        <span className="tally__item tally__item--missing">{counts.missing} missing</span>
        <span className="tally__item tally__item--pending">{counts.pending} pending</span>
        <span className="tally__item tally__item--stale">{counts.stale} stale</span>
        <span className="tally__item tally__item--done">{counts.done} done</span>
        <span className="tally__item tally__item--not-applicable">{counts['not-applicable']} not applicable</span>
      </div>

      <ul className="checklist" aria-label="Work-up checklist">
        {r.items.map((item) => (
          <ChecklistItem
            key={item.id}
            caseId={caseId}
            item={item}
            tick={r.ticks.find((t) => t.item === item.id) ?? null}
            ticking={ticking === item.id}
            onTick={() => setTicking(item.id)}
            onCloseTick={() => setTicking(null)}
            meetingDate={meetingDate}
          />
        ))}
      </ul>
      {r.notes.length > 0 && (
        <div className="banner banner--warn">
          <span>{r.notes.join(' ')}</span>
        </div>
      )}
    </section>
  );
}

interface MeetingSettingsProps {
  meetingDate: string;
  /** The meeting the date defaulted to (the case's next one on an agenda), if it did. */
  meeting: ReadinessMeeting | null;
  /** The date was chosen here rather than defaulted. */
  chosen: boolean;
  staleWeeks: number;
  /** A date, or undefined for the default again. */
  onMeetingDate: (d: string | undefined) => void;
}

function MeetingSettings({ meetingDate, meeting, chosen, staleWeeks, onMeetingDate }: MeetingSettingsProps) {
  const [date, setDate] = useState(meetingDate);
  useEffect(() => setDate(meetingDate), [meetingDate]);
  const [weeks, setWeeks] = useState(String(staleWeeks));
  const [weeksError, setWeeksError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  useEffect(() => setWeeks(String(staleWeeks)), [staleWeeks]);
  const setStaleWeeks = useWrite('readiness:setStaleWeeks');

  function changeDate(value: string) {
    setDate(value);
    const ok = IsoDate.safeParse(value).success;
    setDateError(ok ? null : 'Choose a meeting date');
    if (ok) onMeetingDate(value);
  }

  async function saveWeeks() {
    const n = Number(weeks.replace(',', '.'));
    if (weeks.trim() === '' || !Number.isFinite(n)) return setWeeksError('Give a number of weeks');
    if (n === staleWeeks) return setWeeksError(null);
    const result = await setStaleWeeks.mutateAsync({ weeks: n });
    setWeeksError(result.ok ? null : plainMessage(result.error));
  }

  return (
    <div className="meeting-settings">
      <Field
        label="Meeting date"
        error={dateError ?? undefined}
        hint={
          chosen
            ? 'Chosen here'
            : meeting
              ? `Its next meeting: ${meeting.title}`
              : 'On no meeting agenda: checked for today'
        }
      >
        {(p) => <input {...p} type="date" value={date} onChange={(e) => changeDate(e.target.value)} />}
      </Field>
      <Field label="Stale after (weeks)" error={weeksError ?? undefined} hint="Board-wide setting">
        {(p) => (
          <input
            {...p}
            inputMode="decimal"
            className="input--short"
            value={weeks}
            onChange={(e) => setWeeks(e.target.value)}
            onBlur={() => void saveWeeks()}
            onKeyDown={(e) => e.key === 'Enter' && void saveWeeks()}
          />
        )}
      </Field>
      {chosen && (
        <button type="button" className="button button--ghost button--small" onClick={() => onMeetingDate(undefined)}>
          Its next meeting
        </button>
      )}
    </div>
  );
}

function ChecklistItem({
  caseId,
  item,
  tick,
  ticking,
  onTick,
  onCloseTick,
  meetingDate,
}: {
  caseId: number;
  item: Item;
  tick: ManualTickRecord | null;
  ticking: boolean;
  onTick: () => void;
  onCloseTick: () => void;
  /** The meeting the checklist is for: a tick dated after it is warned of (it does not count for it). */
  meetingDate: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const untickWrite = useWrite('readiness:untick');
  const ev = item.evidence;
  const showDescription = ev && !item.reason.includes(ev.description);

  async function untick() {
    const result = await untickWrite.mutateAsync({ caseId, item: item.id });
    setError(result.ok ? null : plainMessage(result.error));
  }

  return (
    <li
      className={`ritem ritem--${item.state}`}
      data-item={item.id}
      aria-label={`${item.label}: ${STATE_LABEL[item.state]}`}
    >
      <span className="ritem__icon" aria-hidden="true">
        {STATE_GLYPH[item.state]}
      </span>
      <div className="ritem__body">
        <div className="ritem__top">
          <span className="ritem__label">{item.label}</span>
          <span className={`state state--${item.state}`}>{STATE_LABEL[item.state]}</span>
        </div>
        {ev && (
          <div className="ritem__evidence">
            <span className={`ev-kind ev-kind--${ev.kind}`}>{EVIDENCE_KIND[ev.kind]}</span>
            {ev.date && <span className="ev-date">{dayMonthYear(ev.date)}</span>}
            {showDescription && <span>{ev.description}</span>}
          </div>
        )}
        {item.afterMeeting && (
          <div className="ritem__after" role="note">
            <span className="ritem__after-flag">Dated after the meeting, not counted</span>{' '}
            {EVIDENCE_KIND[item.afterMeeting.kind]}, {dayMonthYear(item.afterMeeting.date)}:{' '}
            {item.afterMeeting.description}
          </div>
        )}
        <p className="ritem__reason">{humanReason(item.reason)}</p>
        {tick && (
          <div className="ritem__tick">
            <span>
              Ticked by <strong>{tick.by}</strong> on {dayMonthYear(localIsoDate(new Date(tick.createdAt)))}, evidence
              dated {dayMonthYear(tick.date)}
              {tick.note && ev?.kind !== 'manual' ? `: ${tick.note}` : ''}
            </span>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => void untick()}
              aria-label={`Untick ${item.label}`}
            >
              Untick
            </button>
          </div>
        )}
        {error && (
          <div className="field__error" role="alert">
            {error}
          </div>
        )}
        {ticking ? (
          <TickForm caseId={caseId} item={item} meetingDate={meetingDate} onDone={onCloseTick} onCancel={onCloseTick} />
        ) : (
          (item.state === 'missing' || item.state === 'stale' || item.state === 'pending') && (
            <button
              type="button"
              className="button button--small ritem__action"
              onClick={onTick}
              aria-label={`${tick ? 'Tick again with a newer date' : 'Tick by hand'}: ${item.label}`}
            >
              {tick ? 'Tick again with a newer date' : 'Tick by hand'}
            </button>
          )
        )}
      </div>
    </li>
  );
}

function TickForm({
  caseId,
  item,
  meetingDate,
  onDone,
  onCancel,
}: {
  caseId: number;
  item: Item;
  meetingDate: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const me = useMe();
  const [date, setDate] = useState(localIsoDate());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const tickWrite = useWrite('readiness:tick');

  async function save() {
    const today = localIsoDate();
    if (IsoDate.safeParse(date).success && date > today) {
      // The main process refuses it too; saying so here keeps the form open with the reason.
      setErrors({
        date: `${dayMonthYear(date)} is in the future: give the date the evidence was made (today at the latest).`,
      });
      return;
    }
    const parsed = TickInput.safeParse({ item: item.id, date, note });
    if (!parsed.success) {
      setErrors(
        Object.fromEntries(
          parsed.error.issues.map((i) => [
            String(i.path[0]),
            i.path[0] === 'date' && date === '' ? 'Give the date of the evidence' : i.message,
          ]),
        ),
      );
      return;
    }
    const result = await tickWrite.mutateAsync({ caseId, tick: parsed.data });
    if (!result.ok) return setErrors({ ...serverFieldErrors(result.error, 'tick'), form: plainMessage(result.error) });
    onDone();
  }

  return (
    <div className="tick-form" role="group" aria-label={`Tick by hand: ${item.label}`}>
      <div className="grid grid--tick">
        <Field label="Date of the evidence" error={errors.date} hint="e.g. the date of the outside scan">
          {(p) => (
            <>
              <input {...p} type="date" value={date} max={localIsoDate()} onChange={(e) => setDate(e.target.value)} />
              {/* Allowed (today at the latest), but it does not count for this meeting: said before saving. */}
              <PlausibilityNotes
                warnings={IsoDate.safeParse(date).success ? readinessDateWarnings(date, meetingDate) : []}
              />
            </>
          )}
        </Field>
        <Field label="Note" error={errors.note} hint="Where the evidence is">
          {(p) => (
            <input
              {...p}
              value={note}
              placeholder="e.g. CT chest at Northgate, report in the referral"
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
      </div>
      {me && <p className="muted small">The tick is recorded as yours: {me.displayName}.</p>}
      {errors.form && <Banner message={{ kind: 'error', text: errors.form }} />}
      <div className="tick-form__actions">
        <button type="button" className="button button--ghost button--small" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--primary button--small"
          disabled={tickWrite.isPending}
          onClick={() => void save()}
        >
          Save tick
        </button>
      </div>
    </div>
  );
}

/**
 * "Mark ready": refused by the main process while items are missing, unless an override says why; the override is
 * recorded as the signed-in user's (no one types a name).
 */
function ReadyGate({
  caseId,
  record,
  summary,
  meetingDate,
  onMarked,
}: {
  caseId: number;
  record: CaseRecord;
  summary: ClinicalSummary;
  meetingDate: string;
  onMarked: (r: CaseRecord) => void;
}) {
  const r = summary.readiness;
  const [refusal, setRefusal] = useState<string | null>(null);
  const [overriding, setOverriding] = useState(false);
  const me = useMe();
  const [why, setWhy] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | null>(null);
  const markReady = useWrite('cases:markReady');
  const busy = markReady.isPending;
  const tone = readinessTone(r);
  const ready = record.status === 'ready';
  /** Missing and pending items: both keep the case from being ready. */
  const open = r.missing + (r.pending ?? 0);

  async function mark(override?: { why: string }) {
    const result = await markReady.mutateAsync({ caseId, meetingDate, override });
    if (!result.ok) {
      if (result.error.code === 'refused' && open > 0 && !override) {
        // The gate said no: ask for the override rather than leaving the coordinator stuck.
        setRefusal(plainMessage(result.error));
        setOverriding(true);
        setMessage(null);
        return;
      }
      setErrors(serverFieldErrors(result.error, 'override'));
      setMessage({ kind: 'error', text: `Not marked ready: ${plainMessage(result.error)}` });
      return;
    }
    setOverriding(false);
    setRefusal(null);
    setWhy('');
    setErrors({});
    const o = result.value.override;
    setMessage({
      kind: 'saved',
      text: o
        ? `Marked ready for the meeting of ${dayMonthYear(meetingDate)}, with an override by ${o.by} for ${o.missing.length} missing or pending item${o.missing.length === 1 ? '' : 's'}.`
        : `Marked ready for the meeting of ${dayMonthYear(meetingDate)}: nothing was missing.`,
    });
    onMarked(result.value.case);
  }

  function submitOverride() {
    const parsed = ReadyOverrideInput.safeParse({ why });
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    void mark(parsed.data);
  }

  return (
    <div className={`gate gate--${ready ? 'ready' : tone}`}>
      <div className="gate__row">
        <div className="gate__status">
          <span className="gate__headline">
            {ready
              ? 'Marked ready for the board'
              : open
                ? `Not ready: ${readinessText(r)}`
                : r.stale
                  ? `Nothing missing · ${r.stale} stale`
                  : 'Work-up complete'}
          </span>
          <span className="gate__sub">
            {ready
              ? `Status Ready. Work-up for ${dayMonthYear(meetingDate)}: ${readinessText(r).toLowerCase()}.`
              : `Checked for the meeting of ${dayMonthYear(meetingDate)}, stale after ${r.staleWeeks} weeks.${open ? ' Marking ready now needs an override.' : ''}`}
          </span>
        </div>
        {!ready && !overriding && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void mark()}>
            Mark ready
          </button>
        )}
      </div>

      {overriding && (
        <div className="override" role="group" aria-label="Override missing items">
          {refusal && (
            <div className="banner banner--error" role="alert">
              {refusal}
            </div>
          )}
          <p className="override__lead">
            To put this case on the agenda with {open} item{open === 1 ? '' : 's'} missing or pending, record why. The
            override is kept with the case under your name{me ? ` (${me.displayName})` : ''}.
          </p>
          <ul className="override__missing">
            {r.items
              .filter((i) => i.state === 'missing' || i.state === 'pending')
              .map((i) => (
                <li key={i.id}>
                  {i.label}
                  {i.state === 'pending' ? ' (pending: not yet decidable)' : ''}
                </li>
              ))}
          </ul>
          <div className="grid grid--override">
            <Field label="Why it goes to the board with items missing" error={errors.why} required>
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={why}
                  placeholder="e.g. Urgent: rapidly enlarging mass; chest CT booked for Monday"
                  onChange={(e) => setWhy(e.target.value)}
                />
              )}
            </Field>
          </div>
          <div className="override__actions">
            <button
              type="button"
              className="button button--ghost"
              onClick={() => {
                setOverriding(false);
                setRefusal(null);
                setErrors({});
              }}
            >
              Cancel
            </button>
            <button type="button" className="button button--warn" disabled={busy} onClick={submitOverride}>
              Mark ready with override
            </button>
          </div>
        </div>
      )}
      <Banner message={message} />
      {summary.lastReadyOverride && <LastOverride o={summary.lastReadyOverride} />}
    </div>
  );
}

function LastOverride({ o }: { o: ReadyOverride }) {
  return (
    <div className="last-override" aria-label="Last override">
      <div className="last-override__title">
        Last override: marked ready with {o.missing.length} item{o.missing.length === 1 ? '' : 's'} missing or pending
      </div>
      <div>
        By <strong>{o.by}</strong> on {dateTime(o.createdAt)}, for the meeting of {dayMonthYear(o.meetingDate)}.
      </div>
      <blockquote className="last-override__why">{o.why}</blockquote>
      <div className="muted small">Missing then: {o.missing.map((m) => m.label).join('; ')}</div>
    </div>
  );
}
