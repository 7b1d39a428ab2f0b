import { z } from 'zod';

/**
 * Every handler answers with a Result, over IPC and HTTP alike, so the renderer can always show a reason.
 * `field` is a dotted path into the input (e.g. `patient.mrn`) when one field is to blame.
 */
/**
 * `signed-out`: the call needs a session and has none (or it ended); `locked`: the session is locked after
 * inactivity and must be unlocked; `refused`: the user lacks the right (the message names it) or the act is not
 * allowed in this state; `unavailable`: a system outside BoardPrep (the hospital's PACS) did not answer as needed
 * (the message says what failed: refused, timeout, wrong AE title, certificate).
 */
export const ErrorCode = z.enum([
  'invalid-input',
  'not-found',
  'conflict',
  'unknown-channel',
  'refused',
  'unavailable',
  'signed-out',
  'locked',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldIssue = z.object({ field: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(FieldIssue).optional(),
});
export type AppError = z.infer<typeof AppError>;

/**
 * `omitted`: for a list, how many records were left out because they do not match the contract (the log names
 * each one and its field); the screen says that something could not be shown.
 */
export type Result<T> = { ok: true; value: T; omitted?: number } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });
