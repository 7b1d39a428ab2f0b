import { ROLES, ROLE_LABELS } from '../../../shared/auth/roles';
import { CORE_SPECIALTIES, CORE_SPECIALTY_LABEL, type CoreSpecialty } from '../../../shared/domain/meeting';

/** The role choices, in the order of shared/auth/roles.ts. */
export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The core specialty a user stands for in attendance; '' is none. */
export const SPECIALTY_OPTIONS = [
  { value: '', label: 'None' },
  ...CORE_SPECIALTIES.map((s) => ({ value: s, label: CORE_SPECIALTY_LABEL[s] })),
];

export function specialtyLabel(specialty: string | null): string {
  if (!specialty) return '—';
  return CORE_SPECIALTY_LABEL[specialty as CoreSpecialty] ?? specialty;
}
