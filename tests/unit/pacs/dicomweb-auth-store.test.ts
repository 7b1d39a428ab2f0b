import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsClient } from '../../../electron/services/pacs/client';
import { dicomwebClient } from '../../../electron/services/pacs/dicomweb/dicomweb-client';
import { batches } from '../../../electron/services/pacs/dicomweb/stow';
import { sopInstanceUidOf } from '../../../electron/services/pacs/dicomweb/wado';
import type { DicomwebSettings } from '../../../shared/domain/pacs';
import { CT_SERIES, SINGLE } from '../../fixtures';
import { filesUnder, startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { orthancSopUids, settings } from './dicomweb-fixtures';

// A DICOMweb node behind HTTP basic authentication (Orthanc's RegisteredUsers), and STOW-RS into it.

let orthanc: Orthanc;
const clients: PacsClient[] = [];

function client(more: Partial<DicomwebSettings>, secret = ''): PacsClient {
  const made = dicomwebClient(settings(orthanc.dicomweb, more), secret, 'Secure PACS');
  clients.push(made);
  return made;
}
const goodClient = () => client({ auth: 'basic', username: 'boardprep' }, 's3cret');

beforeAll(async () => {
  orthanc = await startOrthanc({ users: { boardprep: 's3cret' } });
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await orthanc?.stop();
});

describe('authentication', () => {
  it('answers ok with the right user name and password', async () => {
    expect(await goodClient().test()).toMatchObject({ ok: true, failure: null });
  });

  it('says the PACS refused a wrong password, a token it does not know, and no credentials', async () => {
    for (const [more, secret] of [
      [{ auth: 'basic', username: 'boardprep' }, 'wrong'],
      [{ auth: 'bearer' }, 'some-token'],
      [{ auth: 'none' }, ''],
    ] as const) {
      const result = await client(more, secret).test();
      expect(result).toMatchObject({ ok: false, failure: 'auth', ms: null });
      expect(result.message).toMatch(/^The PACS refused the credentials \(HTTP 401\)/);
    }
  });
});

describe('STOW-RS', () => {
  it('sends at most 20 files or about 20 MB per request, a larger file alone', () => {
    const sizes = (files: Uint8Array[][]) => files.map((batch) => batch.map((f) => f.length));
    expect(sizes(batches(Array.from({ length: 37 }, () => new Uint8Array(10))))).toEqual([
      Array(20).fill(10),
      Array(17).fill(10),
    ]);
    const mb = 1024 * 1024;
    const big = [8, 8, 8, 30, 1].map((n) => new Uint8Array(n * mb));
    expect(sizes(batches(big)).map((b) => b.map((n) => n / mb))).toEqual([[8, 8], [8], [30], [1]]);
  });

  const single = readFileSync(path.join(SINGLE, 'CT_small.dcm'));
  const singleUid = sopInstanceUidOf(single);

  it('stores a file Orthanc does not have; Orthanc then holds it; storing it again does not duplicate it', async () => {
    expect(await orthancSopUids(orthanc)).not.toContain(singleUid);
    expect(await goodClient().store([single])).toEqual([singleUid]);
    expect(await orthancSopUids(orthanc)).toEqual([singleUid]);
    expect(await goodClient().store([single])).toEqual([singleUid]);
    expect(await orthancSopUids(orthanc)).toEqual([singleUid]);
  });

  it('stores the 37-slice CT in batches and answers every SOP Instance UID', async () => {
    const files = filesUnder(CT_SERIES).map((file) => readFileSync(file));
    const uids = files.map((file) => sopInstanceUidOf(file));
    const accepted = await goodClient().store(files);
    expect(accepted.sort()).toEqual([...uids].sort());
    expect(await orthancSopUids(orthanc)).toEqual([...uids, singleUid].sort());
  });

  it('says so when the PACS cannot read what was sent', async () => {
    const error = await goodClient()
      .store([Buffer.alloc(400, 1)])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'PacsError' });
    expect(error).toMatchObject({ failure: 'other' });
    expect((error as Error).message).toBe(
      'The PACS could not read the 1 files sent (HTTP 400): are they DICOM Part 10 files? (Secure PACS)',
    );
  });
});
