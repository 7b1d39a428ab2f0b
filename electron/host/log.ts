import electronLog from 'electron-log/node';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { makePrivateDir, touchPrivateFile } from '../db/file-modes';
import path from 'node:path';

/**
 * The one logger of the desktop main process, the web host and the CLI: electron-log (its plain-Node entry, so
 * the same code runs under Electron, Node and vitest) writing to `<data folder>/logs/<source>.log`, rotated by
 * size. No PHI: log ids and counts, never names, MRNs or dates of birth; fields with those names are redacted
 * in case a caller passes a whole record anyway.
 */

export type LogSource = 'desktop' | 'web-host' | 'cli';
export type LogFields = Record<string, unknown>;

export interface Logger {
  readonly file: string;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, error?: unknown, fields?: LogFields): void;
}

export const LOGS_FOLDER = 'logs';
/** Rotate at 5 MB, keep 3 older files: enough for a week of boards, small enough to attach to a support ticket. */
export const MAX_LOG_BYTES = 5 * 1024 * 1024;
export const KEEP_ROTATED = 3;

export function logsDir(dataDir: string): string {
  return path.join(dataDir, LOGS_FOLDER);
}

/** Keys whose values identify a patient (any case, with or without separators). */
const PHI_KEYS = new Set(
  [
    'name',
    'names',
    'fullName',
    'familyName',
    'givenName',
    'givenNames',
    'firstName',
    'lastName',
    'patientName',
    'patientNameDicom',
    'patientIdDicom',
    'mrn',
    'nhsNumber',
    'dateOfBirth',
    'birthDate',
    'dob',
    'address',
    'phone',
    'email',
  ].map((k) => k.toLowerCase()),
);
export const REDACTED = '[redacted]';

/** A copy of `value` with the values of PHI-named fields replaced; errors keep their name, message and stack. */
export function redact(value: unknown, depth = 0): unknown {
  if (value instanceof Error) return value;
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      PHI_KEYS.has(k.toLowerCase().replace(/[_-]/g, '')) ? REDACTED : redact(v, depth + 1),
    ]),
  );
}

/** `<name>.log` -> `<name>.1.log` -> ... -> `<name>.<keep>.log`, the oldest dropped. */
export function rotateLogFiles(file: string, keep: number = KEEP_ROTATED): void {
  const { dir, name, ext } = path.parse(file);
  const nth = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  rmSync(nth(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(nth(n))) renameSync(nth(n), nth(n + 1));
  renameSync(file, nth(1));
}

let instances = 0;

export interface LogOptions {
  /** Also print to the terminal (development); the CLI prints its own lines and keeps this off. */
  console?: boolean;
  maxBytes?: number;
}

export function openLog(dataDir: string, source: LogSource, options: LogOptions = {}): Logger {
  const file = path.join(logsDir(dataDir), `${source}.log`);
  // Owner-only (issue 12 item 13), made here lazily: the logger creates the file at its first line, with the umask's
  // mode. A log is made only once a line is written, so a mistyped command line leaves no folder behind.
  let madePrivate = false;
  const ensurePrivate = () => {
    if (madePrivate) return;
    madePrivate = true;
    try {
      makePrivateDir(logsDir(dataDir));
      touchPrivateFile(file);
    } catch {
      // The logger reports what it cannot write; a log is never a reason to stop.
    }
  };
  const log = electronLog.create({ logId: `boardprep-${source}-${++instances}` });
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = options.maxBytes ?? MAX_LOG_BYTES;
  log.transports.file.format = '[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}] {text}';
  log.transports.file.archiveLogFn = (old) => {
    try {
      rotateLogFiles(old.path);
      // The logger writes on in a new file: made owner-only first.
      touchPrivateFile(old.path);
    } catch {
      // A file another process holds open cannot be renamed on Windows: keep writing to it rather than lose lines.
    }
  };
  log.transports.console.level = options.console ? 'info' : false;
  const fields = (f?: LogFields) => (f ? [redact(f)] : []);
  return {
    file,
    info: (message, f) => (ensurePrivate(), log.info(message, ...fields(f))),
    warn: (message, f) => (ensurePrivate(), log.warn(message, ...fields(f))),
    error: (message, error, f) => (
      ensurePrivate(),
      log.error(message, ...(error === undefined ? [] : [redact(error)]), ...fields(f))
    ),
  };
}

/** For code that may run without a data folder (tests of a single service): drops every line. */
export const silentLogger: Logger = { file: '', info: () => {}, warn: () => {}, error: () => {} };
