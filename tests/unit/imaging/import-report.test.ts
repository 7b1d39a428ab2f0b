import { CHAIR } from '../helpers/caller';
import { Readable } from 'node:stream';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlersFor } from '../../../electron/host/handlers';
import { dispatch } from '../../../electron/host/dispatch';
import { answerMedia } from '../../../electron/host/media';
import { createServices } from '../../../electron/host/services';
import { formatPersonName } from '../../../shared/domain/imaging';
import type { ImportJobStatus } from '../../../shared/contract/jobs';
import { caseWithCt, CT_SERIES } from './fixtures';
import { RESOURCES_DIR } from '../helpers/temp';
import { requestBody } from '../../../electron/host/body';
import { jobEnd } from '../helpers/jobs';

const CD = path.join(CT_SERIES, '..', 'cd-dicomdir');

async function setup() {
  const base = await caseWithCt();
  const services = createServices({ db: base.db, dataDir: base.dataDir, resourcesDir: RESOURCES_DIR, version: 't' });
  const handlers = handlersFor(services);
  let batchNo = 0;
  /** Uploads files as the browser does (name = the relative path it knows) and imports them into the case. */
  async function uploadAndImport(files: { name: string; from: string }[]): Promise<ImportJobStatus> {
    const batch = `batch-${++batchNo}-abcdefgh`;
    let n = 0;
    for (const f of files) {
      await answerMedia(
        services,
        'PUT',
        new URL(`/media/uploads/${batch}/${n++}?name=${encodeURIComponent(f.name)}`, 'http://127.0.0.1/'),
        requestBody(Readable.from([readFileSync(f.from)])),
      );
    }
    const started = await dispatch(handlers, 'imaging:importUpload', { batchId: batch, caseId: base.caseId }, CHAIR);
    if (!started.ok) throw new Error(started.error.message);
    return jobEnd(handlers, (started.value as { jobId: string }).jobId);
  }
  return { ...base, uploadAndImport };
}

describe('the import report the renderer gets', () => {
  it('a DICOMDIR uploaded alone is counted and listed as not imported, with how many files it lists', async () => {
    const { uploadAndImport } = await setup();
    const job = await uploadAndImport([{ name: 'DICOMDIR', from: path.join(CD, 'DICOMDIR') }]);
    expect(job.state).toBe('done');
    expect(job.result!.counts).toMatchObject({ scanned: 1, imported: 0, rejected: 1, indexFiles: 0 });
    expect(job.result!.incompleteDicomdirs).toEqual([{ path: 'DICOMDIR', listed: 31, missing: 31 }]);
    expect(job.result!.rejected.map((r) => r.path)).toEqual(['DICOMDIR']);
  });

  it('a CD folder uploaded: DICOMDIR files are counted as index files, so the numbers add up to what was chosen', async () => {
    const { uploadAndImport } = await setup();
    const chosen = readdirSync(CD, { recursive: true })
      .map(String)
      .filter((f) => statSync(path.join(CD, f)).isFile());
    expect(chosen).toHaveLength(39);
    const job = await uploadAndImport(chosen.map((f) => ({ name: `cd-dicomdir/${f}`, from: path.join(CD, f) })));
    const c = job.result!.counts;
    expect(c).toMatchObject({ imported: 31, duplicates: 0, rejected: 1, indexFiles: 7 });
    expect(c.scanned + c.indexFiles!).toBe(39);
    expect(job.result!.incompleteDicomdirs).toEqual([]);
  });

  it('each study waiting for confirmation says what it is: date, description, modalities, images', async () => {
    const { uploadAndImport } = await setup();
    const chosen = readdirSync(CD, { recursive: true })
      .map(String)
      .filter((f) => /^\d+\/\w+\/\d+$/.test(f.split(path.sep).join('/')));
    const job = await uploadAndImport([
      { name: 'cd/DICOMDIR', from: path.join(CD, 'DICOMDIR') },
      ...chosen.map((f) => ({ name: `cd/${f}`, from: path.join(CD, f) })),
    ]);
    const studies = job.result!.needsConfirmation;
    expect(studies).toHaveLength(6);
    expect(new Set(studies.map((s) => s.studyInstanceUid)).size).toBe(6);
    const peter = studies.filter((s) => s.dicomPatientName === 'Doe^Peter');
    expect(peter.map((s) => [s.studyDate, s.studyDescription, s.modalities, s.imageCount]).sort()).toEqual([
      ['2001-01-01', null, ['CT'], 7],
      ['2003-05-05', 'Brain', ['MR'], 4],
      ['2003-05-05', 'Brain-MRA', ['MR'], 11],
      ['2003-05-05', 'Carotids', ['MR'], 2],
    ]);
    expect(peter[0].reason).toContain('name "Peter Doe"');
  });
});

describe('formatPersonName', () => {
  it('writes a DICOM PN (family^given^middle^prefix^suffix) as people do', () => {
    expect(formatPersonName('Doe^Peter')).toBe('Peter Doe');
    expect(formatPersonName('Doe^Peter^^^')).toBe('Peter Doe');
    expect(formatPersonName('Smith^John^Quincy^Dr^Jr')).toBe('Dr John Quincy Smith, Jr');
    expect(formatPersonName('Yamada^Tarou=山田^太郎')).toBe('Tarou Yamada');
    expect(formatPersonName('Bellona')).toBe('Bellona');
    expect(formatPersonName('')).toBeNull();
    expect(formatPersonName(null)).toBeNull();
  });
});
