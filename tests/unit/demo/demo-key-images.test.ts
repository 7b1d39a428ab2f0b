import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/open';
import { demoCaseId } from '../../../electron/services/demo/demo-case-ids';
import { readDemoBoard } from '../../../electron/services/demo/demo-board';
import { loadDemoImages } from '../../../electron/services/demo/demo-images';
import { loadDemoKeyImages, readDemoKeyImages } from '../../../electron/services/demo/demo-key-images';
import { loadDemoBoard } from '../../../electron/services/demo/demo-service';
import { AnnotationsService } from '../../../electron/services/imaging/annotations-service';
import { instanceOwner } from '../../../electron/services/imaging/imaging-sql';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import { RESOURCES_DIR, tempDataDir } from '../helpers/temp';

describe('the demo key images', () => {
  it('are measured at the documented sizes, land on their cases with the PNG and the viewer measurements, and load once', async () => {
    const dataDir = tempDataDir();
    const db = openDatabase(dataDir);
    loadDemoBoard(db, RESOURCES_DIR);
    // Before the CT is stored there is nothing to attach them to.
    expect(loadDemoKeyImages(db, dataDir, RESOURCES_DIR)).toBe(0);
    // The generated images are written in the data folder's tmp/ (swept at start after a kill), and removed after.
    const workDirs = new Set<string>();
    const loaded = await loadDemoImages(db, dataDir, RESOURCES_DIR, {
      onProgress: () => readdirSync(path.join(dataDir, 'tmp')).forEach((n) => workDirs.add(n)),
    });
    expect(loaded.keyImages).toBe(4);
    expect([...workDirs]).toEqual([expect.stringMatching(new RegExp(`^demo-images-${process.pid}-`))]);
    expect(readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
    expect(readdirSync(dataDir).filter((n) => n.startsWith('.demo-images'))).toEqual([]);

    const board = readDemoBoard(RESOURCES_DIR);
    const caseOf = (key: string) => demoCaseId(db, board, key)!;
    const keyImages = new KeyImagesService(db, dataDir);
    const rp = keyImages.list(caseOf('rp-ddlps'));
    const thigh = keyImages.list(caseOf('thigh-ilms'));
    expect(rp.map((k) => k.seriesDescription)).toEqual([
      expect.stringMatching(/axial/i),
      expect.stringMatching(/coronal/i),
    ]);
    // 16.3 x 8 x 9 cm (the retroperitoneal liposarcoma) and 6 cm (the thigh leiomyosarcoma), from the record.
    expect(rp[0].annotations[0]).toMatchObject({
      tool: 'bidirectional',
      values: { unit: 'mm', spacingSource: 'PixelSpacing' },
    });
    expect(rp[0].annotations[0].values.long).toBeCloseTo(90, 1);
    expect(rp[0].annotations[0].values.short).toBeCloseTo(80, 1);
    expect(rp[1].annotations[0].values.length).toBeCloseTo(163, 1);
    // The thigh: the baseline and the restaging CT after preoperative radiotherapy (response to treatment), each
    // with the long axis and an ellipse for the mean density: 60 mm, about 40 HU; then 52.8 mm (-12%), about 32 HU.
    expect(thigh).toHaveLength(2);
    expect(thigh[0].annotations[0].values.long).toBeCloseTo(60, 1);
    expect(thigh[0].caption).toMatch(/MRI of 24 Sep 2026/);
    expect(thigh.map((k) => k.studyDate)).toEqual(['2026-09-24', '2026-12-01']);
    expect(thigh[1].caption).toMatch(/after preoperative radiotherapy/);
    expect(thigh[1].annotations[0].values.long).toBeCloseTo(52.8, 1);
    const [before, after] = thigh.map((k) => k.annotations.find((a) => a.tool === 'ellipse')!.values);
    expect(before).toMatchObject({ meanUnit: 'HU' });
    expect(Math.abs(before.mean! - 40)).toBeLessThan(1);
    expect(Math.abs(after.mean! - 32)).toBeLessThan(1);
    // Choi: density down at least 15%; RECIST: the long axis down less than 30%.
    expect((before.mean! - after.mean!) / before.mean!).toBeGreaterThanOrEqual(0.15);
    // The board's lesion rows give the same measurements (rounded), for the tracking.
    const lesions = board.cases.find((c) => c.key === 'thigh-ilms')!.lesions!;
    expect(lesions.map((l) => [l.studyDate, l.longCm, l.meanHu])).toEqual([
      ['2026-09-24', 6, Math.round(before.mean! * 10) / 10],
      ['2026-12-01', 5.28, Math.round(after.mean! * 10) / 10],
    ]);

    for (const k of [...rp, ...thigh]) {
      const png = path.join(dataDir, keyImages.renderPath(k.id)!);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      const onSeries = new AnnotationsService(db).list(
        k.caseId,
        instanceOwner(db, k.sopInstanceUid)!.series_instance_uid,
      );
      expect(onSeries).toEqual(expect.arrayContaining(k.annotations));
    }

    // Loading again adds nothing.
    expect((await loadDemoImages(db, dataDir, RESOURCES_DIR)).keyImages).toBe(0);
    expect(keyImages.list(caseOf('rp-ddlps'))).toHaveLength(2);
    db.close();
  });

  it('name only files that exist in resources/demo/key-images/', () => {
    const entries = readDemoKeyImages(RESOURCES_DIR);
    expect(entries.length).toBe(4);
    for (const e of entries)
      expect(existsSync(path.join(RESOURCES_DIR, 'demo', 'key-images', e.file)), e.file).toBe(true);
  });
});
