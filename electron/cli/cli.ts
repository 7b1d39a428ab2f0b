import { parseArgs } from 'node:util';
import { resolveDataDir } from '../host/data-folder';
import { openLog, silentLogger } from '../host/log';
import { runtimePaths } from '../host/paths';
import { auditCommand } from './audit-command';
import { UsageError, type CliEnv, type CliIo, type Command } from './command';
import { demoCommand } from './demo-command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { serveCommand } from './serve-command';
import { userCommand } from './user-command';
import { backupCommand } from './backup-command';
import { restoreCommand } from './restore-command';
import { pacsCommand } from './pacs-command';
import { cliActor, runAs } from '../db/actor';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  demoCommand,
  importCommand,
  exportCommand,
  userCommand,
  auditCommand,
  backupCommand,
  restoreCommand,
  pacsCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: boardprep <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options:',
    '  --data DIR   data folder (database and image store); default: BOARDPREP_DATA, else the platform user-data folder',
    '  --help       help for boardprep or for a command (boardprep <command> --help)',
    '  --version    print the version',
  ].join('\n');
}

/** The options of boardprep itself, which may stand anywhere on the line (before or after the command's own). */
const GLOBAL_OPTIONS = {
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * Takes boardprep's own options out of the line, wherever they stand; the first word left is the command and the
 * rest its arguments, which the command parses strictly (its options are its own). Not strict here: the command's
 * options are not known yet. `data` is '' when --data has no folder after it.
 */
export function splitGlobalOptions(argv: string[]): {
  name: string | undefined;
  args: string[];
  data: string | undefined;
  help: boolean;
  version: boolean;
} {
  const { values, tokens } = parseArgs({
    args: argv,
    options: GLOBAL_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const taken = new Set<number>();
  let data: string | undefined;
  for (const t of tokens) {
    if (t.kind !== 'option' || !(t.name in GLOBAL_OPTIONS)) continue;
    taken.add(t.index);
    if (t.name === 'data') {
      // '--data DIR' takes two words; a '--data' last on the line has no folder.
      if (t.inlineValue === false) taken.add(t.index + 1);
      data = typeof t.value === 'string' ? t.value : '';
    }
  }
  const [name, ...args] = argv.filter((_, i) => !taken.has(i));
  return { name, args, data, help: values.help === true, version: values.version === true };
}

export const terminalIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: (line) => {
    if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}`);
    else process.stderr.write(`${line}\n`);
  },
};

/** Runs `boardprep` with argv (without node and script) and returns the exit code. */
export async function runCli(
  argv: string[],
  app: { appRoot: string; version: string },
  io: CliIo = terminalIo,
): Promise<number> {
  const { name, args, data, help, version } = splitGlobalOptions(argv);
  if (version) {
    io.out(app.version);
    return 0;
  }
  if (data === '') {
    io.err('boardprep: --data needs a folder');
    return 2;
  }
  if (!name) {
    (help ? io.out : io.err)(usage());
    return help ? 0 : 2;
  }
  if (name.startsWith('-')) {
    io.err(
      `boardprep: unknown option ${name.split('=')[0]}: give the command first (boardprep <command> [options])\n\n${usage()}`,
    );
    return 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`boardprep: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (help) {
    io.out(command.help);
    return 0;
  }
  const dataDir = resolveDataDir(data);
  // The CLI runs from the source layout (bin/boardprep.mjs); the desktop app resolves the packaged one.
  const paths = runtimePaths({ packaged: false, appPath: app.appRoot, resourcesPath: '' });
  const log =
    command.logInDataFolder === false ? silentLogger : openLog(dataDir, command.name === 'serve' ? 'web-host' : 'cli');
  const env: CliEnv = {
    dataDir,
    resourcesDir: paths.resourcesDir,
    rendererDir: paths.rendererDir,
    version: app.version,
    log,
  };
  const started = Date.now();
  try {
    // Everything the command writes is logged in the audit trail as the operating-system user's.
    const code = await runAs(cliActor(), () => command.run(args, env, io));
    // Logged at the end, so a mistyped command line leaves no log behind in the default data folder.
    log.info(`boardprep ${name} finished`, {
      version: app.version,
      exitCode: code,
      seconds: (Date.now() - started) / 1000,
    });
    return code;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`boardprep ${name}: ${err.message}\n\n${command.help}`);
      return 2;
    }
    log.error(`boardprep ${name} failed`, err);
    io.err(`boardprep ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}
