import { MIN_SECRET_LENGTH, type AuthPolicy } from '../../shared/contract/auth';

/** The word for the secret the policy asks for. */
export function secretWord(policy: AuthPolicy): 'Password' | 'PIN' {
  return policy === 'pin' ? 'PIN' : 'Password';
}

/** What the policy asks of a new secret, for a field's hint. */
export function secretHint(policy: AuthPolicy): string {
  const min = MIN_SECRET_LENGTH[policy];
  return policy === 'pin' ? `At least ${min} digits, digits only` : `At least ${min} characters`;
}

/**
 * Why the policy refuses a new secret, before it is sent (the same rule as AuthService.checkSecret, which is the
 * one that counts), or null.
 */
export function secretProblem(policy: AuthPolicy, secret: string): string | null {
  const min = MIN_SECRET_LENGTH[policy];
  if (policy === 'pin' && !/^\d*$/.test(secret)) return 'A PIN is digits only';
  if (secret.length < min)
    return `A ${policy === 'pin' ? 'PIN' : 'password'} has at least ${min} ${policy === 'pin' ? 'digits' : 'characters'}`;
  return null;
}
