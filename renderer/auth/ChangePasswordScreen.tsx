import type { AuthPolicy, SignedInUser } from '../../shared/contract/auth';
import { ChangePasswordForm } from './ChangePasswordForm';
import { useSessionActions } from './session-actions';
import { secretWord } from './secret-rule';

/**
 * A first sign-in with a temporary password (set by an administrator): the user chooses their own before anything
 * else (the main process refuses every other call until then).
 */
export function ChangePasswordScreen({ user, policy }: { user: SignedInUser; policy: AuthPolicy }) {
  const { signOut } = useSessionActions();
  const word = secretWord(policy).toLowerCase();
  return (
    <main className="auth">
      <div className="auth__card">
        <h1>Choose your own {word}</h1>
        <p>
          Welcome, {user.displayName}. You signed in with a temporary {word} an administrator gave you: choose one only
          you know before you start.
        </p>
        <ChangePasswordForm policy={policy} focusFirst />
        <button type="button" className="button button--ghost" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </main>
  );
}
