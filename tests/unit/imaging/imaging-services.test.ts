import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnnotationsService } from '../../../electron/services/imaging/annotations-service';
import { KeyImagesService } from '../../../electron/services/imaging/key-images-service';
import { LesionsService } from '../../../electron/services/imaging/lesions-service';
import { cachedJpeg } from '../../../electron/services/imaging/jpeg-cache';
import { acceptRenderUpload, sweepRenders } from '../../../electron/services/imaging/render-store';
import { PRINT_JPEG_QUALITY } from '../../../shared/imaging/key-image-jpeg';
import { StudiesService } from '../../../electron/services/imaging/studies-service';
import { allRenderPaths } from '../../../electron/services/imaging/imaging-sql';
import type { Annotation } from '../../../shared/domain/imaging';
import { caseWithCt, PNG_1X1 } from './fixtures';

const view = { windowCenter: 40, windowWidth: 400, invert: false, scale: 1.2, translation: { x: 3, y: -4 } };
const length = (sop: string, id = 'a1'): Annotation => ({
  id,
  tool: 'length',
  sopInstanceUid: sop,
  frame: 0,
  handles: { start: { x: 100.25, y: 200.5 }, end: { x: 300.125, y: 210 } },
  values: { unit: 'mm', spacingSource: 'PixelSpacing', length: 175.3312 },
});

describe('the study browser and stacks', () => {
  it("lists the case's study with its series, counts and a middle thumbnail, and stacks it in anatomical order", async () => {
    const { db, dataDir, caseId, seriesUid } = await caseWithCt();
    const studies = new StudiesService(db, dataDir);
    const [study] = studies.studiesOfCase(caseId);
    expect(study).toMatchObject({
      studyDate: '2015-10-26',
      modalities: ['CT'],
      series: [{ seriesInstanceUid: seriesUid, instanceCount: 37, frameCount: 37 }],
    });
    const stack = studies.stack(seriesUid);
    expect(stack.images).toHaveLength(37);
    expect(stack.images[0].url).toBe(`/media/instances/${stack.images[0].sopInstanceUid}`);
    expect(study.series[0].thumbnailSopInstanceUid).toBe(stack.images[18].sopInstanceUid);
    // Slice positions along the normal are monotonic.
    const z = stack.images.map(
      (i) =>
        db
          .prepare('SELECT slice_position FROM dicom_instances WHERE sop_instance_uid = ?')
          .pluck()
          .get(i.sopInstanceUid) as number,
    );
    const steps = z.slice(1).map((v, i) => Math.sign(v - z[i]));
    expect(new Set(steps).size).toBe(1);
    expect(stack.presets[0]).toMatchObject({ windowCenter: expect.any(Number), windowWidth: expect.any(Number) });
    expect(existsSync(studies.instanceFile(stack.images[0].sopInstanceUid)!)).toBe(true);
  });
});

describe('measurements', () => {
  it('come back exactly as stored, and are replaced per series in one go', async () => {
    const { db, caseId, seriesUid, sops } = await caseWithCt();
    const service = new AnnotationsService(db);
    const first = [
      length(sops[3]),
      {
        ...length(sops[5], 'a2'),
        tool: 'ellipse' as const,
        values: {
          unit: 'mm' as const,
          spacingSource: 'PixelSpacing' as const,
          area: 123.4,
          mean: -997.25,
          sd: 14.4,
          meanUnit: 'HU' as const,
        },
      },
    ];
    expect(service.replace(caseId, seriesUid, first)).toEqual(first);
    expect(service.list(caseId, seriesUid)).toEqual(first);
    expect(service.replace(caseId, seriesUid, [first[1]])).toEqual([first[1]]);
  });

  it('refuse a measurement on an image of another series, keeping what was stored', async () => {
    const { db, caseId, seriesUid, sops } = await caseWithCt();
    const service = new AnnotationsService(db);
    service.replace(caseId, seriesUid, [length(sops[0])]);
    expect(() => service.replace(caseId, '1.2.3', [length(sops[1])])).toThrow(/not in this series/);
    expect(service.list(caseId, seriesUid)).toHaveLength(1);
  });
});

