import { openDatabase } from '../db/open';
import { loadDemoBoard } from '../services/demo/demo-service';
import { parseArgs } from './args';
import { UsageError, type Command } from './command';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load the demo sarcoma board (fictional patients) into the database',
  help: `Usage: boardprep demo [--data DIR] [--json]

Loads the demo board: fictional patients whose stories come from published sarcoma cases. Patients whose
MRN is already in the database are left untouched, so running it twice adds nothing twice.

Options:
  --json     print the result as JSON
  --data DIR use this data folder (default: BOARDPREP_DATA, else the platform's user-data folder)`,
  async run(args, env, io) {
    const { flags, positionals } = parseArgs(args, { flags: ['json'] });
    if (positionals.length) throw new UsageError(`Unexpected argument: ${positionals[0]}`);
    const db = openDatabase(env.dataDir);
    try {
      const result = loadDemoBoard(db, env.resourcesDir);
      if (flags.has('json')) {
        io.out(JSON.stringify({ dataDir: env.dataDir, ...result }));
      } else {
        io.out(`Demo board loaded into ${env.dataDir}: ${result.casesCreated} cases created.`);
        for (const s of result.skipped) io.out(`  skipped ${s}`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
