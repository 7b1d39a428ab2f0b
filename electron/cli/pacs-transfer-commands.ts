import { getCasePatient } from '../services/dicom/dicom-sql';
import { ImportFailedError } from '../services/dicom/import-service';
import { sweepImageStore } from '../services/dicom/sweep';
import { JobRegistry } from '../services/jobs/job-registry';
import { PacsError } from '../services/pacs/client';
import { clientFor } from '../services/pacs/client-for';
import { PacsService } from '../services/pacs/pacs-service';
import { RetrieveCancelled, retrieveIntoCase } from '../services/pacs/retrieve-service';
import { isUid } from '../services/pacs/staging';
import type { PacsRetrieveProgress, PacsRetrieveResult } from '../../shared/contract/pacs';
import { dayMonthYear } from '../../shared/dates';
import { PacsStudyQuery, type PacsImported, type PacsStudy } from '../../shared/domain/pacs';
import { printable } from '../../shared/printable';
import { parseOptions, UsageError, type CliIo } from './command';
import type { PacsSubcommand } from './pacs-command';

/** boardprep pacs query | retrieve: find a patient's studies on a node, and bring one into BoardPrep (items 2 and 4). */

const IMPORTED: Record<PacsImported, string> = { all: 'imported', some: 'partly imported', none: '' };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const count = (n: number | null) => (n === null ? '?' : String(n));

function studyLine(s: PacsStudy): string {
  return [
    (dayMonthYear(s.date) || 'no date').padEnd(11),
    (s.modalities.join('/') || '-').padEnd(8),
    (s.description || '(no description)').padEnd(28),
    `${count(s.seriesCount)}/${count(s.instanceCount)}`.padEnd(9),
    IMPORTED[s.imported].padEnd(15),
    s.studyUid,
  ].join(' ');
}

const query: PacsSubcommand = {
  usage:
    'boardprep pacs query NAME --patient-id ID [--name N] [--from YYYY-MM-DD --to YYYY-MM-DD] [--modality M] ' +
    '[--accession A] [--json]',
  async run(args, { db, env }, terminal) {
    const { values, positionals } = parseOptions(
      args,
      {
        'patient-id': { type: 'string' },
        name: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        modality: { type: 'string' },
        accession: { type: 'string' },
        json: { type: 'boolean' },
      },
      { positionals: true },
    );
    if (positionals.length !== 1) throw new UsageError('Give the name of one node (boardprep pacs list)');
    const parsed = PacsStudyQuery.safeParse({
      patientId: values['patient-id'] ?? '',
      patientName: values.name ?? '',
      from: values.from ?? null,
      to: values.to ?? null,
      modality: values.modality ?? '',
      accession: values.accession ?? '',
    });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
    const pacs = new PacsService({ db, dataDir: env.dataDir, jobs: new JobRegistry() });
    const node = pacs.nodes.byName(positionals[0]);
    const studies = await pacs.query(node.id, parsed.data);
    env.log.info('pacs query', { node: node.id, studies: studies.length });
    if (values.json) {
      terminal.out(JSON.stringify(studies));
      return 0;
    }
    // Descriptions and names come from the PACS: never let them drive the terminal.
    const io = { out: (line: string) => terminal.out(printable(line)) };
    if (studies.length === 0) {
      io.out(`No study on ${node.name} matches.`);
      return 0;
    }
    const patients = [
      ...new Set(studies.map((s) => `${s.patientName.replace(/\^/g, ' ').trim()} (ID ${s.patientId})`)),
    ];
    io.out(`${plural(studies.length, 'study', 'studies')} on ${node.name} for ${patients.join(', ')}, newest first:`);
    io.out(
      [
        'Date'.padEnd(11),
        'Modality'.padEnd(8),
        'Description'.padEnd(28),
        'Ser/Img'.padEnd(9),
        ''.padEnd(15),
        'Study UID',
      ].join(' '),
    );
    for (const s of studies) io.out(studyLine(s));
    return 0;
  },
};

function progressLine(p: PacsRetrieveProgress): string {
  const of = p.expected === null ? '' : ` of ${p.expected}`;
  const held = p.skipped > 0 ? ` (${p.skipped} already here)` : '';
  if (p.phase === 'importing') return `importing: ${p.imported} imported${held}`;
  if (p.phase === 'receiving') return `receiving: ${p.received + p.skipped}${of}${held}`;
  return `${p.phase}...`;
}

