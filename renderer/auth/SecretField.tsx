import type { Ref } from 'react';
import type { AuthPolicy } from '../../shared/contract/auth';
import { Field } from '../components/Field';

interface SecretFieldProps {
  label: string;
  policy: AuthPolicy;
  value: string;
  onChange: (value: string) => void;
  /** 'current-password' to sign in or unlock, 'new-password' to choose one (the browser's password manager). */
  autoComplete: 'current-password' | 'new-password';
  error?: string;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** A password or PIN input (a PIN brings up the numeric keypad): sign-in, unlock and changing a password. */
export function SecretField({ label, policy, value, onChange, autoComplete, error, hint, inputRef }: SecretFieldProps) {
  return (
    <Field label={label} required error={error} hint={hint}>
      {(p) => (
        <input
          {...p}
          ref={inputRef}
          type="password"
          inputMode={policy === 'pin' ? 'numeric' : undefined}
          autoComplete={autoComplete}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
