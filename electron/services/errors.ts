import type { ErrorCode } from '../../shared/contract/result';

/** An expected failure a user can act on; the handler boundary turns it into `{ ok: false, error }`. */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'internal' | 'unknown-channel'>,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
