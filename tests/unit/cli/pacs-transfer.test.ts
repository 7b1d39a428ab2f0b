import { Readable } from 'node:stream';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/cli';
import type { CliIo } from '../../../electron/cli/command';
import { openDatabase } from '../../../electron/db/open';
import { CasesService } from '../../../electron/services/cases/cases-service';
import { listStudiesOfCase } from '../../../electron/services/dicom/dicom-sql';
import { CaseInput } from '../../../shared/domain/case';
import { CT_SERIES } from '../../fixtures';
import { filesUnder, freePort, startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { caseInput } from '../helpers/case-input';
import { tempDataDir } from '../helpers/temp';

// boardprep pacs add | list | test | query | retrieve, in-process, against a real Orthanc.

const appRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const STUDY = '1.3.6.1.4.1.25403.345050719074.3824.20170126085406.1';

async function run(argv: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    progress: (l) => progress.push(l),
    stdin: stdin === undefined ? undefined : Readable.from([stdin]),
  };
  const code = await runCli(argv, { appRoot, version: '9.9.9' }, io);
  return { code, out: out.join('\n'), err: err.join('\n'), progress };
}

let orthanc: Orthanc;
beforeAll(async () => {
  orthanc = await startOrthanc();
  await orthanc.upload(filesUnder(CT_SERIES));
}, 120_000);
afterAll(async () => {
  await orthanc?.stop();
});

function withCase(dir: string, mrn = '0000006'): number {
  const db = openDatabase(dir);
  try {
    return new CasesService(db).create(CaseInput.parse(caseInput({ patient: { mrn } }))).id;
  } finally {
    db.close();
  }
}

