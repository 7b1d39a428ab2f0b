import { PLAN_OPTION_LABEL, type PlanOption } from '../../../shared/domain/clinical';
import {
  CORE_SPECIALTIES,
  CORE_SPECIALTY_LABEL,
  DECISION_FIELDS,
  DecisionFields,
  TREATMENT_INTENT_LABEL,
  peopleText,
  type Attendance,
  type AttendeePerson,
  type CoreSpecialty,
  type DecisionOutcome,
  type DecisionPatch,
  type DecisionValue,
  type TreatmentIntent,
} from '../../../shared/domain/meeting';
import { dayMonthYear } from '../../../shared/dates';

/** The decision as the form edits it: the people present per specialty, dates as the date input gives them. */
export interface DecisionDraft {
  attendance: Record<CoreSpecialty, { present: boolean; people: AttendeePerson[] }>;
  options: PlanOption[];
  recommendation: string;
  intent: TreatmentIntent | null;
  /** ownerUserId: the owner picked from the users' directory (absent when the name was typed). */
  actions: { what: string; who: string; byWhen: string; ownerUserId?: number }[];
  notes: string;
  outcome: DecisionOutcome | null;
  outcomeReason: string;
}

/** An attendance as the form edits it (its own copy of each list). */
export function attendanceDraftOf(a: DecisionValue['attendance']): DecisionDraft['attendance'] {
  return Object.fromEntries(
    CORE_SPECIALTIES.map((s) => [s, { present: a[s].present, people: [...a[s].people] }]),
  ) as DecisionDraft['attendance'];
}

export function draftOf(v: DecisionValue): DecisionDraft {
  return {
    attendance: attendanceDraftOf(v.attendance),
    options: [...v.recommendation.options],
    recommendation: v.recommendation.text,
    intent: v.intent,
    actions: v.actions.map((a) => ({
      what: a.what,
      who: a.who,
      byWhen: a.byWhen ?? '',
      ...(a.ownerUserId ? { ownerUserId: a.ownerUserId } : {}),
    })),
    notes: v.notes,
    outcome: v.outcome,
    outcomeReason: v.outcomeReason,
  };
}

/** What is sent: blank action rows dropped, an absent specialty loses its people. */
export function inputOf(d: DecisionDraft) {
  return {
    attendance: Object.fromEntries(
      CORE_SPECIALTIES.map((s) => [
        s,
        { present: d.attendance[s].present, people: d.attendance[s].present ? d.attendance[s].people : [] },
      ]),
    ) as Attendance,
    recommendation: { options: d.options, text: d.recommendation },
    intent: d.intent,
    actions: d.actions
      .filter((a) => a.what.trim() || a.who.trim() || a.byWhen)
      .map((a) => ({
        what: a.what,
        who: a.who,
        byWhen: a.byWhen === '' ? null : a.byWhen,
        ...(a.ownerUserId ? { ownerUserId: a.ownerUserId } : {}),
      })),
    notes: d.notes,
    outcome: d.outcome,
    outcomeReason: d.outcomeReason,
  };
}

/** The draft checked with the contract's own schema: the value to send, or the problems keyed by field path. */
export function checkDraft(
  d: DecisionDraft,
): { value: DecisionValue; errors: Record<string, string> } | { value: null; errors: Record<string, string> } {
  const parsed = DecisionFields.safeParse(inputOf(d));
  if (parsed.success) return { value: parsed.data as DecisionValue, errors: {} };
  const errors: Record<string, string> = {};
  for (const i of parsed.error.issues) errors[i.path.join('.')] ??= i.message;
  return { value: null, errors };
}

/** The fields that differ between two decisions (an amendment's changes). */
export function changedFields(from: DecisionValue, to: DecisionValue): DecisionPatch {
  const out: Record<string, unknown> = {};
  for (const k of DECISION_FIELDS) if (JSON.stringify(from[k]) !== JSON.stringify(to[k])) out[k] = to[k];
  return out as DecisionPatch;
}

export const OUTCOME_LABEL: Record<DecisionOutcome, string> = { discussed: 'Discussed', deferred: 'Deferred' };

export const FIELD_LABEL: Record<keyof DecisionValue, string> = {
  attendance: 'Attendance',
  recommendation: 'Recommendation',
  intent: 'Treatment intent',
  actions: 'Actions',
  notes: 'Discussion notes',
  outcome: 'Outcome',
  outcomeReason: 'Reason',
};

export function attendanceText(a: Attendance): string {
  const present = CORE_SPECIALTIES.filter((s) => a[s].present).map(
    (s) => `${CORE_SPECIALTY_LABEL[s]}${a[s].people.length ? ` (${peopleText(a[s].people)})` : ''}`,
  );
  return present.length ? present.join(' · ') : 'Nobody recorded';
}

export function recommendationText(r: DecisionValue['recommendation']): string {
  const options = r.options.map((o) => PLAN_OPTION_LABEL[o]).join(', ');
  return [options, r.text].filter(Boolean).join(': ') || 'None recorded';
}

export function actionsText(actions: DecisionValue['actions']): string {
  return actions.length
    ? actions.map((a) => `${a.what} (${a.who}${a.byWhen ? `, by ${dayMonthYear(a.byWhen)}` : ''})`).join('; ')
    : 'None';
}

/** One field of a decision in words (history, amendments). */
export function fieldText<K extends keyof DecisionValue>(field: K, value: DecisionValue[K] | undefined): string {
  if (value === undefined) return '';
  switch (field) {
    case 'attendance':
      return attendanceText(value as Attendance);
    case 'recommendation':
      return recommendationText(value as DecisionValue['recommendation']);
    case 'intent':
      return value ? TREATMENT_INTENT_LABEL[value as TreatmentIntent] : 'Not recorded';
    case 'actions':
      return actionsText(value as DecisionValue['actions']);
    case 'outcome':
      return value ? OUTCOME_LABEL[value as DecisionOutcome] : 'Not recorded';
    default:
      return (value as string) || '(empty)';
  }
}
