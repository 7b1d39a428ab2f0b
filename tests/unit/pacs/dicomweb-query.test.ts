import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PacsClient } from '../../../electron/services/pacs/client';
import { dicomwebClient } from '../../../electron/services/pacs/dicomweb/dicomweb-client';
import { CT_SERIES } from '../../fixtures';
import { filesUnder, freePort, startOrthanc, type Orthanc } from '../../orthanc/orthanc';
import { CT_INSTANCES, CT_PATIENT_ID, CT_STUDY_UID, orthancSopUids, query, settings, value } from './dicomweb-fixtures';

// QIDO-RS against a real Orthanc holding the 37-slice CT, and what "Test" says when the URL or the server is wrong.

let orthanc: Orthanc;
const clients: PacsClient[] = [];

function client(url: string): PacsClient {
  const made = dicomwebClient(settings(url), '', 'Test PACS');
  clients.push(made);
  return made;
}

beforeAll(async () => {
  orthanc = await startOrthanc();
  await orthanc.upload(filesUnder(CT_SERIES));
}, 120_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await orthanc?.stop();
});

describe('DICOMweb test()', () => {
  it('answers ok with the time a QIDO-RS request took', async () => {
    const result = await client(orthanc.dicomweb).test();
    expect(result).toMatchObject({ transport: 'dicomweb', ok: true, failure: null });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(result.message).toMatch(/^QIDO-RS answered in \d+ ms$/);
  });

  it('says the connection was refused when nothing listens at the URL', async () => {
    const port = await freePort();
    const result = await client(`http://127.0.0.1:${port}/dicom-web`).test();
    expect(result).toMatchObject({ ok: false, failure: 'refused', ms: null });
    expect(result.message).toContain(
      `Connection refused by 127.0.0.1:${port}: is the PACS running and is the URL right?`,
    );
  });

  it('says there is no DICOMweb service at a wrong base URL', async () => {
    const result = await client(`${orthanc.url}/dicomweb-typo`).test();
    expect(result).toMatchObject({ ok: false, failure: 'not-found' });
    expect(result.message).toContain(`No DICOMweb service at ${orthanc.url}/dicomweb-typo: check the base URL`);
  });

  it("says the same of Orthanc's REST root (the URL lacks /dicom-web)", async () => {
    const result = await client(orthanc.url).test();
    expect(result).toMatchObject({ ok: false, failure: 'not-found' });
    expect(result.message).toContain(`No DICOMweb service at ${orthanc.url}`);
  });
});

describe('DICOMweb queries', () => {
  it('finds the study by patient ID, with its series and instance counts', async () => {
    const studies = await client(orthanc.dicomweb).findStudies(query({ patientId: CT_PATIENT_ID }));
    expect(studies).toHaveLength(1);
    const [study] = studies;
    expect(value(study, '0020000D')).toBe(CT_STUDY_UID);
    expect(value(study, '00100020')).toBe(CT_PATIENT_ID);
    expect(Number(value(study, '00201206'))).toBe(1); // NumberOfStudyRelatedSeries
    expect(Number(value(study, '00201208'))).toBe(CT_INSTANCES); // NumberOfStudyRelatedInstances
    expect(value(study, '00081030')).toBe('CT CHEST W CONTRAST');
    expect(study['00080061']?.Value).toEqual(['CT']);
  });

  it('matches the start of a name, a date range, the modality and the accession number', async () => {
    const c = client(orthanc.dicomweb);
    expect(await c.findStudies(query({ patientName: 'Bell' }))).toHaveLength(1);
    expect(await c.findStudies(query({ patientName: 'Nobody' }))).toHaveLength(0);
    const inRange = query({ patientId: CT_PATIENT_ID, from: '2015-10-01', to: '2015-10-31' });
    expect(await c.findStudies(inRange)).toHaveLength(1);
    expect(await c.findStudies(query({ patientId: CT_PATIENT_ID, from: '2016-01-01' }))).toHaveLength(0);
    expect(await c.findStudies(query({ patientId: CT_PATIENT_ID, to: '2015-10-25' }))).toHaveLength(0);
    expect(await c.findStudies(query({ patientId: CT_PATIENT_ID, modality: 'CT' }))).toHaveLength(1);
    expect(await c.findStudies(query({ patientId: CT_PATIENT_ID, modality: 'MR' }))).toHaveLength(0);
    expect(await c.findStudies(query({ accession: '0000481914' }))).toHaveLength(1);
  });

  it('lists the series of the study with its instance count', async () => {
    const series = await client(orthanc.dicomweb).findSeries(CT_STUDY_UID);
    expect(series).toHaveLength(1);
    expect(value(series[0], '00080060')).toBe('CT');
    expect(Number(value(series[0], '00201209'))).toBe(CT_INSTANCES);
    expect(typeof value(series[0], '0020000E')).toBe('string');
  });

  it('lists the 37 SOP Instance UIDs of the study and of its series', async () => {
    const c = client(orthanc.dicomweb);
    const expected = await orthancSopUids(orthanc);
    expect(expected).toHaveLength(CT_INSTANCES);
    expect((await c.findInstances({ studyUid: CT_STUDY_UID })).sort()).toEqual(expected);
    const seriesUid = value((await c.findSeries(CT_STUDY_UID))[0], '0020000E') as string;
    expect((await c.findInstances({ studyUid: CT_STUDY_UID, seriesUid })).sort()).toEqual(expected);
  });

  it('finds no series and no instances of a study the PACS does not have', async () => {
    const c = client(orthanc.dicomweb);
    expect(await c.findSeries('1.2.3.4')).toEqual([]);
    expect(await c.findInstances({ studyUid: '1.2.3.4' })).toEqual([]);
  });
});