describe('boardprep pacs', () => {
  it('adds, lists and tests nodes; a test that fails exits 1 with the plain reason', async () => {
    const dir = tempDataDir();
    expect(await run(['pacs', 'add', 'Web', '--dicomweb', orthanc.dicomweb, '--data', dir])).toMatchObject({
      code: 0,
      out: expect.stringContaining(`Added PACS node Web: DICOMweb ${orthanc.dicomweb}.`),
    });
    const dimse = `${orthanc.aet}@127.0.0.1:${orthanc.dicomPort}`;
    expect(
      await run(['pacs', 'add', 'Modality', '--dimse', dimse, '--our-aet', 'BOARDPREP', '--data', dir]),
    ).toMatchObject({ code: 0 });
    const secured = await run(
      [
        'pacs',
        'add',
        'Locked',
        '--dicomweb',
        orthanc.dicomweb,
        '--auth',
        'basic',
        '--user',
        'ada',
        '--secret-stdin',
        '--data',
        dir,
      ],
      's3cret\n',
    );
    expect(secured).toMatchObject({ code: 0, out: expect.stringContaining('(basic)') });

    const list = await run(['pacs', 'list', '--data', dir]);
    expect(list.out.split('\n')).toEqual([
      expect.stringMatching(/^Locked\s+DICOMweb http.* \(basic\)$/),
      expect.stringMatching(new RegExp(`^Modality\\s+DIMSE ${dimse} as BOARDPREP$`)),
      expect.stringMatching(/^Web\s+DICOMweb http/),
    ]);
    const json = JSON.parse((await run(['pacs', 'list', '--json', '--data', dir])).out) as Record<string, unknown>[];
    expect(json).toHaveLength(3);
    expect(JSON.stringify(json)).not.toContain('s3cret');

    expect(await run(['pacs', 'test', 'web', '--data', dir])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Web DICOMweb: OK: /),
    });
    expect(await run(['pacs', 'test', 'Modality', '--data', dir])).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Modality DIMSE: OK: /),
    });

    const port = await freePort();
    await run(['pacs', 'add', 'Nowhere', '--dimse', `PACS@127.0.0.1:${port}`, '--data', dir]);
    const failed = await run(['pacs', 'test', 'Nowhere', '--data', dir]);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(new RegExp(`^Nowhere DIMSE: FAILED: .*(refused|127\\.0\\.0\\.1:${port})`));

    expect(await run(['pacs', 'add', 'Bad', '--dimse', 'nonsense', '--data', dir])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--dimse takes AET@HOST:PORT'),
    });
    expect(await run(['pacs', 'add', 'Web', '--dicomweb', orthanc.dicomweb, '--data', dir])).toMatchObject({
      code: 1,
      err: 'boardprep pacs add: A PACS node is already called "Web".',
    });
    expect(await run(['pacs', 'test', 'Ghost', '--data', dir])).toMatchObject({
      code: 1,
      err: expect.stringContaining('no PACS node called "Ghost"'),
    });
  });

  it('queries a patient, retrieves the study into a case with progress, and the query then marks it imported', async () => {
    const dir = tempDataDir();
    const caseId = withCase(dir);
    await run(['pacs', 'add', 'Web', '--dicomweb', orthanc.dicomweb, '--data', dir]);

    const found = await run(['pacs', 'query', 'Web', '--patient-id', '0000006', '--data', dir]);
    expect(found.code).toBe(0);
    const lines = found.out.split('\n');
    expect(lines[0]).toBe('1 study on Web for Bellona (ID 0000006), newest first:');
    expect(lines[2]).toMatch(
      new RegExp(`^26 Oct 2015 CT\\s+CT CHEST W CONTRAST\\s+1/37\\s+${STUDY.replace(/\./g, '\\.')}$`),
    );
    expect(found.out).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    const got = await run([
      'pacs',
      'retrieve',
      'Web',
      '--study',
      STUDY,
      '--case',
      String(caseId),
      '--confirm-mismatch',
      '--data',
      dir,
    ]);
    expect(got).toMatchObject({
      code: 0,
      out: `Retrieved 37 instances from Web (DICOMweb), into case ${caseId}: 37 imported, 0 duplicates, 0 rejected.`,
    });
    expect(got.progress).toEqual(expect.arrayContaining(['receiving: 37 of 37', 'importing: 37 imported']));

    const again = await run(['pacs', 'query', 'Web', '--patient-id', '0000006', '--json', '--data', dir]);
    expect(JSON.parse(again.out)).toMatchObject([{ studyUid: STUDY, imported: 'all', date: '2015-10-26' }]);
    expect((await run(['pacs', 'query', 'Web', '--patient-id', '0000006', '--data', dir])).out).toContain(' imported ');

    const db = openDatabase(dir);
    try {
      expect(listStudiesOfCase(db, caseId)).toMatchObject([{ instance_count: 37 }]);
    } finally {
      db.close();
    }
  });

  it('retrieves by C-GET without a case (unattached, --json), and says so for a patient mismatch', async () => {
    const dir = tempDataDir();
    await run(['pacs', 'add', 'Modality', '--dimse', `${orthanc.aet}@127.0.0.1:${orthanc.dicomPort}`, '--data', dir]);
    const got = await run(['pacs', 'retrieve', 'Modality', '--study', STUDY, '--json', '--data', dir]);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.out)).toMatchObject({
      transport: 'dimse',
      received: 37,
      import: { counts: { imported: 37 }, attachedStudies: [] },
    });

    const other = withCase(dir, 'T-1001');
    const mismatch = await run([
      'pacs',
      'retrieve',
      'Modality',
      '--study',
      STUDY,
      '--case',
      String(other),
      '--data',
      dir,
    ]);
    expect(mismatch.code).toBe(0);
    expect(mismatch.out).toContain(`Not attached to case ${other}: the patient in these studies differs`);
    expect(mismatch.out).toContain('--confirm-mismatch');
  });

  it('refuses a bad command line with exit 2', async () => {
    const dir = tempDataDir();
    expect(await run(['pacs', 'retrieve', 'Web', '--data', dir])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--study UID is required'),
    });
    expect(await run(['pacs', 'retrieve', 'Web', '--study', '../etc', '--data', dir])).toMatchObject({
      code: 2,
      err: expect.stringContaining('not a DICOM UID'),
    });
    expect(await run(['pacs', 'retrieve', 'Web', '--study', STUDY, '--case', '99', '--data', dir])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Case 99 does not exist'),
    });
    expect(await run(['pacs', 'query', 'Web', '--data', dir])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Give the patient ID'),
    });
  });
});
