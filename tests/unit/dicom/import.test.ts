import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import * as sql from '../../../electron/services/dicom/dicom-sql';
import { importDicom } from '../../../electron/services/dicom/import-service';
import {
  getCaseImaging,
  instanceFilePath,
  listSeriesInstances,
  listStudySeries,
  listUnattachedStudies,
} from '../../../electron/services/dicom/queries';
import type { ImportProgress } from '../../../electron/services/dicom/types';
import { tempDataDir } from '../helpers/temp';
import { createCase, CT_SERIES, dcmdump, DICOM_DIR, MALFORMED, SINGLE, storedFiles, tempFiles } from './fixtures';

const ctFiles = () => readdirSync(CT_SERIES).map((f) => path.join(CT_SERIES, f));

describe('importing the 37-slice CT series', () => {
  it('indexes 37 instances in 1 study and 1 series, stored under their SHA-256, sorted along the slice normal', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [CT_SERIES]);
    expect(result).toMatchObject({
      status: 'done',
      scanned: 37,
      imported: 37,
      duplicates: 0,
      rejected: [],
      needsConfirmation: [],
    });
    expect(result.studies).toEqual([
      expect.objectContaining({
        studyInstanceUid: '1.3.6.1.4.1.25403.345050719074.3824.20170126085406.1',
        patientIdDicom: '0000006',
        patientNameDicom: 'Bellona',
        studyDate: '2015-10-26',
        studyDescription: 'CT CHEST W CONTRAST',
        modalities: ['CT'],
        instancesImported: 37,
        caseId: null,
      }),
    ]);
    expect(result.bytesStored).toBe(ctFiles().reduce((n, f) => n + readFileSync(f).length, 0));

    const series = listStudySeries(db, result.studies[0].studyInstanceUid);
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({
      modality: 'CT',
      seriesNumber: 2,
      seriesDescription: 'Chest 3x3 Soft',
      bodyPartExamined: 'CHEST',
      instanceCount: 37,
    });

    const stack = listSeriesInstances(db, series[0].seriesInstanceUid);
    expect(stack).toHaveLength(37);
    const z = stack.map((i) => i.imagePositionPatient![2]);
    // Along the normal (0,0,1) the slices are 3 mm apart; the stack runs head to feet, as the scanner numbered it.
    expect(z[0]).toBe(-9.5);
    for (let i = 1; i < z.length; i++) expect(z[i - 1] - z[i]).toBeCloseTo(3, 6);
    expect(stack.map((i) => i.instanceNumber)).toEqual(Array.from({ length: 37 }, (_, i) => 90 + i));
    expect(stack.map((i) => i.slicePosition)).toEqual(z);

    // Each stored file is the original bytes under images/ab/cd/<sha256>.dcm, and its UID is what dcmdump reads.
    const first = stack[0];
    const file = instanceFilePath(db, dataDir, first.sopInstanceUid);
    expect(path.relative(dataDir, file).split(path.sep).join('/')).toBe(first.storedPath);
    const bytes = readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(first.fileHash);
    expect(first.storedPath).toBe(
      `images/${first.fileHash.slice(0, 2)}/${first.fileHash.slice(2, 4)}/${first.fileHash}.dcm`,
    );
    expect(dcmdump(file, '0008,0018')).toBe(first.sopInstanceUid);
    expect(first.pixelSpacing).toEqual(dcmdump(file, '0028,0030')!.split('\\').map(Number));
    expect(storedFiles(dataDir)).toHaveLength(37);
    expect(tempFiles(dataDir)).toEqual([]);
    // The index rows own the files now: no claim of the import is left.
    expect(db.prepare('SELECT count(*) FROM dicom_store_claims').pluck().get()).toBe(0);
    db.close();
  });

  it('a second import of the same files is all duplicates, and the store still holds each file once', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    await importDicom(db, dataDir, [CT_SERIES]);
    const before = storedFiles(dataDir);
    const again = await importDicom(db, dataDir, [CT_SERIES, path.join(CT_SERIES, '1.dcm')]);
    expect(again).toMatchObject({
      status: 'done',
      scanned: 37,
      imported: 0,
      duplicates: 37,
      rejected: [],
      bytesStored: 0,
    });
    expect(again.studies[0]).toMatchObject({ instancesImported: 0, duplicates: 37 });
    expect(storedFiles(dataDir)).toEqual(before);
    expect(sql.countInstances(db)).toBe(37);
    expect(sql.getImport(db, again.importId)).toMatchObject({ status: 'done', imported: 0, duplicates: 37 });
    db.close();
  });

  it('reports progress with counts, at most about every 50 ms, ending with the indexing phase', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const seen: (ImportProgress & { t: number })[] = [];
    await importDicom(db, dataDir, [CT_SERIES], { onProgress: (p) => seen.push({ ...p, t: performance.now() }) });
    expect(seen[0].phase).toBe('scanning');
    expect(seen.at(-1)).toMatchObject({ phase: 'indexing', scanned: 37, imported: 37, total: 37 });
    const importing = seen.filter((p) => p.phase === 'importing');
    for (let i = 2; i < importing.length; i++) expect(importing[i].t - importing[i - 1].t).toBeGreaterThanOrEqual(49);
    expect(seen.length).toBeLessThan(37);
    db.close();
  });
});

