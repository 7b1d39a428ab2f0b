import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { readDicomdir } from '../../../electron/services/dicom/dicomdir';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { listStudySeries } from '../../../electron/services/dicom/queries';
import { tempDataDir } from '../helpers/temp';
import { CD_TREE, copyTree, dcmdump, storedFiles } from './fixtures';

const VARIANTS = [
  'DICOMDIR',
  'DICOMDIR-bigEnd',
  'DICOMDIR-implicit',
  'DICOMDIR-nooffset',
  'DICOMDIR-nopatient',
  'DICOMDIR-reordered',
];

/** The CD tree copied to a temp folder with `variant` as its DICOMDIR (the variants list the same files). */
function treeWith(variant: string): string {
  const tree = copyTree(CD_TREE);
  if (variant !== 'DICOMDIR') {
    rmSync(path.join(tree, 'DICOMDIR'));
    renameSync(path.join(tree, variant), path.join(tree, 'DICOMDIR'));
  }
  return tree;
}

const referencedIds = (file: string) =>
  readDicomdir(readFileSync(file))
    .records.filter((r) => r.fileId)
    .map((r) => r.fileId!.join('/'))
    .sort();

describe('DICOMDIR reading', () => {
  it('every variant lists the same 31 files (big endian, implicit VR, no offsets, no patient records, reordered)', () => {
    const expected = referencedIds(path.join(CD_TREE, 'DICOMDIR'));
    expect(expected).toHaveLength(31);
    for (const v of VARIANTS) expect(referencedIds(path.join(CD_TREE, v)), v).toEqual(expected);
  });

  it("reads the record types, including the nopatient variant's invalid ones, and the referenced SOP instance UIDs", () => {
    const { records } = readDicomdir(readFileSync(path.join(CD_TREE, 'DICOMDIR-nopatient')));
    const types = records.map((r) => r.type);
    expect(types.filter((t) => t === 'IMAGE')).toHaveLength(31);
    expect(types.filter((t) => t === 'PATIENT')).toHaveLength(0);
    const first = records.find((r) => r.fileId)!;
    expect(first.referencedSopInstanceUid).toBe(dcmdump(path.join(CD_TREE, ...first.fileId!), '0008,0018'));
  });

  it('the empty DICOMDIR lists nothing', () => {
    expect(readDicomdir(readFileSync(path.join(CD_TREE, 'DICOMDIR-empty.dcm'))).records).toEqual([]);
  });
});

