import { useState, type FormEvent } from 'react';
import { MIN_SECRET_LENGTH } from '../../shared/contract/auth';
import { Banner } from '../components/Banner';
import { Field } from '../components/Field';
import { invoke } from '../api';
import { setSessionToken } from './session-token';

/** First start: no user exists, so the first one is the administrator, who then adds the others. */
export function SetupScreen({ onSignedIn }: { onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== repeat) return setError('The two passwords differ');
    setBusy(true);
    setError(null);
    const result = await invoke('auth:setup', { username, displayName, password });
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    setSessionToken(result.value.session);
    onSignedIn();
  }

  return (
    <main className="auth">
      <form className="auth__card" onSubmit={(e) => void submit(e)} aria-labelledby="setup-title">
        <h1 id="setup-title">Set up BoardPrep</h1>
        <p>
          Create the administrator. The administrator adds the board&apos;s users (coordinators, presenters, chairs,
          members) and reads the audit trail; clinical work is done under the users&apos; own names.
        </p>
        <Field label="Username" required>
          {(p) => (
            <input {...p} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
          )}
        </Field>
        <Field label="Full name" required>
          {(p) => (
            <input {...p} autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
          )}
        </Field>
        <Field label="Password" required hint={`At least ${MIN_SECRET_LENGTH.password} characters`}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password again" required>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.target.value)}
            />
          )}
        </Field>
        {error && <Banner message={{ kind: 'error', text: error }} />}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating...' : 'Create the administrator'}
        </button>
      </form>
    </main>
  );
}