function printResult(r: PacsRetrieveResult, caseId: number | undefined, terminal: CliIo): void {
  const io = { out: (line: string) => terminal.out(printable(line)) };
  const c = r.import.counts;
  const where = caseId === undefined ? 'not attached to a case' : `into case ${caseId}`;
  io.out(
    `Retrieved ${plural(r.received, 'instance')} from ${r.node} (${r.transport === 'dicomweb' ? 'DICOMweb' : 'DIMSE'}` +
      `${r.skipped > 0 ? `; ${r.skipped} already here, not fetched again` : ''}), ${where}: ` +
      `${c.imported} imported, ${plural(c.duplicates, 'duplicate')}, ${c.rejected} rejected.`,
  );
  if (r.import.rejected.length > 0) {
    io.out('Rejected instances:');
    for (const x of r.import.rejected) io.out(`  ${x.path}: ${x.reason}`);
  }
  if (r.import.needsConfirmation.length > 0) {
    io.out(`Not attached to case ${caseId}: the patient in these studies differs from the case's patient:`);
    for (const m of r.import.needsConfirmation) io.out(`  study ${m.studyInstanceUid}: ${m.reason}`);
    io.out(
      "  Check the images are this patient's, then run the retrieve again with --confirm-mismatch to attach them.",
    );
  }
}

const retrieve: PacsSubcommand = {
  usage: 'boardprep pacs retrieve NAME --study UID [--series UID ...] [--case ID] [--confirm-mismatch] [--json]',
  async run(args, { db, env }, io) {
    const { values, positionals } = parseOptions(
      args,
      {
        study: { type: 'string' },
        series: { type: 'string', multiple: true },
        case: { type: 'string' },
        'confirm-mismatch': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      { positionals: true },
    );
    if (positionals.length !== 1) throw new UsageError('Give the name of one node (boardprep pacs list)');
    if (!values.study) throw new UsageError('--study UID is required (boardprep pacs query shows the UIDs)');
    for (const uid of [values.study, ...(values.series ?? [])])
      if (!isUid(uid)) throw new UsageError(`"${uid}" is not a DICOM UID (digits and dots)`);
    let caseId: number | undefined;
    if (values.case !== undefined) {
      if (!/^[1-9]\d*$/.test(values.case)) throw new UsageError(`--case must be a case number, not "${values.case}"`);
      caseId = Number(values.case);
      if (!getCasePatient(db, caseId)) throw new UsageError(`Case ${caseId} does not exist`);
    }
    if (values['confirm-mismatch'] && caseId === undefined) throw new UsageError('--confirm-mismatch needs --case');
    const pacs = new PacsService({ db, dataDir: env.dataDir, jobs: new JobRegistry() });
    const node = pacs.nodes.byName(positionals[0]);

    await sweepImageStore(db, env.dataDir);
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    const progress: PacsRetrieveProgress = { phase: 'starting', expected: null, received: 0, skipped: 0, imported: 0 };
    const client = clientFor(node);
    try {
      const result = await retrieveIntoCase(
        { db, dataDir: env.dataDir, node, client },
        {
          caseId,
          studyUid: values.study,
          seriesUids: values.series ?? [],
          confirmMismatch: values['confirm-mismatch'] === true,
        },
        {
          signal: controller.signal,
          report: (p) => io.progress(progressLine(Object.assign(progress, p))),
        },
      );
      io.progress('');
      env.log.info('pacs retrieve finished', {
        transfer: result.transferId,
        received: result.received,
        skipped: result.skipped,
        imported: result.import.counts.imported,
        rejected: result.import.counts.rejected,
      });
      if (values.json) io.out(JSON.stringify(result));
      else printResult(result, caseId, io);
      return 0;
    } catch (e) {
      io.progress('');
      if (e instanceof RetrieveCancelled) {
        io.err(
          `boardprep pacs retrieve: cancelled after ${plural(progress.received, 'instance')}: nothing was added. ` +
            'What arrived is kept: the same command fetches only the rest.',
        );
        return 130;
      }
      if (e instanceof PacsError || e instanceof ImportFailedError) {
        env.log.error('pacs retrieve failed', e);
        io.err(`boardprep pacs retrieve: ${e.message}`);
        if (e instanceof PacsError && progress.received > 0)
          io.err(`The ${plural(progress.received, 'instance')} received are kept: run the same command to resume.`);
        return 1;
      }
      throw e;
    } finally {
      process.removeListener('SIGINT', onSigint);
      await client.close();
    }
  },
};

export const PACS_TRANSFER_COMMANDS: Record<string, PacsSubcommand> = { query, retrieve };