describe('importing a CD through its DICOMDIR', () => {
  it.each(VARIANTS)('%s: 31 images in 6 studies and 13 series, nothing rejected', async (variant) => {
    const tree = treeWith(variant);
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [path.join(tree, 'DICOMDIR')]);
    expect(result).toMatchObject({ status: 'done', scanned: 31, imported: 31, duplicates: 0, rejected: [] });
    expect(result.studies).toHaveLength(6);
    expect(result.studies.reduce((n, s) => n + listStudySeries(db, s.studyInstanceUid).length, 0)).toBe(13);
    expect(new Set(result.studies.map((s) => s.patientIdDicom))).toEqual(new Set(['77654033', '98890234']));
    expect(storedFiles(dataDir)).toHaveLength(31);
    db.close();
  });

  it('a DICOMDIR variant chosen under its own name is recognised by its content and followed', async () => {
    const tree = copyTree(CD_TREE);
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [path.join(tree, 'DICOMDIR-bigEnd')]);
    expect(result).toMatchObject({ scanned: 31, imported: 31, rejected: [] });
    db.close();
  });

  it('resolves Referenced File IDs case-insensitively (a CD copied with lower-case names)', async () => {
    const tree = copyTree(CD_TREE);
    const lower = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) lower(full);
        if (name !== name.toLowerCase() && !name.startsWith('DICOMDIR'))
          renameSync(full, path.join(dir, name.toLowerCase()));
      }
    };
    lower(tree);
    expect(readdirSync(path.join(tree, '77654033'))).toContain('cr1');
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [path.join(tree, 'DICOMDIR')]);
    expect(result).toMatchObject({ scanned: 31, imported: 31, rejected: [] });
    db.close();
  });

  it('a listed file missing from the CD is reported as rejected, the rest imported', async () => {
    const tree = treeWith('DICOMDIR');
    rmSync(path.join(tree, '77654033', 'CT2', '17136'));
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [path.join(tree, 'DICOMDIR')]);
    expect(result).toMatchObject({ scanned: 31, imported: 30 });
    expect(result.rejected).toEqual([
      { path: path.join(tree, '77654033', 'CT2', '17136'), reason: 'listed in the DICOMDIR but not found on disk' },
    ]);
    db.close();
  });

  it('the empty DICOMDIR imports nothing and rejects nothing, with a warning', async () => {
    const tree = copyTree(CD_TREE);
    renameSync(path.join(tree, 'DICOMDIR-empty.dcm'), path.join(tree, 'EMPTY'));
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [path.join(tree, 'EMPTY')]);
    expect(result).toMatchObject({ scanned: 0, imported: 0, rejected: [] });
    expect(result.warnings.join('\n')).toContain('the DICOMDIR lists no files');
    db.close();
  });

  it('importing the folder walks it: DICOMDIR files are skipped (not rejected), each image is read once', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [CD_TREE]);
    // 31 images, plus README.txt, which is not DICOM; the 7 DICOMDIR files are read as index files, not scanned.
    expect(result).toMatchObject({ scanned: 32, imported: 31, duplicates: 0, indexFiles: 7, incompleteDicomdirs: [] });
    expect(result.rejected).toEqual([
      { path: path.join(CD_TREE, 'README.txt'), reason: 'not DICOM (no DICM preamble and no recognisable header)' },
    ]);
    db.close();
  });

  it('a folder holding a DICOMDIR without the files it lists (a DICOMDIR uploaded alone) says so: not imported, not silently 0 of 0', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dicomdir-alone-'));
    copyFileSync(path.join(CD_TREE, 'DICOMDIR'), path.join(folder, 'DICOMDIR'));
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [folder]);
    expect(result).toMatchObject({ status: 'done', scanned: 1, imported: 0, indexFiles: 0 });
    expect(result.incompleteDicomdirs).toEqual([{ path: path.join(folder, 'DICOMDIR'), listed: 31, missing: 31 }]);
    expect(result.rejected).toEqual([
      {
        path: path.join(folder, 'DICOMDIR'),
        reason: "DICOMDIR (a CD's index, not an image): none of the 31 files it lists were imported with it",
      },
    ]);
    db.close();
  });

  it('a DICOMDIR chosen with its files but without their folders (files picked one by one) finds them by name', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'dicomdir-flat-'));
    copyFileSync(path.join(CD_TREE, 'DICOMDIR'), path.join(folder, 'DICOMDIR'));
    const listed = referencedIds(path.join(CD_TREE, 'DICOMDIR'));
    for (const id of listed.slice(0, 28))
      copyFileSync(path.join(CD_TREE, ...id.split('/')), path.join(folder, path.basename(id)));
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [folder]);
    expect(result).toMatchObject({ scanned: 29, imported: 28, indexFiles: 0 });
    expect(result.incompleteDicomdirs).toEqual([{ path: path.join(folder, 'DICOMDIR'), listed: 31, missing: 3 }]);
    expect(result.rejected[0].reason).toBe(
      "DICOMDIR (a CD's index, not an image): 28 of the 31 files it lists were imported with it",
    );
    db.close();
  });

  it('a DICOMDIR chosen on its own is followed and counted as an index file', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    const result = await importDicom(db, dataDir, [path.join(CD_TREE, 'DICOMDIR')]);
    expect(result).toMatchObject({ scanned: 31, imported: 31, indexFiles: 1, incompleteDicomdirs: [] });
    db.close();
  });
});
