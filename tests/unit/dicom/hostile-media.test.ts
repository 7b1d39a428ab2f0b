import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { importDicom } from '../../../electron/services/dicom/import-service';
import { OUTSIDE_LINK } from '../../../electron/services/dicom/scan';
import { tempDataDir } from '../helpers/temp';
import { CT_SERIES, storedFiles } from './fixtures';
import { dicomdir, nestedSequences } from './hostile';

/** A folder holding CT slices `numbers` (as n.dcm). */
function folderWith(numbers: number[]): string {
  const dir = path.join(tempDataDir(), 'medium');
  mkdirSync(dir, { recursive: true });
  for (const n of numbers) copyFileSync(path.join(CT_SERIES, `${n}.dcm`), path.join(dir, `${n}.dcm`));
  return dir;
}

const mkfifo = (file: string) => execFileSync('mkfifo', [file]);

async function importPaths(paths: string[]) {
  const dataDir = tempDataDir();
  const db = openDatabase(dataDir);
  try {
    return { result: await importDicom(db, dataDir, paths), dataDir };
  } finally {
    db.close();
  }
}

describe('import: what is on the medium is read only as regular files, inside the chosen folder', () => {
  it('a FIFO given as a path, in the folder, or listed in a DICOMDIR is rejected at once, never opened for a blocking read', async () => {
    const dir = folderWith([1, 2]);
    mkfifo(path.join(dir, 'pipe.dcm'));
    mkfifo(path.join(dir, 'LISTED'));
    writeFileSync(path.join(dir, 'DICOMDIR'), dicomdir(['1.dcm', 'LISTED']));
    const alone = path.join(tempDataDir(), 'alone.dcm');
    mkfifo(alone);

    const { result } = await importPaths([
      path.join(dir, 'DICOMDIR'),
      alone,
      path.join(dir, 'pipe.dcm'),
      path.join(dir, '2.dcm'),
    ]);
    expect(result.status).toBe('done');
    expect(result.imported).toBe(2);
    const fifo = 'not a regular file (a named pipe (FIFO)): not read';
    expect(result.rejected).toEqual(
      expect.arrayContaining([
        { path: path.join(dir, 'LISTED'), reason: fifo },
        { path: alone, reason: fifo },
        { path: path.join(dir, 'pipe.dcm'), reason: fifo },
      ]),
    );

    // The folder walk meets the FIFOs as entries: reported, not opened.
    const walked = await importPaths([dir]);
    expect(walked.result.imported).toBe(2);
    expect(walked.result.rejected).toEqual(
      expect.arrayContaining([{ path: path.join(dir, 'pipe.dcm'), reason: fifo }]),
    );
  });

  it('a DICOMDIR that is a link to /dev/zero is rejected without reading it; the files chosen with it are imported', async () => {
    const dir = folderWith([3]);
    symlinkSync('/dev/zero', path.join(dir, 'DICOMDIR'));
    const { result } = await importPaths([path.join(dir, 'DICOMDIR'), path.join(dir, '3.dcm')]);
    expect(result.imported).toBe(1);
    expect(result.rejected).toEqual([
      { path: path.join(dir, 'DICOMDIR'), reason: 'unreadable DICOMDIR: not a regular file (a device): not read' },
    ]);
  });

  it('links leading outside the chosen folder are not followed (files and folders); links inside it are', async () => {
    const outside = folderWith([5, 6]);
    const dir = folderWith([4]);
    mkdirSync(path.join(dir, 'sub'));
    copyFileSync(path.join(CT_SERIES, '7.dcm'), path.join(dir, 'sub', '7.dcm'));
    symlinkSync(outside, path.join(dir, 'outside-folder'));
    symlinkSync(path.join(outside, '5.dcm'), path.join(dir, 'outside-file.dcm'));
    symlinkSync('/etc', path.join(dir, 'etc'));
    symlinkSync(path.join(dir, 'sub'), path.join(dir, 'inside-link'));

    const { result, dataDir } = await importPaths([dir]);
    expect(result.imported).toBe(2);
    expect(storedFiles(dataDir)).toHaveLength(2);
    expect(result.rejected).toEqual([
      { path: path.join(dir, 'etc'), reason: OUTSIDE_LINK },
      { path: path.join(dir, 'outside-file.dcm'), reason: OUTSIDE_LINK },
      { path: path.join(dir, 'outside-folder'), reason: OUTSIDE_LINK },
    ]);
  });

  it('a DICOMDIR entry through a link out of its folder is not followed', async () => {
    const outside = folderWith([8]);
    const dir = folderWith([9]);
    symlinkSync(outside, path.join(dir, 'OUT'));
    writeFileSync(path.join(dir, 'DICOMDIR'), dicomdir(['9.dcm', 'OUT\\8.dcm']));
    const { result } = await importPaths([path.join(dir, 'DICOMDIR')]);
    expect(result.imported).toBe(1);
    expect(result.rejected).toEqual([
      { path: path.join(dir, 'OUT', '8.dcm'), reason: `DICOMDIR entry is ${OUTSIDE_LINK}` },
    ]);
  });

  it('a DICOMDIR whose records nest 200,000 deep is read without overflowing the stack; the good files given with it are imported', async () => {
    const dir = folderWith([10, 11]);
    writeFileSync(path.join(dir, 'DICOMDIR'), dicomdir(['10.dcm'], nestedSequences(200_000)));
    const { result } = await importPaths([path.join(dir, 'DICOMDIR'), path.join(dir, '11.dcm')]);
    expect(result).toMatchObject({ status: 'done', imported: 2, rejected: [] });
  });
});
