import { z } from 'zod';
import { contract, isChannel, type Channel, type OutputOf, type ParsedInputOf } from '../../shared/contract';
import type { AppError, FieldIssue, Result } from '../../shared/contract/result';
import { CHANNEL_ACCESS, LOCKED_SESSION_CHANNELS } from '../../shared/auth/access';
import { hasRight, RIGHT_LABELS, ROLE_LABELS, rolesWith, type Right } from '../../shared/auth/roles';
import { runAs, SIGNED_OUT_ACTOR } from '../db/actor';
import type { SessionInfo } from '../services/auth/auth-service';
import { DomainError } from '../services/errors';

/** What a handler knows of its caller: the live session (null only on 'open' channels) and its token. */
export interface Call {
  session: SessionInfo | null;
  token: string | undefined;
}

export type Handler<C extends Channel> = (input: ParsedInputOf<C>, call: Call) => OutputOf<C> | Promise<OutputOf<C>>;
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

/** How the dispatcher learns who is calling: AuthService in the app, the same in tests. */
export interface SessionGate {
  resolve(token: string | undefined): SessionInfo | null;
  touch(session: SessionInfo): void;
}

export interface DispatchOptions {
  /** Where unexpected errors are reported (the user sees a short message, the log gets the stack). */
  log?: (message: string, error: unknown) => void;
}

/** Who is calling: the gate that knows sessions, and the session token the transport carried (if any). */
export interface Caller {
  gate: SessionGate;
  token: string | undefined;
}

/** The refusal for a user whose role lacks a right: names the right, who has it, and who is signed in. */
export function missingRight(channel: string, right: Right, session: SessionInfo): AppError {
  const who = rolesWith(right)
    .map((r) => ROLE_LABELS[r].toLowerCase())
    .join(', ');
  return {
    code: 'refused',
    message:
      `${channel} needs the right to ${RIGHT_LABELS[right]} (${right}; roles: ${who}). ` +
      `${session.user.displayName} is signed in as ${ROLE_LABELS[session.user.role].toLowerCase()}.`,
  };
}

/**
 * The access check, before the input is read: a session where the channel needs one, unlocked unless the channel
 * is one a locked session may call, a changed temporary password, and the channel's right.
 */
function admit(channel: Channel, caller: Caller): { session: SessionInfo | null } | { error: AppError } {
  const access = CHANNEL_ACCESS[channel];
  const session = caller.gate.resolve(caller.token);
  if (access === 'open') {
    // auth:status from an active page keeps its session alive (the page's heartbeat while the user works).
    if (session && !session.locked) caller.gate.touch(session);
    return { session };
  }
  if (!session) return { error: { code: 'signed-out', message: `Sign in to use ${channel}` } };
  if (session.locked && !LOCKED_SESSION_CHANNELS.includes(channel))
    return { error: { code: 'locked', message: `${session.user.displayName}'s session is locked: unlock it first` } };
  if (session.user.mustChangePassword && !channel.startsWith('auth:'))
    return { error: { code: 'refused', message: 'Change your temporary password first' } };
  if (access !== 'session' && !hasRight(session.user.role, access))
    return { error: missingRight(channel, access, session) };
  caller.gate.touch(session);
  return { session };
}

/**
 * The one boundary every transport goes through: the channel must exist, the caller must be signed in with the
 * right the channel needs (shared/auth/access.ts), the input must match its schema, and the answer is always a
 * Result. Outputs are validated too, so a service bug surfaces here and not as
 * a half-drawn screen.
 */
export async function dispatch(
  handlers: HandlerTable,
  channel: unknown,
  rawInput: unknown,
  caller: Caller,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `Unknown channel: ${String(channel)}` } };
  }
  const admitted = admit(channel, caller);
  if ('error' in admitted) return { ok: false, error: admitted.error };
  const { session } = admitted;
  const spec = contract[channel];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalid(channel, parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown, call: Call) => unknown;
    // Every write the handler makes (and every job it starts) is logged as this user's.
    const value = await runAs(session?.actor ?? SIGNED_OUT_ACTOR, () =>
      handler(parsed.data, { session, token: caller.token }),
    );
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
