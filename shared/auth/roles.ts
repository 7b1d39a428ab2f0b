import { z } from 'zod';

/**
 * Who may do what. A role is a set of rights; a channel needs one right (shared/auth/access.ts). Rights are keyed
 * by id and only ever compared by id; `RIGHT_LABELS` is what a person reads (refusals, the README, the Users screen).
 */
export const ROLES = ['administrator', 'coordinator', 'presenter', 'chair', 'member', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLE_LABELS: Record<Role, string> = {
  administrator: 'Administrator',
  coordinator: 'Coordinator',
  presenter: 'Presenter',
  chair: 'Chair',
  member: 'Member',
  viewer: 'Viewer',
};

export const RIGHTS = [
  'records.read',
  'cases.edit',
  'clinical.edit',
  'readiness.edit',
  'imaging.import',
  'imaging.detach',
  'imaging.keyImages',
  'meetings.edit',
  'deck.edit',
  'decisions.record',
  'decisions.signOff',
  'decisions.amend',
  'exports.identified',
  'exports.deidentified',
  'demo.load',
  'users.manage',
  'settings.manage',
  'audit.read',
  'store.purge',
  'boards.edit',
  'referrals.create',
  'referrals.triage',
  'actions.follow',
  'letters.produce',
  'figures.read',
] as const;
export const Right = z.enum(RIGHTS);
export type Right = z.infer<typeof Right>;

export const RIGHT_LABELS: Record<Right, string> = {
  'records.read': 'read case records',
  'cases.edit': 'create and edit cases',
  'clinical.edit': 'edit the clinical record (pathology, staging, lesions, plan, timeline)',
  'readiness.edit': 'tick work-up items and mark cases ready',
  'imaging.import': 'import and attach imaging',
  'imaging.detach': 'detach a study from a case',
  'imaging.keyImages': 'measure and keep key images',
  'meetings.edit': 'schedule meetings and edit agendas',
  'deck.edit': 'edit slides',
  'decisions.record': "record the board's discussion and recommendation",
  'decisions.signOff': 'sign off decisions',
  'decisions.amend': 'amend signed-off decisions',
  'exports.identified': 'export with patient identifiers',
  'exports.deidentified': 'export de-identified',
  'demo.load': 'load the demo board',
  'users.manage': 'manage users',
  'settings.manage': 'change security and backup settings',
  'audit.read': 'read the audit trail',
  'store.purge': 'purge images attached to no case',
  'boards.edit': 'set up boards and make their meetings',
  'referrals.create': 'refer a patient to a board',
  'referrals.triage': 'triage referrals onto a meeting',
  'actions.follow': 'close and cancel the actions of decisions',
  'letters.produce': 'produce outcome letters',
  'figures.read': "read the service's figures",
};

const READ: Right[] = ['records.read', 'exports.deidentified'];
const PREPARE: Right[] = ['clinical.edit', 'readiness.edit', 'imaging.import', 'imaging.keyImages', 'deck.edit'];

/**
 * Each role's rights. The administrator runs the installation (users, settings, audit, store) and reads records
 * only to support it; clinical work is the other roles'. The chair leads the board: everything a coordinator and a
 * presenter do, plus sign-off and amendments.
 */
export const ROLE_RIGHTS: Record<Role, readonly Right[]> = {
  administrator: [...READ, 'users.manage', 'settings.manage', 'audit.read', 'store.purge', 'demo.load'],
  coordinator: [
    ...READ,
    'cases.edit',
    'readiness.edit',
    'imaging.import',
    'imaging.detach',
    'meetings.edit',
    'decisions.record',
    'exports.identified',
    'demo.load',
    'boards.edit',
    'referrals.create',
    'referrals.triage',
    'actions.follow',
    'letters.produce',
    'figures.read',
  ],
  presenter: [
    ...READ,
    ...PREPARE,
    'cases.edit',
    'imaging.detach',
    'exports.identified',
    'referrals.create',
    'actions.follow',
  ],
  chair: [
    ...READ,
    ...PREPARE,
    'cases.edit',
    'imaging.detach',
    'meetings.edit',
    'decisions.record',
    'decisions.signOff',
    'decisions.amend',
    'exports.identified',
    'demo.load',
    'boards.edit',
    'referrals.create',
    'referrals.triage',
    'actions.follow',
    'letters.produce',
    'figures.read',
  ],
  member: [...READ, 'decisions.record', 'actions.follow'],
  viewer: ['records.read'],
};

export function hasRight(role: Role, right: Right): boolean {
  return ROLE_RIGHTS[role].includes(right);
}

/** The roles that have a right, for a refusal that says who could do it. */
export function rolesWith(right: Right): Role[] {
  return ROLES.filter((role) => hasRight(role, right));
}

/** "coordinator or chair": who may use a right, in words, from the rights table. */
export function whoMayText(right: Right): string {
  return rolesWith(right)
    .map((r) => ROLE_LABELS[r].toLowerCase())
    .join(' or ');
}
