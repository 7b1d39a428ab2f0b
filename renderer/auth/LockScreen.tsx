import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '../../shared/auth/roles';
import type { AuthStatus, SignedInUser } from '../../shared/contract/auth';
import { Banner } from '../components/Banner';
import { SecretField } from './SecretField';
import { invoke } from '../api';
import { useSessionActions } from './session-actions';
import { secretWord } from './secret-rule';

/**
 * The locked session, over the app (which stays mounted underneath, unsaved edits and all). A modal dialog: focus
 * stays in it and the page behind is inert. Only the same user's password opens it again; anyone else signs in as
 * themselves, which ends this session and drops its unsaved edits.
 */
export function LockScreen({ status, user }: { status: AuthStatus; user: SignedInUser }) {
  const client = useQueryClient();
  const { signOut } = useSessionActions();
  const ref = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const word = secretWord(status.policy);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  async function unlock(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await invoke('auth:unlock', { password });
    setBusy(false);
    setPassword('');
    if (!result.ok) return setError(result.error.message);
    // Reads refused while locked come back; the forms keep what was typed (they are not remounted).
    await client.invalidateQueries();
  }

  return (
    <dialog
      ref={ref}
      className="lock"
      aria-labelledby="lock-title"
      aria-describedby="lock-who"
      // Escape must not open a locked session; if the browser closes the dialog anyway, it opens again.
      onCancel={(e) => e.preventDefault()}
      onClose={() => {
        const dialog = ref.current;
        if (dialog?.isConnected && !dialog.open) dialog.showModal();
      }}
    >
      <form className="lock__card" onSubmit={(e) => void unlock(e)}>
        <h2 id="lock-title">Locked</h2>
        <p id="lock-who">
          <b>{user.displayName}</b> ({ROLE_LABELS[user.role]}) is signed in on workstation {status.workstation}. Enter
          your {word.toLowerCase()} to go on where you left off.
        </p>
        <SecretField
          label={word}
          policy={status.policy}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {error && <Banner message={{ kind: 'error', text: error }} />}
        <div className="lock__actions">
          <button type="submit" className="button button--primary" disabled={busy || !password}>
            {busy ? 'Unlocking...' : 'Unlock'}
          </button>
          <button type="button" className="button" onClick={() => void signOut()}>
            Sign in as someone else
          </button>
        </div>
        <p className="lock__note">Signing in as someone else ends this session: its unsaved changes are discarded.</p>
      </form>
    </dialog>
  );
}
