import { openDatabase, type Db } from '../db/open';
import { DomainError } from '../services/errors';
import { PacsError } from '../services/pacs/client';
import { UsageError, type CliEnv, type CliIo, type Command } from './command';
import { PACS_NODE_COMMANDS } from './pacs-node-commands';
import { PACS_SEND_COMMANDS } from './pacs-send-command';
import { PACS_TRANSFER_COMMANDS } from './pacs-transfer-commands';

/** One `boardprep pacs <verb>`: its usage line and what it does with the open data folder. */
export interface PacsSubcommand {
  /** e.g. 'boardprep pacs list [--json]' */
  usage: string;
  run(args: string[], ctx: { db: Db; env: CliEnv }, io: CliIo): Promise<number>;
}

/** Each verb's file owns its verbs: nodes (add, list, test), transfers (query, retrieve), key images (send). */
const SUBCOMMANDS: Record<string, PacsSubcommand> = {
  ...PACS_NODE_COMMANDS,
  ...PACS_TRANSFER_COMMANDS,
  ...PACS_SEND_COMMANDS,
};

const HELP = `Usage: boardprep pacs <${Object.keys(SUBCOMMANDS).join('|')}> [options] [--data DIR]

The hospital's PACS (issue 15): the nodes BoardPrep may query (DICOMweb QIDO-RS or DIMSE C-FIND), retrieve from
(WADO-RS, C-GET or C-MOVE) into a case through the same import as files, and send the board's key images back to
(Secondary Captures with the measurements burned in, and a Key Object Selection per study).

${Object.values(SUBCOMMANDS)
  .map((s) => `  ${s.usage}`)
  .join('\n')}`;

export const pacsCommand: Command = {
  name: 'pacs',
  summary: 'Set up PACS nodes, query and retrieve studies, send key images back',
  help: HELP,
  async run(args, env, io) {
    const [verb, ...rest] = args;
    const sub = verb === undefined ? undefined : SUBCOMMANDS[verb];
    if (!sub)
      throw new UsageError(
        verb ? `Unknown subcommand "${verb}"` : `Say what to do: ${Object.keys(SUBCOMMANDS).join(', ')}`,
      );
    const db = openDatabase(env.dataDir);
    try {
      return await sub.run(rest, { db, env }, io);
    } catch (err) {
      if (err instanceof DomainError || err instanceof PacsError) {
        io.err(`boardprep pacs ${verb}: ${err.message}`);
        return 1;
      }
      throw err;
    } finally {
      db.close();
    }
  },
};
