import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Logger } from '../host/log';

/** A `boardprep` subcommand. Commands print through `io` so tests can run them in-process. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** For progress lines that overwrite themselves on a terminal. */
  progress: (line: string) => void;
  /** Where --password-stdin reads from: the process's standard input unless a test gives a stream. */
  stdin?: NodeJS.ReadableStream;
}

export interface CliEnv {
  /** Resolved data folder (from --data, BOARDPREP_DATA or the platform default). */
  dataDir: string;
  resourcesDir: string;
  rendererDir: string;
  version: string;
  /** The data folder's log (logs/cli.log, logs/web-host.log for serve): ids and counts, never patient details. */
  log: Logger;
}

export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** false: the command's lines are not logged in the data folder (restore, whose target must stay empty on failure). */
  logInDataFolder?: boolean;
  /** Returns the process exit code. `args` are the words after the command name, global options removed. */
  run(args: string[], env: CliEnv, io: CliIo): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Node's parseArgs error codes, and the option or word each one names (its message quotes it). */
function usageMessage(err: { code?: string; message: string }): string {
  const quoted = /'([^']*)'/.exec(err.message)?.[1]?.replace(/ <value>$/, '');
  if (quoted === undefined) return err.message.split('\n')[0];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${quoted}`;
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Unexpected argument: ${quoted}`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(err.message)) return `${quoted} takes no value`;
    // Missing, or followed by another option ('--case --json'): a value starting with '-' is written --case=-1.
    return `${quoted} needs a value`;
  }
  return err.message.split('\n')[0];
}

/**
 * A command's words parsed by node:util parseArgs, strictly: an unknown option, a missing or empty value, a value
 * given to a flag, or a word where the command takes none is a UsageError naming it.
 */
export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
  { positionals = false }: { positionals?: boolean } = {},
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals });
  } catch (err) {
    const e = err as { code?: string; message: string };
    if (e.code?.startsWith('ERR_PARSE_ARGS_')) throw new UsageError(usageMessage(e));
    throw err;
  }
  for (const [name, value] of Object.entries(parsed.values))
    if (value === '') throw new UsageError(`--${name} needs a value`);
  return parsed;
}
