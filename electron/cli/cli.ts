import { resolveDataDir } from '../host/data-folder';
import { openLog } from '../host/log';
import { runtimePaths } from '../host/paths';
import { parseArgs } from './args';
import { UsageError, type CliEnv, type CliIo, type Command } from './command';
import { demoCommand } from './demo-command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { serveCommand } from './serve-command';

export const COMMANDS: readonly Command[] = [serveCommand, demoCommand, importCommand, exportCommand];

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
  // --data and --help may stand anywhere; everything else belongs to the command.
  const rest: string[] = [];
  let dataFlag: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') dataFlag = argv[++i] ?? '';
    else if (argv[i].startsWith('--data=')) dataFlag = argv[i].slice('--data='.length);
    else if (argv[i] === '--help' || argv[i] === '-h') help = true;
    else rest.push(argv[i]);
  }
  const [name, ...args] = rest;
  if (name === '--version') {
    io.out(app.version);
    return 0;
  }
  if (!name) {
    (help ? io.out : io.err)(usage());
    return help ? 0 : 2;
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
  if (dataFlag === '') {
    io.err('boardprep: --data needs a folder');
    return 2;
  }
  const dataDir = resolveDataDir(dataFlag);
  // The CLI runs from the source layout (bin/boardprep.mjs); the desktop app resolves the packaged one.
  const paths = runtimePaths({ packaged: false, appPath: app.appRoot, resourcesPath: '' });
  const log = openLog(dataDir, command.name === 'serve' ? 'web-host' : 'cli');
  const env: CliEnv = {
    dataDir,
    resourcesDir: paths.resourcesDir,
    rendererDir: paths.rendererDir,
    version: app.version,
    log,
  };
  const started = Date.now();
  try {
    const code = await command.run(args, env, io);
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

export { parseArgs };
