import { useState } from 'react';
import { Banner } from '../../components/Banner';
import { useRead } from '../../data/hooks';
import { useMe } from '../../auth/useCan';
import { AddUserForm } from './AddUserForm';
import { UserRow, type RowOutcome } from './UserRow';

/**
 * The board's users (issue 12): who may sign in, with which role and for which specialty. Nobody is deleted (the
 * record keeps their name on what they did): a user who leaves is disabled.
 */
export function UsersScreen() {
  const { data: users, error } = useRead('users:list', {});
  const { data: status } = useRead('auth:status', {});
  const me = useMe();
  const [outcome, setOutcome] = useState<RowOutcome | null>(null);
  const policy = status?.policy ?? 'password';
  return (
    <section className="users" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <p className="muted">
        Everyone signs in as themselves: what they do is recorded under their name. Disable a user who leaves; a reset
        gives a temporary {policy === 'pin' ? 'PIN' : 'password'} they change at their next sign-in.
      </p>
      <Banner message={outcome} />
      {error && <Banner message={{ kind: 'error', text: error.message }} />}
      {users && (
        <table className="users__table">
          <caption className="visually-hidden">Users of this board</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Specialty</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === me?.id} policy={policy} onOutcome={setOutcome} />
            ))}
          </tbody>
        </table>
      )}
      <AddUserForm
        policy={policy}
        onAdded={(u) =>
          setOutcome({
            kind: 'saved',
            text: `${u.displayName} is added as ${u.username}: give them the temporary ${policy === 'pin' ? 'PIN' : 'password'}; they choose their own at the first sign-in`,
          })
        }
      />
    </section>
  );
}
