import { PLAN_OPTIONS, type PlanOption } from '../../../shared/domain/clinical';
import { CORE_SPECIALTIES, type CoreSpecialty, type DecisionView } from '../../../shared/domain/meeting';
import { draftOf, type DecisionDraft } from './decision-draft';

/** One change to the draft: the sections describe what the user did, the form applies it. */
export type DraftEdit = (change: (d: DecisionDraft) => DecisionDraft) => void;

/** The proposed plan of the case, offered as the starting recommendation. */
export interface ProposedPlan {
  options: PlanOption[];
  text: string;
}

export function setAttendee(
  d: DecisionDraft,
  s: CoreSpecialty,
  change: Partial<DecisionDraft['attendance'][CoreSpecialty]>,
): DecisionDraft {
  return { ...d, attendance: { ...d.attendance, [s]: { ...d.attendance[s], ...change } } };
}

/** Ticking an option keeps the options in the plan's own order, whatever order they were ticked in. */
export function setOption(d: DecisionDraft, o: PlanOption, on: boolean): DecisionDraft {
  return {
    ...d,
    options: on ? PLAN_OPTIONS.filter((x) => x === o || d.options.includes(x)) : d.options.filter((x) => x !== o),
  };
}

/** Takes the proposed options; the proposal's text only fills a recommendation nobody has written yet. */
export function fromProposed(d: DecisionDraft, proposed: ProposedPlan): DecisionDraft {
  return { ...d, options: [...proposed.options], recommendation: d.recommendation || proposed.text };
}

/** The proposed plan of a case deck (the plan slide), offered as the starting recommendation. */
export function proposedFromSlides(
  slides: readonly { kind: string; text: Record<string, string>; content: unknown }[],
): ProposedPlan | undefined {
  const plan = slides.find((s) => s.kind === 'plan');
  if (!plan) return undefined;
  const options = (plan.content as { options: { id: PlanOption }[] }).options.map((o) => o.id);
  return { options, text: plan.text.proposal ?? '' };
}

export const hasProposal = (p: ProposedPlan | undefined): p is ProposedPlan =>
  Boolean(p && (p.options.length > 0 || p.text));

type ActionDraft = DecisionDraft['actions'][number];

export const addAction = (d: DecisionDraft): DecisionDraft => ({
  ...d,
  actions: [...d.actions, { what: '', who: '', byWhen: '' }],
});

export const setAction = (
  d: DecisionDraft,
  i: number,
  k: Exclude<keyof ActionDraft, 'ownerUserId'>,
  v: string,
): DecisionDraft => ({
  ...d,
  actions: d.actions.map((x, j) => (j === i ? { ...x, [k]: v } : x)),
});

/** The action's owner: a name typed, or a user picked from the directory (issue 14: followed up by that user). */
export const setActionOwner = (d: DecisionDraft, i: number, who: string, userId?: number): DecisionDraft => ({
  ...d,
  actions: d.actions.map((x, j) => {
    if (j !== i) return x;
    const { ownerUserId: _old, ...rest } = x;
    return userId ? { ...rest, who, ownerUserId: userId } : { ...rest, who };
  }),
});

export const removeAction = (d: DecisionDraft, i: number): DecisionDraft => ({
  ...d,
  actions: d.actions.filter((_, j) => j !== i),
});

/**
 * "Same as the last case": the attendance of the nearest case before this one that has any core specialty present
 * (or, for the first case, of the last such case after it); undefined when no other case has attendance.
 */
export function attendanceSource(
  all: readonly DecisionView[],
  itemId: number,
): DecisionDraft['attendance'] | undefined {
  const others = all.filter(
    (d) => d.itemId !== itemId && CORE_SPECIALTIES.some((s) => d.current.attendance[s].present),
  );
  const mine = all.findIndex((d) => d.itemId === itemId);
  const before = others.filter((d) => mine < 0 || all.indexOf(d) < mine);
  const source = (before.length ? before : others).at(-1);
  return source ? draftOf(source.current).attendance : undefined;
}
