import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/open';
import { importDicom } from '../dicom/import-service';
import type { ImportProgress } from '../dicom/types';
import { makeScratchDir } from '../scratch';
import { readDemoBoard } from './demo-board';
import { demoCaseId } from './demo-case-ids';
import { loadDemoKeyImages } from './demo-key-images';
import { DEMO_IMAGE_KEYS, generateDemoImages } from './synthetic/generate';

export interface DemoImagesResult {
  /** Per demo case: how many images were stored now, and how many were already there. */
  cases: { key: string; caseId: number; imported: number; duplicates: number }[];
  /** Measured key images added to those cases (resources/demo/key-images/). */
  keyImages: number;
}

/**
 * Writes the demo's synthetic CT series and imports them into their cases, through the same import as a
 * hospital CD, then adds the demo's measured key images of them. Their UIDs are deterministic, so loading twice stores nothing twice. Cases the user has
 * removed or renumbered (no patient with the demo MRN) are skipped.
 */
export async function loadDemoImages(
  db: Db,
  dataDir: string,
  resourcesDir: string,
  options: { signal?: AbortSignal; onProgress?: (key: string, p: ImportProgress) => void } = {},
): Promise<DemoImagesResult> {
  const board = readDemoBoard(resourcesDir);
  const targets = board.cases
    .filter((c) => DEMO_IMAGE_KEYS.includes(c.key))
    .map((c) => {
      // Each demo case's images go to its own case (a patient's later episode is its own demo case).
      const caseId = demoCaseId(db, board, c.key);
      return caseId === undefined ? null : { key: c.key, caseId };
    })
    .filter((t): t is { key: string; caseId: number } => t !== null);
  if (targets.length === 0) return { cases: [], keyImages: 0 };

  // In the data folder's tmp/ (patient images, even synthetic, stay with the data); swept at start after a kill.
  const work = makeScratchDir(dataDir, 'demo-images');
  try {
    await generateDemoImages(board, work, { onlyKeys: targets.map((t) => t.key) });
    const cases: DemoImagesResult['cases'] = [];
    for (const { key, caseId } of targets) {
      const result = await importDicom(db, dataDir, [path.join(work, key)], {
        caseId,
        signal: options.signal,
        onProgress: (p) => options.onProgress?.(key, p),
      });
      cases.push({ key, caseId, imported: result.imported, duplicates: result.duplicates });
    }
    return { cases, keyImages: loadDemoKeyImages(db, dataDir, resourcesDir) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