describe('importing the other test files', () => {
  it('single files in several transfer syntaxes: one image per SOP Instance UID, the rest duplicates', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [SINGLE]);
    // CT1_UNC.* are one CT image in 3 encodings, MR_small* one MR image in 5; CT_small is its own.
    expect(result).toMatchObject({ scanned: 9, imported: 3, duplicates: 6, rejected: [] });
    // The copy kept of each image is one of its encodings, byte for byte.
    const sources = readdirSync(SINGLE).map((f) => readFileSync(path.join(SINGLE, f)));
    for (const name of ['CT1_UNC.explicit_little_endian.dcm', 'CT_small.dcm', 'MR_small.dcm']) {
      const stored = readFileSync(instanceFilePath(db, dataDir, dcmdump(path.join(SINGLE, name), '0008,0018')!));
      expect(
        sources.some((b) => b.equals(stored)),
        name,
      ).toBe(true);
    }
    db.close();
  });

  it('each encoding of MR_small imports on its own, keeping its transfer syntax', async () => {
    for (const [name, tsUid] of [
      ['MR_small_RLE.dcm', '1.2.840.10008.1.2.5'],
      ['MR_small_jpeg_ls_lossless.dcm', '1.2.840.10008.1.2.4.80'],
      ['MR_small_implicit.dcm', '1.2.840.10008.1.2'],
      ['MR_small_bigendian.dcm', '1.2.840.10008.1.2.2'],
    ] as const) {
      const dataDir = tempDataDir();
      const db = openDatabase(dataDir);
      const result = await importDicom(db, dataDir, [path.join(SINGLE, name)]);
      expect(result.imported, name).toBe(1);
      const series = listStudySeries(db, result.studies[0].studyInstanceUid);
      const [instance] = listSeriesInstances(db, series[0].seriesInstanceUid);
      expect(instance.transferSyntaxUid, name).toBe(tsUid);
      expect(
        readFileSync(instanceFilePath(db, dataDir, instance.sopInstanceUid)).equals(
          readFileSync(path.join(SINGLE, name)),
        ),
      ).toBe(true);
      db.close();
    }
  });

  it('the malformed files are all rejected with their reasons, recorded with the import; nothing is stored', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [MALFORMED, path.join(DICOM_DIR, 'nowhere.dcm')]);
    expect(result).toMatchObject({ scanned: 5, imported: 0, duplicates: 0 });
    const byName = Object.fromEntries(result.rejected.map((r) => [path.basename(r.path), r.reason]));
    expect(byName).toEqual({
      'nowhere.dcm': 'not found',
      'MR_truncated.dcm': 'truncated: pixel data ends early (8130 of 8192 bytes)',
      'badVR.dcm':
        'invalid Number of Frames (0028,0008): "1A" is not a whole number (the pixel data holds 15 frames of 10×10)',
      'no_meta.dcm': 'not DICOM (no DICM preamble and no recognisable header)',
      'UN_sequence.dcm':
        'missing required tags SOP Instance UID (0008,0018), Study Instance UID (0020,000D), Series Instance UID (0020,000E)',
    });
    expect(sql.listRejections(db, result.importId)).toEqual(result.rejected);
    expect(sql.getImport(db, result.importId)).toMatchObject({ status: 'done', scanned: 5, rejected: 5, imported: 0 });
    expect(storedFiles(dataDir)).toEqual([]);
    db.close();
  });

  it("the viewer queries: a case's studies, series and sorted instances; unattached studies listed apart", async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const caseId = createCase(db, { mrn: '0000006', familyName: 'Bellona', givenNames: 'Anna' });
    const result = await importDicom(db, dataDir, [CT_SERIES, path.join(SINGLE, 'CT_small.dcm')], { caseId });
    expect(result.studies.find((s) => s.patientIdDicom === '0000006')!.caseId).toBe(caseId);
    const imaging = getCaseImaging(db, caseId);
    expect(imaging).toHaveLength(1);
    expect(imaging[0].study).toMatchObject({
      modalities: ['CT'],
      bodyParts: ['CHEST'],
      seriesCount: 1,
      instanceCount: 37,
    });
    expect(imaging[0].series[0].instances.map((i) => i.instanceNumber)).toEqual(
      Array.from({ length: 37 }, (_, i) => 90 + i),
    );
    // CT_small belongs to another patient: imported, left unattached, listed for confirmation.
    expect(result.needsConfirmation.map((m) => m.dicom.patientId)).toEqual(['1CT1']);
    expect(listUnattachedStudies(db).map((s) => s.patientIdDicom)).toEqual(['1CT1']);
    expect(() => instanceFilePath(db, dataDir, '1.2.3.4')).toThrow(/not in the image index/);
    db.close();
  });

  it('refuses an unknown case and an empty list of paths before touching anything', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    await expect(importDicom(db, dataDir, [CT_SERIES], { caseId: 42 })).rejects.toThrow('Case 42 does not exist');
    await expect(importDicom(db, dataDir, [])).rejects.toThrow(/at least one file or folder/);
    expect(db.prepare('SELECT count(*) FROM dicom_imports').pluck().get()).toBe(0);
    db.close();
  });
});
