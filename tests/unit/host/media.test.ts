import { CHAIR } from '../helpers/caller';
import { Readable } from 'node:stream';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handlersFor } from '../../../electron/host/handlers';
import { dispatch } from '../../../electron/host/dispatch';
import { jobEnd } from '../helpers/jobs';
import { requestBody } from '../../../electron/host/body';
import { answerMedia } from '../../../electron/host/media';
import { createServices } from '../../../electron/host/services';
import { safeRelativePath, uploadDir } from '../../../electron/host/uploads';
import { CT_SERIES, caseWithCt, PNG_1X1 } from '../imaging/fixtures';
import { RESOURCES_DIR } from '../helpers/temp';

async function setup() {
  const base = await caseWithCt();
  const services = createServices({ db: base.db, dataDir: base.dataDir, resourcesDir: RESOURCES_DIR, version: 't' });
  const media = (method: string, url: string, body = Buffer.alloc(0)) =>
    answerMedia(services, method, new URL(url, 'http://127.0.0.1/'), requestBody(Readable.from([body])));
  return { ...base, services, handlers: handlersFor(services), media };
}

describe('media routes (shared by the web host and the desktop protocol)', () => {
  it('serve a stored DICOM file byte for byte, and 404 for an unknown one', async () => {
    const { media, sops, services } = await setup();
    const answer = await media('GET', `/media/instances/${sops[0]}`);
    expect(answer).toMatchObject({ status: 200, contentType: 'application/dicom' });
    const stored = readFileSync((answer as { file: string }).file);
    const original = readdirSync(CT_SERIES)
      .map((f) => readFileSync(path.join(CT_SERIES, f)))
      .find((b) => b.equals(stored));
    expect(original).toBeDefined();
    expect(await media('GET', '/media/instances/1.2.3.4')).toMatchObject({ status: 404 });
    expect(await media('GET', '/media/instances/..%2F..%2Fboardprep.db')).toMatchObject({ status: 404 });
    expect(services.studies.instanceFile('1.2.3')).toBeNull();
  });

  it('take a rendered PNG and serve it back once a key image claims it', async () => {
    const { media, handlers, caseId, sops } = await setup();
    expect(await media('PUT', '/media/renders/token-abc-123.png', PNG_1X1)).toMatchObject({ status: 201 });
    expect(await media('PUT', '/media/renders/token-abc-456.png', Buffer.from('not a png'))).toMatchObject({
      status: 400,
      text: expect.stringContaining('not a PNG'),
    });
    const created = await dispatch(
      handlers,
      'keyImages:create',
      {
        caseId,
        sopInstanceUid: sops[4],
        frame: 0,
        caption: 'Mass',
        view: { windowCenter: 40, windowWidth: 400, invert: false, scale: 1, translation: { x: 0, y: 0 } },
        annotations: [],
        renderToken: 'token-abc-123',
      },
      CHAIR,
    );
    expect(created.ok).toBe(true);
    const { renderUrl } = (created as { value: { renderUrl: string } }).value;
    const png = await media('GET', renderUrl);
    expect(readFileSync((png as { file: string }).file).equals(PNG_1X1)).toBe(true);
  });

  it('import an uploaded CD tree as one job: DICOMDIR followed, upload folder removed, user paths in the report', async () => {
    const { media, handlers, caseId, dataDir } = await setup();
    const cd = path.join(CT_SERIES, '..', 'cd-dicomdir');
    const files = [
      'DICOMDIR',
      ...readdirSync(cd, { recursive: true })
        .map(String)
        .filter((f) => /^\d+\//.test(f) && !f.endsWith('/') && /\/\d+$/.test(f)),
    ];
    const batch = 'batch-0001-abcd';
    let n = 0;
    for (const f of [...files, 'README.txt']) {
      expect(
        await media(
          'PUT',
          `/media/uploads/${batch}/${n++}?name=${encodeURIComponent(`cd/${f}`)}`,
          readFileSync(path.join(cd, f)),
        ),
      ).toMatchObject({ status: 201 });
    }
    const started = await dispatch(handlers, 'imaging:importUpload', { batchId: batch, caseId }, CHAIR);
    const job = await jobEnd(handlers, (started as { value: { jobId: string } }).value.jobId);
    expect(job.state).toBe('done');
    expect(job.result!.counts.imported).toBeGreaterThan(10);
    expect(job.result!.rejected.map((r) => r.path)).toContain(path.join('cd', 'README.txt'));
    expect(existsSync(uploadDir(dataDir, batch))).toBe(false);
  });

  it('keep uploads inside their batch whatever the file name says', () => {
    expect(safeRelativePath('../../etc/passwd', 0)).toBe(path.join('etc', 'passwd'));
    expect(safeRelativePath('/abs/DICOMDIR', 1)).toBe(path.join('abs', 'DICOMDIR'));
    expect(safeRelativePath('..', 2)).toBe('file-2');
    expect(safeRelativePath('CD 1/IMG 0001.dcm', 3)).toBe(path.join('CD_1', 'IMG_0001.dcm'));
    expect(() => uploadDir('/data', '../../x')).toThrow(/batch id/);
  });

  it('a cancelled import job keeps nothing and says so', async () => {
    const { handlers, caseId, db, services } = await setup();
    const before = db.prepare('SELECT count(*) FROM dicom_instances').pluck().get();
    const chosen = services.chosenPaths.grant([
      path.join(CT_SERIES, '..', 'cd-dicomdir'),
      path.join(CT_SERIES, '..', 'single'),
    ]);
    const started = await dispatch(handlers, 'imaging:importPaths', { chosen, caseId }, CHAIR);
    const jobId = (started as { value: { jobId: string } }).value.jobId;
    await dispatch(handlers, 'jobs:cancel', { jobId }, CHAIR);
    const job = await jobEnd(handlers, jobId);
    expect(job.state).toBe('cancelled');
    expect(db.prepare('SELECT count(*) FROM dicom_instances').pluck().get()).toBe(before);
  });

  it('import in place only what the user chose (tokens from the preload), never a path the page names (issue 9: /etc)', async () => {
    const { handlers, caseId, services, db } = await setup();
    const count = () => db.prepare('SELECT count(*) FROM dicom_instances').pluck().get();
    const before = count();
    const byPath = await dispatch(handlers, 'imaging:importPaths', { paths: ['/etc'], caseId }, CHAIR);
    expect(byPath).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const forged = await dispatch(
      handlers,
      'imaging:importPaths',
      { chosen: ['AAAAAAAAAAAAAAAAAAAAAA'], caseId },
      CHAIR,
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'not-found', field: 'chosen' } });

    const chosen = services.chosenPaths.grant([path.join(CT_SERIES, '..', 'single')]);
    const started = await dispatch(handlers, 'imaging:importPaths', { chosen, caseId }, CHAIR);
    expect(started.ok).toBe(true);
    const job = await jobEnd(handlers, (started as { value: { jobId: string } }).value.jobId);
    expect(job.state).toBe('done');
    expect(count()).toBeGreaterThan(before as number);
    // Used up: the page cannot replay it.
    expect(await dispatch(handlers, 'imaging:importPaths', { chosen, caseId }, CHAIR)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