describe('key images', () => {
  it('claim their uploaded PNG, keep view and measurements, and remove the PNG with them', async () => {
    const { db, dataDir, caseId, sops } = await caseWithCt();
    const service = new KeyImagesService(db, dataDir);
    acceptRenderUpload(dataDir, 'render-token-1', PNG_1X1);
    const k = service.create({
      caseId,
      sopInstanceUid: sops[10],
      frame: 0,
      caption: 'Axial CT: mass',
      view,
      annotations: [length(sops[10])],
      renderToken: 'render-token-1',
    });
    expect(k).toMatchObject({
      caption: 'Axial CT: mass',
      view,
      annotations: [length(sops[10])],
      renderUrl: `/media/key-images/${k.id}.png`,
      studyDate: '2015-10-26',
    });
    const png = path.join(dataDir, service.renderPath(k.id)!);
    expect(existsSync(png)).toBe(true);
    expect(service.updateCaption(k.id, 'Axial CT: 16 cm mass').caption).toBe('Axial CT: 16 cm mass');
    service.remove(k.id);
    expect(existsSync(png)).toBe(false);
    expect(service.list(caseId)).toEqual([]);
  });

  it('are refused without their PNG, with measurements from another image, or for an image of another case', async () => {
    const { db, dataDir, caseId, sops } = await caseWithCt();
    const service = new KeyImagesService(db, dataDir);
    const input = {
      caseId,
      sopInstanceUid: sops[10],
      frame: 0,
      caption: 'x',
      view,
      annotations: [],
      renderToken: 'never-uploaded',
    };
    expect(() => service.create(input)).toThrow(/rendered image was not uploaded/);
    acceptRenderUpload(dataDir, 'render-token-2', PNG_1X1);
    expect(() => service.create({ ...input, renderToken: 'render-token-2', annotations: [length(sops[11])] })).toThrow(
      /only the measurements on its own image/,
    );
    db.prepare('UPDATE dicom_studies SET case_id = NULL').run();
    expect(() => service.create({ ...input, renderToken: 'render-token-2' })).toThrow(/not attached to this case/);
    expect(service.list(caseId)).toEqual([]);
  });

  it('keep the JPEG for print the viewer uploads beside the PNG, and refuse one that is not a JPEG', async () => {
    const { db, dataDir, caseId, sops } = await caseWithCt();
    const service = new KeyImagesService(db, dataDir);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0xff, 0xd9]);
    expect(() => acceptRenderUpload(dataDir, 'render-token-5', PNG_1X1, 'jpg')).toThrow(/not a JPEG/);
    acceptRenderUpload(dataDir, 'render-token-5', PNG_1X1);
    acceptRenderUpload(dataDir, 'render-token-5', jpeg, 'jpg');
    const input = { caseId, sopInstanceUid: sops[10], frame: 0, caption: 'Axial CT: mass', view, annotations: [] };
    const k = service.create({ ...input, renderToken: 'render-token-5' });
    const png = path.join(dataDir, service.renderPath(k.id)!);
    const kept = cachedJpeg(dataDir, png, PRINT_JPEG_QUALITY);
    expect(kept && readFileSync(kept)).toEqual(jpeg);
    expect(readdirSync(path.join(dataDir, 'renders', 'incoming'))).toEqual([]);
    // Without one (an older viewer, the demo), the key image is made all the same; the first PDF export keeps it.
    // Another render (other bytes, so another hash).
    acceptRenderUpload(dataDir, 'render-token-6', Buffer.concat([PNG_1X1, Buffer.from([0])]));
    const other = service.create({ ...input, renderToken: 'render-token-6' });
    expect(cachedJpeg(dataDir, path.join(dataDir, service.renderPath(other.id)!), PRINT_JPEG_QUALITY)).toBeNull();
  });

  it('refuse an upload that is not a PNG, and unclaimed or orphaned renders are swept', async () => {
    const { db, dataDir } = await caseWithCt();
    expect(() => acceptRenderUpload(dataDir, 'render-token-3', Buffer.from('GIF89a....'))).toThrow(/not a PNG/);
    acceptRenderUpload(dataDir, 'render-token-4', PNG_1X1);
    // A day later, the unclaimed upload is gone.
    sweepRenders(dataDir, allRenderPaths(db), Date.now() + 25 * 3600 * 1000);
    expect(readdirSync(path.join(dataDir, 'renders', 'incoming'))).toEqual([]);
  });
});

describe('lesions', () => {
  it('keep long x short x craniocaudal in cm and give the greatest dimension for staging', async () => {
    const { db, caseId } = await caseWithCt();
    const service = new LesionsService(db);
    const l = service.create(caseId, {
      label: 'Primary retroperitoneal mass',
      longCm: 9,
      shortCm: 8,
      craniocaudalCm: 16.3,
      studyDate: '2026-09-22',
      source: 'measured',
      note: '',
    });
    expect(l).toMatchObject({ greatestDimensionCm: 16.3, source: 'measured' });
    const typed = service.update(l.id, {
      label: 'Primary',
      longCm: 7,
      shortCm: null,
      craniocaudalCm: null,
      studyDate: null,
      source: 'typed',
      note: 'from the referral letter',
    });
    expect(typed.greatestDimensionCm).toBe(7);
    expect(service.update(l.id, { ...typed, longCm: null }).greatestDimensionCm).toBeNull();
    service.remove(l.id);
    expect(service.list(caseId)).toEqual([]);
  });
});
