import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/auth/roles';
import type { AuthPolicy, UserSummary } from '../../../shared/contract/auth';
import { Banner } from '../../components/Banner';
import { Field } from '../../components/Field';
import { RoleField, SpecialtyField } from './UserFields';
import { useWrite } from '../../data/hooks';
import { secretHint, secretProblem, secretWord } from '../../auth/secret-rule';

type Key = 'username' | 'displayName' | 'password';

/**
 * A new user with a temporary password the administrator hands over; the user chooses their own at the first
 * sign-in (users:create marks it to be changed).
 */
export function AddUserForm({ policy, onAdded }: { policy: AuthPolicy; onAdded: (user: UserSummary) => void }) {
  const create = useWrite('users:create');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [specialty, setSpecialty] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const word = secretWord(policy).toLowerCase();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Partial<Record<Key, string>> = {};
    if (!username.trim()) found.username = 'Choose a username';
    if (!displayName.trim()) found.displayName = 'Give the name people know them by';
    found.password = secretProblem(policy, password) ?? undefined;
    setErrors(found);
    setRefusal(null);
    if (Object.values(found).some(Boolean)) return;
    const result = await create
      .mutateAsync({ username, displayName, role, specialty: specialty || null, password })
      .catch((err: Error) => ({ ok: false as const, error: { code: 'internal' as const, message: err.message } }));
    if (!result.ok) {
      const field = 'field' in result.error ? result.error.field : undefined;
      if (field === 'username' || field === 'displayName' || field === 'password')
        setErrors({ [field]: result.error.message });
      else setRefusal(result.error.message);
      return;
    }
    setUsername('');
    setDisplayName('');
    setPassword('');
    setSpecialty('');
    setRole('member');
    onAdded(result.value);
  }

  return (
    <form className="user-form" aria-label="Add a user" onSubmit={(e) => void submit(e)}>
      <h2>Add a user</h2>
      <div className="user-form__grid">
        <Field label="Username" required error={errors.username}>
          {(p) => <input {...p} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label="Full name" required error={errors.displayName}>
          {(p) => (
            <input {...p} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          )}
        </Field>
        <RoleField value={role} onChange={setRole} />
        <SpecialtyField value={specialty} onChange={setSpecialty} hint="Counts for quorum in attendance" />
        <Field
          label={`Temporary ${word}`}
          required
          error={errors.password}
          hint={`${secretHint(policy)}; they choose their own at the first sign-in`}
        >
          {(p) => (
            <input
              {...p}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
      </div>
      {refusal && <Banner message={{ kind: 'error', text: refusal }} />}
      <button type="submit" className="button button--primary" disabled={create.isPending}>
        {create.isPending ? 'Adding...' : 'Add user'}
      </button>
    </form>
  );
}
