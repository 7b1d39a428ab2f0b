import path from 'node:path';
import { openDatabase } from '../db/open';
import { AuditService, describeBreak } from '../services/audit/audit-service';
import { writeFileAtomic } from '../services/export/atomic';
import { AuditFilter } from '../../shared/contract/audit';
import { parseOptions, UsageError, type Command } from './command';

const HELP = `Usage: boardprep audit <verify|export> [options] [--data DIR]

The audit trail: every change to the record (before and after), every opening of a patient's record, every
export, import, sign-in and failed sign-in, each entry sealed with the hash of the one before it.

  boardprep audit verify [--json]
      Walks the whole chain: every entry's hash against its content, every link to the entry before it, no
      entry missing in between or at the end. Exit code 0 when intact; 1 naming the first broken entry.
      The run itself is logged in the trail.

  boardprep audit export --to FILE [--patient MRN|NAME] [--user NAME] [--action ACTION]
                         [--from YYYY-MM-DD] [--to-date YYYY-MM-DD]
      Writes the entries (newest first) as CSV (RFC 4180, a header row, dates as stored in UTC, the values
      before and after as JSON) to FILE, replacing it. Days are local calendar days, both included. The export
      is logged in the trail.`;

export const auditCommand: Command = {
  name: 'audit',
  summary: 'Verify the audit trail’s hash chain, or export it as CSV',
  help: HELP,
  async run(args, env, io) {
    const [verb, ...rest] = args;
    if (verb !== 'verify' && verb !== 'export')
      throw new UsageError(verb ? `Unknown audit command "${verb}"` : 'Say what to do: verify or export');
    const db = openDatabase(env.dataDir);
    try {
      const audit = new AuditService(db);
      if (verb === 'verify') {
        const { values } = parseOptions(rest, { json: { type: 'boolean' } });
        const result = audit.verify();
        if (values.json) io.out(JSON.stringify(result));
        else if (result.ok) io.out(`The audit trail is intact: ${result.entries} entries, every hash and link holds.`);
        else io.out(`The audit trail is broken. ${describeBreak(result.firstBroken!)}`);
        return result.ok ? 0 : 1;
      }
      const { values } = parseOptions(rest, {
        to: { type: 'string' },
        patient: { type: 'string' },
        user: { type: 'string' },
        action: { type: 'string' },
        from: { type: 'string' },
        'to-date': { type: 'string' },
      });
      if (!values.to) throw new UsageError('--to FILE is required');
      const filter = AuditFilter.safeParse({
        patient: values.patient,
        user: values.user,
        action: values.action,
        from: values.from,
        to: values['to-date'],
      });
      if (!filter.success) {
        const issue = filter.error.issues[0];
        const option = issue.path[0] === 'to' ? 'to-date' : String(issue.path[0]);
        throw new UsageError(`--${option}: ${issue.message}`);
      }
      const file = path.resolve(values.to);
      const { csv, rows } = audit.csv(filter.data);
      writeFileAtomic(file, Buffer.from(csv, 'utf8'), { overwrite: true });
      io.out(`Wrote ${rows} audit entr${rows === 1 ? 'y' : 'ies'} to ${file}.`);
      return 0;
    } finally {
      db.close();
    }
  },
};
