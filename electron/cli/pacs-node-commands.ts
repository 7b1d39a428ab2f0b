import { JobRegistry } from '../services/jobs/job-registry';
import { PacsService } from '../services/pacs/pacs-service';
import { PACS_AUTH, PacsNodeInput, type PacsNode } from '../../shared/domain/pacs';
import { parseOptions, UsageError } from './command';
import type { PacsSubcommand } from './pacs-command';
import { readSecret } from './secret-input';

/** boardprep pacs add | list | test: the PACS nodes of this data folder (issue 15 item 1). */

/** "ORTHANC@pacs.local:4242" → its three parts. */
function parseDimse(address: string): { calledAet: string; host: string; port: number } {
  const m = /^([^@]+)@(.+):(\d+)$/.exec(address);
  if (!m) throw new UsageError(`--dimse takes AET@HOST:PORT (e.g. ORTHANC@pacs.local:4242), not "${address}"`);
  return { calledAet: m[1], host: m[2], port: Number(m[3]) };
}

function describeNode(node: PacsNode): string {
  const parts: string[] = [];
  if (node.dicomweb)
    parts.push(`DICOMweb ${node.dicomweb.url}${node.dicomweb.auth === 'none' ? '' : ` (${node.dicomweb.auth})`}`);
  if (node.dimse) {
    const d = node.dimse;
    const move = d.retrieve === 'c-move' ? `, C-MOVE to port ${d.movePort}` : '';
    parts.push(`DIMSE ${d.calledAet}@${d.host}:${d.port} as ${d.ourAet}${d.tls ? ' over TLS' : ''}${move}`);
  }
  return parts.join('; ');
}

const add: PacsSubcommand = {
  usage:
    'boardprep pacs add NAME (--dicomweb URL | --dimse AET@HOST:PORT) [--our-aet AET] [--auth none|basic|bearer ' +
    '--user U --secret-stdin] [--ca-file F] [--tls] [--retrieve c-get|c-move --move-port N] [--prefer dicomweb|dimse]',
  async run(args, { db, env }, io) {
    const { values, positionals } = parseOptions(
      args,
      {
        dicomweb: { type: 'string' },
        dimse: { type: 'string' },
        'our-aet': { type: 'string' },
        auth: { type: 'string' },
        user: { type: 'string' },
        'secret-stdin': { type: 'boolean' },
        'ca-file': { type: 'string' },
        tls: { type: 'boolean' },
        retrieve: { type: 'string' },
        'move-port': { type: 'string' },
        prefer: { type: 'string' },
      },
      { positionals: true },
    );
    if (positionals.length !== 1) throw new UsageError('Give the node one name (quote it if it has spaces)');
    if (!values.dicomweb && !values.dimse)
      throw new UsageError('Give --dicomweb URL or --dimse AET@HOST:PORT (or both)');
    const auth = values.auth ?? 'none';
    if (!(PACS_AUTH as readonly string[]).includes(auth))
      throw new UsageError(`--auth is one of ${PACS_AUTH.join(', ')}, not "${auth}"`);
    if (auth !== 'none' && !values.dicomweb) throw new UsageError('--auth is for a DICOMweb node (--dicomweb URL)');
    if (values['move-port'] !== undefined && !/^\d+$/.test(values['move-port']))
      throw new UsageError(`--move-port is a port number, not "${values['move-port']}"`);
    const secret =
      auth === 'none'
        ? null
        : await readSecret(
            values['secret-stdin'] === true,
            auth === 'basic' ? `Password for ${values.user ?? ''}: ` : 'Bearer token: ',
            io.stdin,
          );
    const parsed = PacsNodeInput.safeParse({
      name: positionals[0],
      dicomweb: values.dicomweb
        ? { url: values.dicomweb, auth, username: values.user ?? '', caFile: values['ca-file'] ?? '' }
        : null,
      dimse: values.dimse
        ? {
            ...parseDimse(values.dimse),
            ...(values['our-aet'] === undefined ? {} : { ourAet: values['our-aet'] }),
            tls: values.tls === true,
            caFile: values.dicomweb ? '' : (values['ca-file'] ?? ''),
            retrieve: values.retrieve ?? 'c-get',
            movePort: values['move-port'] === undefined ? null : Number(values['move-port']),
          }
        : null,
      secret,
      prefer: values.prefer ?? (values.dicomweb ? 'dicomweb' : 'dimse'),
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
    const node = new PacsService({ db, dataDir: env.dataDir, jobs: new JobRegistry() }).nodes.save(
      null,
      0,
      parsed.data,
    );
    env.log.info('pacs node added', { id: node.id });
    io.out(`Added PACS node ${node.name}: ${describeNode(node)}.`);
    io.out(`Check it with: boardprep pacs test "${node.name}"`);
    return 0;
  },
};

const list: PacsSubcommand = {
  usage: 'boardprep pacs list [--json]',
  async run(args, { db, env }, io) {
    const { values } = parseOptions(args, { json: { type: 'boolean' } });
    const nodes = new PacsService({ db, dataDir: env.dataDir, jobs: new JobRegistry() }).nodes.list();
    if (values.json) io.out(JSON.stringify(nodes));
    else if (nodes.length === 0) io.out('No PACS node yet: add one with boardprep pacs add.');
    else
      for (const n of nodes)
        io.out(`${n.name.padEnd(16)} ${describeNode(n)}${n.dicomweb && n.dimse ? `  (prefers ${n.prefer})` : ''}`);
    return 0;
  },
};

const test: PacsSubcommand = {
  usage: 'boardprep pacs test NAME',
  async run(args, { db, env }, io) {
    const { positionals } = parseOptions(args, {}, { positionals: true });
    if (positionals.length !== 1) throw new UsageError('Give the name of one node (boardprep pacs list)');
    const pacs = new PacsService({ db, dataDir: env.dataDir, jobs: new JobRegistry() });
    const node = pacs.nodes.byName(positionals[0]);
    const results = await pacs.test(node.id);
    for (const r of results)
      io.out(
        `${node.name} ${r.transport === 'dicomweb' ? 'DICOMweb' : 'DIMSE'}: ${r.ok ? 'OK' : 'FAILED'}: ${r.message}`,
      );
    env.log.info('pacs node tested', { id: node.id, ok: results.every((r) => r.ok) });
    return results.every((r) => r.ok) ? 0 : 1;
  },
};

export const PACS_NODE_COMMANDS: Record<string, PacsSubcommand> = { add, list, test };
