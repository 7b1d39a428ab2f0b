import { useEffect, useState, type FormEvent } from 'react';
import { AUTH_POLICIES, MIN_SECRET_LENGTH, type AuthPolicy } from '../../../shared/contract/auth';
import { Banner, type BannerMessage } from '../../components/Banner';
import { Field } from '../../components/Field';
import { useRead, useWrite } from '../../data/hooks';

const POLICY_LABEL: Record<AuthPolicy, string> = {
  password: `Password (at least ${MIN_SECRET_LENGTH.password} characters)`,
  pin: `PIN (at least ${MIN_SECRET_LENGTH.pin} digits)`,
};

/** Why a lock time cannot be used (the contract's bounds: 1 to 240 whole minutes), or null. */
function lockMinutesProblem(text: string): string | null {
  if (!/^\d+$/.test(text.trim())) return 'Give a whole number of minutes';
  const n = Number(text);
  if (n < 1) return 'At least 1 minute';
  if (n > 240) return 'At most 240 minutes';
  return null;
}

/**
 * How the workstations sign in: password or PIN, and after how many idle minutes the screen locks (a shared ward or
 * meeting-room PC changes hands). A new policy applies to secrets set from now on; existing ones keep working.
 */
export function SecurityScreen() {
  const { data: settings, error } = useRead('settings:security', {});
  const save = useWrite('settings:setSecurity');
  const [policy, setPolicy] = useState<AuthPolicy>('password');
  const [minutes, setMinutes] = useState('15');
  const [minutesError, setMinutesError] = useState<string | undefined>();
  const [message, setMessage] = useState<BannerMessage | null>(null);

  // The form starts from the stored settings once they are read.
  useEffect(() => {
    if (!settings) return;
    setPolicy(settings.policy);
    setMinutes(String(settings.lockMinutes));
  }, [settings]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setMessage(null);
    const problem = lockMinutesProblem(minutes);
    setMinutesError(problem ?? undefined);
    if (problem) return;
    const result = await save.mutateAsync({ policy, lockMinutes: Number(minutes) });
    if (!result.ok) {
      if (result.error.field === 'lockMinutes') setMinutesError(result.error.message);
      else setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    setMessage({
      kind: 'saved',
      text: `Saved: ${result.value.policy === 'pin' ? 'PINs' : 'passwords'}, locking after ${result.value.lockMinutes} minute${result.value.lockMinutes === 1 ? '' : 's'} without use`,
    });
  }

  return (
    <section className="security" aria-labelledby="security-title">
      <h1 id="security-title">Security</h1>
      {error && <Banner message={{ kind: 'error', text: error.message }} />}
      <form className="security__form" aria-label="Security settings" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Users sign in with</legend>
          {AUTH_POLICIES.map((p) => (
            <label key={p} className="security__choice">
              <input type="radio" name="policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} />{' '}
              {POLICY_LABEL[p]}
            </label>
          ))}
          <p className="field__hint">
            Applies to passwords and PINs chosen or reset from now on; what users have now keeps working until they
            change it.
          </p>
        </fieldset>
        <Field
          label="Lock the screen after (minutes without use)"
          required
          error={minutesError}
          hint="1 to 240 minutes. The signed-in user unlocks with their password; unsaved edits are kept."
        >
          {(p) => (
            <input
              {...p}
              type="text"
              inputMode="numeric"
              className="security__minutes"
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
            />
          )}
        </Field>
        <Banner message={message} />
        <button type="submit" className="button button--primary" disabled={save.isPending || !settings}>
          {save.isPending ? 'Saving...' : 'Save'}
        </button>
      </form>
    </section>
  );
}
