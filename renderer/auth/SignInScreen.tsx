import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AuthStatus } from '../../shared/contract/auth';
import { Banner } from '../components/Banner';
import { Field } from '../components/Field';
import { SecretField } from './SecretField';
import { invoke } from '../api';
import { setSessionToken } from './session-token';

/** The workstation's sign-in: every act from here on is recorded as this user's. */
export function SignInScreen({ status, onSignedIn }: { status: AuthStatus; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const secretLabel = status.policy === 'pin' ? 'PIN' : 'Password';
  const first = useRef<HTMLInputElement>(null);
  // The screen has one job: the cursor starts in the username.
  useEffect(() => first.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await invoke('auth:sign-in', { username, password });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setSessionToken(result.value.session);
    setPassword('');
    // A new user: nothing cached or typed for the previous one may show (the gate starts the app afresh).
    onSignedIn();
  }

  return (
    <main className="auth">
      <form className="auth__card" onSubmit={(e) => void submit(e)} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to BoardPrep</h1>
        <p className="auth__where">Workstation {status.workstation}</p>
        <Field label="Username" required>
          {(p) => (
            <input
              {...p}
              ref={first}
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <SecretField
          label={secretLabel}
          policy={status.policy}
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {error && <Banner message={{ kind: 'error', text: error }} />}
        <button type="submit" className="button button--primary" disabled={busy || !username || !password}>
          {busy ? 'Signing in...' : 'Sign in'}
        </button>
        {status.demo && (
          <p className="auth__demo">
            Demo board: sign in as <b>admin</b>, <b>coordinator</b>, <b>presenter</b>, <b>chair</b>, <b>member</b> or{' '}
            <b>viewer</b> with the password <b>sarcoma-demo</b>. Fictional users: disable them before real use.
          </p>
        )}
      </form>
    </main>
  );
}
