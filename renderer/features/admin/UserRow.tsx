import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, type Role } from '../../../shared/auth/roles';
import type { AuthPolicy, UserSummary } from '../../../shared/contract/auth';
import { Field } from '../../components/Field';
import { RoleField, SpecialtyField } from './UserFields';
import { useWrite } from '../../data/hooks';
import { secretHint, secretProblem, secretWord } from '../../auth/secret-rule';
import { specialtyLabel } from './user-labels';

/** What a row's action says afterwards, shown once above the table. */
export type RowOutcome = { kind: 'saved' | 'error'; text: string };

type Mode = 'view' | 'edit' | 'reset';

/**
 * One user: name, role, specialty and state, with its actions (change, disable or enable, reset the password).
 * The main process refuses what would lock the board out (the last administrator, one's own role) and says why.
 */
export function UserRow({
  user,
  self,
  policy,
  onOutcome,
}: {
  user: UserSummary;
  self: boolean;
  policy: AuthPolicy;
  onOutcome: (outcome: RowOutcome) => void;
}) {
  const update = useWrite('users:update');
  const reset = useWrite('users:resetPassword');
  const [mode, setMode] = useState<Mode>('view');
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const [specialty, setSpecialty] = useState(user.specialty ?? '');
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const word = secretWord(policy).toLowerCase();
  const busy = update.isPending || reset.isPending;

  function edit() {
    setDisplayName(user.displayName);
    setRole(user.role);
    setSpecialty(user.specialty ?? '');
    setFieldError(undefined);
    setMode('edit');
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await update.mutateAsync({ id: user.id, displayName, role, specialty: specialty || null });
    if (!result.ok) {
      if (result.error.field === 'displayName') setFieldError(result.error.message);
      else onOutcome({ kind: 'error', text: result.error.message });
      return;
    }
    setMode('view');
    onOutcome({ kind: 'saved', text: `${result.value.displayName} is saved` });
  }

  async function setDisabled(disabled: boolean) {
    const result = await update.mutateAsync({ id: user.id, disabled });
    if (!result.ok) return onOutcome({ kind: 'error', text: result.error.message });
    onOutcome({
      kind: 'saved',
      text: disabled ? `${user.displayName} can no longer sign in` : `${user.displayName} can sign in again`,
    });
  }

  async function resetPassword(e: FormEvent) {
    e.preventDefault();
    const problem = secretProblem(policy, password);
    if (problem) return setFieldError(problem);
    const result = await reset.mutateAsync({ id: user.id, password });
    if (!result.ok) {
      if (result.error.field === 'password') setFieldError(result.error.message);
      else onOutcome({ kind: 'error', text: result.error.message });
      return;
    }
    setPassword('');
    setMode('view');
    onOutcome({
      kind: 'saved',
      text: `${user.displayName} has a temporary ${word}: give it to them; they choose their own at the next sign-in`,
    });
  }

  const state = user.disabled ? 'Disabled' : user.mustChangePassword ? `Active, temporary ${word}` : 'Active';
  return (
    <tr className={user.disabled ? 'users__row users__row--disabled' : 'users__row'}>
      <th scope="row">
        {user.displayName}
        {self && <span className="muted"> (you)</span>}
        <div className="users__username">{user.username}</div>
      </th>
      {mode === 'edit' ? (
        <td colSpan={4}>
          <form className="users__edit" aria-label={`Change ${user.displayName}`} onSubmit={(e) => void save(e)}>
            <Field label="Full name" required error={fieldError}>
              {(p) => <input {...p} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
            </Field>
            <RoleField value={role} onChange={setRole} />
            <SpecialtyField value={specialty} onChange={setSpecialty} />
            <div className="users__actions">
              <button type="submit" className="button button--primary" disabled={busy}>
                Save
              </button>
              <button type="button" className="button" onClick={() => setMode('view')}>
                Cancel
              </button>
            </div>
          </form>
        </td>
      ) : (
        <>
          <td>{ROLE_LABELS[user.role]}</td>
          <td>{specialtyLabel(user.specialty)}</td>
          <td>{state}</td>
          <td>
            {mode === 'reset' ? (
              <form
                className="users__reset"
                aria-label={`Reset ${user.displayName}'s ${word}`}
                onSubmit={(e) => void resetPassword(e)}
              >
                <Field label={`Temporary ${word}`} required error={fieldError} hint={secretHint(policy)}>
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
                <div className="users__actions">
                  <button type="submit" className="button button--primary" disabled={busy}>
                    Set temporary {word}
                  </button>
                  <button type="button" className="button" onClick={() => setMode('view')}>
                    Cancel
                  </button>
                </div>
              </form>
            ) : (
              <div className="users__actions">
                <button type="button" className="button" onClick={edit} disabled={busy}>
                  Change<span className="visually-hidden"> {user.displayName}</span>
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => void setDisabled(!user.disabled)}
                  disabled={busy}
                >
                  {user.disabled ? 'Enable' : 'Disable'}
                  <span className="visually-hidden"> {user.displayName}</span>
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setPassword('');
                    setFieldError(undefined);
                    setMode('reset');
                  }}
                  disabled={busy}
                >
                  Reset {word}
                  <span className="visually-hidden"> of {user.displayName}</span>
                </button>
              </div>
            )}
          </td>
        </>
      )}
    </tr>
  );
}
