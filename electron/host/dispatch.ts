import { z } from 'zod';
import { contract, isChannel, type Channel, type OutputOf, type ParsedInputOf } from '../../shared/contract';
import type { AppError, FieldIssue, Result } from '../../shared/contract/result';
import { DomainError } from '../services/errors';

export type Handler<C extends Channel> = (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
/** One handler per channel; a domain declares its slice as `Pick<HandlerTable, 'cases:list' | ...>`. */
export type HandlerTable = { [C in Channel]: Handler<C> };

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

function invalid(channel: string, error: z.ZodError): AppError {
  const issues = fieldIssues(error);
  const first = issues[0];
  return {
    code: 'invalid-input',
    message: `${channel}: ${first.field}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`,
    field: first.field,
    issues,
  };
}

export interface DispatchOptions {
  /** Where unexpected errors are reported (the user sees a short message, the log gets the stack). */
  log?: (message: string, error: unknown) => void;
}

/**
 * The one boundary every transport goes through: the channel must exist, the input must match its schema,
 * and the answer is always a Result. Outputs are validated too, so a service bug surfaces here and not as
 * a half-drawn screen.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  rawInput: unknown,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } };
  }
  const spec = contract[channel];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalid(channel, parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = spec.output.safeParse(value);
    if (!checked.success) {
      options.log?.(`${channel} produced an invalid answer`, checked.error);
      return { ok: false, error: { code: 'internal', message: `${channel} produced an answer that does not match the contract` } };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof DomainError) {
      return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
    }
    options.log?.(`${channel} failed`, err);
    return { ok: false, error: { code: 'internal', message: `${channel} failed: ${err instanceof Error ? err.message : String(err)}` } };
  }
}
