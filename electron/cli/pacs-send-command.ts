import type { PacsSendProgress } from '../../shared/contract/pacs';
import { printable } from '../../shared/printable';
import { caseExists } from '../services/imaging/imaging-sql';
import { PacsError } from '../services/pacs/client';
import { clientFor } from '../services/pacs/client-for';
import { sentSummary } from '../../shared/imaging/key-objects-text';
import { PacsNodesService } from '../services/pacs/nodes-service';
import { sendKeyImages } from '../services/pacs/send-service';
import { DomainError } from '../services/errors';
import { parseOptions, UsageError } from './command';
import type { PacsSubcommand } from './pacs-command';

function progressLine(p: PacsSendProgress): string {
  if (p.phase === 'writing') return `writing key objects: ${p.sent}`;
  if (p.phase === 'sending') return `sending: ${p.sent} of ${p.total ?? '?'}`;
  return 'starting';
}

/** boardprep pacs send NAME --case ID [--json] (issue 15 item 6). */
export const PACS_SEND_COMMANDS: Record<string, PacsSubcommand> = {
  send: {
    usage: 'boardprep pacs send NAME --case ID [--json]',
    async run(args, { db, env }, io) {
      const { values, positionals } = parseOptions(
        args,
        { case: { type: 'string' }, json: { type: 'boolean' } },
        { positionals: true },
      );
      if (positionals.length !== 1) throw new UsageError('Name the PACS node to send to: boardprep pacs send NAME');
      if (values.case === undefined) throw new UsageError('Say which case: --case ID');
      if (!/^[1-9]\d*$/.test(values.case)) throw new UsageError(`--case must be a case number, not "${values.case}"`);
      const caseId = Number(values.case);
      if (!caseExists(db, caseId)) throw new UsageError(`Case ${caseId} does not exist`);
      const node = new PacsNodesService(db).byName(positionals[0]);

      const client = clientFor(node);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      let progress: PacsSendProgress = { phase: 'starting', total: null, sent: 0 };
      try {
        const result = await sendKeyImages({ db, dataDir: env.dataDir, node, client }, caseId, {
          signal: controller.signal,
          report: (p) => {
            progress = { ...progress, ...p };
            io.progress(progressLine(progress));
          },
        });
        io.progress('');
        env.log.info('pacs send finished', {
          caseId,
          secondaryCaptures: result.secondaryCaptures,
          keyObjects: result.keyObjects,
        });
        if (values.json) io.out(JSON.stringify(result));
        else io.out(printable(`${sentSummary(result)} (${result.transport === 'dicomweb' ? 'STOW-RS' : 'C-STORE'}).`));
        return 0;
      } catch (err) {
        io.progress('');
        if (controller.signal.aborted) {
          io.err('boardprep pacs send: cancelled; what the PACS already accepted stays there');
          return 130;
        }
        // The dispatcher says DomainError and PacsError; a missing source image or render is a plain Error here.
        if (err instanceof DomainError || err instanceof PacsError || !(err instanceof Error)) throw err;
        env.log.error('pacs send failed', err);
        io.err(printable(`boardprep pacs send: ${err.message}`));
        return 1;
      } finally {
        process.removeListener('SIGINT', onSigint);
        await client.close();
      }
    },
  },
};
