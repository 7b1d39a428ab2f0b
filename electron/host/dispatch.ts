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

/** The keys that say which record of an answer is meant, in the order they are tried. */
const RECORD_KEYS = ['id', 'studyInstanceUid', 'seriesInstanceUid', 'sopInstanceUid', 'jobId'];

/** "record 2 (studyInstanceUid "abc")": which element of a list answer an issue is in, named by its identifier. */
function recordName(list: readonly unknown[], index: number): string {
  const record = list[index];
  const key = record && typeof record === 'object' ? RECORD_KEYS.find((k) => k in record) : undefined;
  if (!key) return `record ${index}`;
  const id = String((record as Record<string, unknown>)[key]).slice(0, 80);
  return `record ${index} (${key} ${JSON.stringify(id)})`;
}

/** One log line per broken field of an answer: which record (when the answer is a list), which field, what is wrong. */
function outputIssues(value: unknown, error: z.ZodError, index?: number): string[] {
  return error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.map(String).join('.') || '(the answer itself)';
    const record = index !== undefined && Array.isArray(value) ? `${recordName(value, index)} ` : '';
    return `${record}field ${where}: ${issue.message}`;
  });
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
      if (spec.output instanceof z.ZodArray && Array.isArray(value))
        return partialList(channel, spec.output as z.ZodArray<z.ZodType>, value, options);
      options.log?.(
        `${channel} produced an invalid answer: ${outputIssues(value, checked.error).join('; ')}`,
        checked.error,
      );
      return {
        ok: false,
        error: { code: 'internal', message: `${channel} produced an answer that does not match the contract` },
      };
    }
    return { ok: true, value: checked.data };
  } catch (err) {
    if (err instanceof DomainError) {
      return { ok: false, error: { code: err.code, message: err.message, field: err.field } };
    }
    options.log?.(`${channel} failed`, err);
    return {
      ok: false,
      error: { code: 'internal', message: `${channel} failed: ${err instanceof Error ? err.message : String(err)}` },
    };
  }
}

/**
 * A list answer with records outside the contract (a row stored by an older version, a value the import let
 * through): the records that are valid are answered, the others are left out and counted in `omitted`, so the
 * screen can say that something could not be shown, and each is named in the log with its field. One bad record
 * must not hide all the others.
 */
function partialList(
  channel: string,
  schema: z.ZodArray<z.ZodType>,
  list: readonly unknown[],
  options: DispatchOptions,
): Result<unknown> {
  const valid: unknown[] = [];
  let omitted = 0;
  list.forEach((record, index) => {
    const checked = schema.element.safeParse(record);
    if (checked.success) {
      valid.push(checked.data);
      return;
    }
    omitted += 1;
    options.log?.(
      `${channel} left out a record that does not match the contract: ${outputIssues(list, checked.error, index).join('; ')}`,
      checked.error,
    );
  });
  return { ok: true, value: valid, omitted };
}
