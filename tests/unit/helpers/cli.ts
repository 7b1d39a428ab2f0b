import path from 'node:path';
import { runCli } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** `boardprep ARGV...` run in-process, as bin/boardprep.mjs runs it: the exit code and what it printed. */
export async function runBoardprep(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), progress: () => {} };
  const code = await runCli(argv, { appRoot, version: '9.9.9' }, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
