import type { Role } from '../../../shared/auth/roles';
import { Field } from '../../components/Field';
import { ROLE_OPTIONS, SPECIALTY_OPTIONS } from './user-labels';

/** A user's role, chosen from the roles (adding a user and changing one). */
export function RoleField({ value, onChange }: { value: Role; onChange: (role: Role) => void }) {
  return (
    <Field label="Role" required>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLE_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The core specialty a user stands for in attendance, or none ('' in the select). */
export function SpecialtyField({
  value,
  onChange,
  hint,
}: {
  value: string;
  onChange: (specialty: string) => void;
  hint?: string;
}) {
  return (
    <Field label="Specialty" hint={hint}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          {SPECIALTY_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
