import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AuthPolicy } from '../../shared/contract/auth';
import { Banner } from '../components/Banner';
import { SecretField } from './SecretField';
import { invoke } from '../api';
import { readKey } from '../data/hooks';
import { secretHint, secretProblem, secretWord } from './secret-rule';

type Errors = Partial<Record<'current' | 'next' | 'repeat', string>>;

/**
 * The signed-in user's own password (or PIN): the current one, then the new one twice. Used by the first sign-in
 * with a temporary password and by the user menu's Change password.
 */
export function ChangePasswordForm({
  policy,
  onDone,
  focusFirst,
}: {
  policy: AuthPolicy;
  onDone?: () => void;
  focusFirst?: boolean;
}) {
  const client = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const word = secretWord(policy);
  const first = useRef<HTMLInputElement>(null);
  // On its own screen the form is the one job: the cursor starts in it (a dialog focuses its first field itself).
  useEffect(() => {
    if (focusFirst) first.current?.focus();
  }, [focusFirst]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!current) found.current = `Enter your current ${word.toLowerCase()}`;
    found.next = secretProblem(policy, next) ?? undefined;
    if (!found.next && next === current) found.next = `Choose a ${word.toLowerCase()} you have not used here`;
    if (next !== repeat) found.repeat = `The two ${word === 'PIN' ? 'PINs' : 'passwords'} differ`;
    setErrors(found);
    setRefusal(null);
    if (Object.values(found).some(Boolean)) return;
    setBusy(true);
    const result = await invoke('auth:changePassword', { current, next });
    setBusy(false);
    if (!result.ok) {
      const field = result.error.field;
      if (field === 'current' || field === 'next') setErrors({ [field]: result.error.message });
      else setRefusal(result.error.message);
      return;
    }
    setCurrent('');
    setNext('');
    setRepeat('');
    // The status says whether a change is still owed (the gate then shows the app).
    await client.invalidateQueries({ queryKey: readKey('auth:status', {}) });
    onDone?.();
  }

  return (
    <form className="password-form" onSubmit={(e) => void submit(e)} aria-label={`Change ${word.toLowerCase()}`}>
      <SecretField
        label={`Current ${word.toLowerCase()}`}
        policy={policy}
        autoComplete="current-password"
        inputRef={first}
        value={current}
        onChange={setCurrent}
        error={errors.current}
      />
      <SecretField
        label={`New ${word.toLowerCase()}`}
        policy={policy}
        autoComplete="new-password"
        value={next}
        onChange={setNext}
        error={errors.next}
        hint={secretHint(policy)}
      />
      <SecretField
        label={`New ${word.toLowerCase()} again`}
        policy={policy}
        autoComplete="new-password"
        value={repeat}
        onChange={setRepeat}
        error={errors.repeat}
      />
      {refusal && <Banner message={{ kind: 'error', text: refusal }} />}
      <button type="submit" className="button button--primary" disabled={busy}>
        {busy ? 'Saving...' : `Change ${word.toLowerCase()}`}
      </button>
    </form>
  );
}
