import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db/open';
import { Annotation, Uid, ViewState } from '../../../shared/domain/imaging';
import { caseIdsOfSamePatient } from '../cases/cases-sql';
import { AnnotationsService } from '../imaging/annotations-service';
import * as imagingSql from '../imaging/imaging-sql';
import { KeyImagesService } from '../imaging/key-images-service';
import { acceptRenderUpload, newRenderToken } from '../imaging/render-store';
import { readDemoBoard } from './demo-board';
import { demoCaseId } from './demo-case-ids';
import { writeTransaction } from '../../db/transaction';

/**
 * The demo cases' key images: measured views of their synthetic CT, made by the app's own viewer
 * (scripts/make-demo-key-images.ts) and kept in resources/demo/key-images/ as the PNG and what the key image
 * records (instance, view, measurements, caption). Loading them gives the imaging slides of the demo meeting real
 * key images with burned-in measurements, and puts the same measurements in the viewer on that slice.
 */

export const DEMO_KEY_IMAGES_DIR = path.join('demo', 'key-images');
export const DEMO_KEY_IMAGES_FILE = path.join('demo', 'key-images.json');

export const DemoKeyImage = z
  .object({
    caseKey: z.string().regex(/^[a-z0-9-]+$/),
    /** The PNG in resources/demo/key-images/. */
    file: z.string().regex(/^[a-z0-9-]+\.png$/),
    sopInstanceUid: Uid,
    frame: z.number().int().min(0),
    caption: z.string().min(1),
    view: ViewState,
    annotations: z.array(Annotation),
  })
  .strict();
export type DemoKeyImage = z.infer<typeof DemoKeyImage>;

const DemoKeyImagesFile = z.object({ generatedBy: z.string(), keyImages: z.array(DemoKeyImage) }).strict();

export function readDemoKeyImages(resourcesDir: string): DemoKeyImage[] {
  const file = path.join(resourcesDir, DEMO_KEY_IMAGES_FILE);
  if (!existsSync(file)) return [];
  return DemoKeyImagesFile.parse(JSON.parse(readFileSync(file, 'utf8'))).keyImages;
}

/**
 * Adds the demo key images to the demo cases whose synthetic CT is stored and attached. A key image already there
 * (same image and caption) and cases the user removed are skipped, so loading twice adds nothing. Returns how many
 * were added.
 */
export function loadDemoKeyImages(db: Db, dataDir: string, resourcesDir: string): number {
  const board = readDemoBoard(resourcesDir);
  const keyImages = new KeyImagesService(db, dataDir);
  const annotations = new AnnotationsService(db);
  let added = 0;
  for (const demo of readDemoKeyImages(resourcesDir)) {
    // The key image belongs to its demo case; its image may be of a study of another episode of the same patient
    // (a restaging episode measuring the baseline study again), as in the app.
    const caseId = demoCaseId(db, board, demo.caseKey);
    const owner = imagingSql.instanceOwner(db, demo.sopInstanceUid);
    if (caseId === undefined || !owner || owner.case_id === null) continue;
    if (!caseIdsOfSamePatient(db, caseId).includes(owner.case_id)) continue;
    if (keyImages.list(caseId).some((k) => k.sopInstanceUid === demo.sopInstanceUid && k.caption === demo.caption))
      continue;

    const token = newRenderToken();
    acceptRenderUpload(dataDir, token, readFileSync(path.join(resourcesDir, DEMO_KEY_IMAGES_DIR, demo.file)));
    // The key image and its measurements in the viewer together (a PNG left unclaimed is swept at the next start).
    writeTransaction(db, () => {
      keyImages.create({
        caseId,
        sopInstanceUid: demo.sopInstanceUid,
        frame: demo.frame,
        caption: demo.caption,
        view: demo.view,
        annotations: demo.annotations,
        renderToken: token,
      });
      const series = owner.series_instance_uid;
      const present = annotations.list(caseId, series);
      const missing = demo.annotations.filter((a) => !present.some((p) => p.id === a.id));
      if (missing.length) annotations.replace(caseId, series, [...present, ...missing]);
    });
    added += 1;
  }
  return added;
}
