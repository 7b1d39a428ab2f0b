import type { Logger } from '../host/log';

/** A `boardprep` subcommand. Commands print through `io` so tests can run them in-process. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** For progress lines that overwrite themselves on a terminal. */
  progress: (line: string) => void;
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
  /** Returns the process exit code. `args` are the words after the command name, global options removed. */
  run(args: string[], env: CliEnv, io: CliIo): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
