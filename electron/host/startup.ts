import path from 'node:path';
import type { AppContext } from './app-context';
import { sweepImageStore } from '../services/dicom/sweep';
import { allRenderPaths } from '../services/imaging/imaging-sql';
import { sweepRenders } from '../services/imaging/render-store';
import { sweepPartialFiles } from '../services/export';
import { sweepScratchDirs } from '../services/scratch';
import { sweepStaging } from '../services/pacs/staging';
import { sweepUploads } from './uploads';

/** How long the instances of a cancelled or dropped PACS retrieval wait for a retry. */
export const STAGING_KEEP_DAYS = 14;

/**
 * At every start: finish what a crash left behind, so no stored file is without its index row and no
 * index row without its file (interrupted imports, unclaimed renders, abandoned uploads, working folders, PACS retrievals abandoned for
 * two weeks).
 */
export async function startupSweep(ctx: AppContext, say: (line: string) => void = () => {}): Promise<void> {
  const store = await sweepImageStore(ctx.db, ctx.dataDir);
  const renders = sweepRenders(ctx.dataDir, allRenderPaths(ctx.db));
  sweepUploads(ctx.dataDir);
  // Temporary files of exports a crash interrupted (a finished export is renamed into place whole).
  sweepPartialFiles(path.join(ctx.dataDir, 'exports'));
  // Working folders (Chromium profiles, demo images) of processes that are gone.
  sweepScratchDirs(ctx.dataDir);
  // PACS retrievals abandoned for two weeks: their instances would be fetched again anyway (pacs-incoming/).
  const staging = sweepStaging(ctx.dataDir, STAGING_KEEP_DAYS);
  if (staging.length > 0)
    say(`Removed ${staging.length} PACS retrieval(s) left unfinished for ${STAGING_KEEP_DAYS} days.`);
  const removed = store.removedFiles + store.removedTempFiles + renders;
  if (removed > 0 || store.interruptedImports.length > 0) {
    say(
      `Cleaned up after an interrupted session: ${store.interruptedImports.length} unfinished import(s) rolled back, ` +
        `${store.removedFiles + store.removedTempFiles} stray image file(s) and ${renders} stray render(s) removed.`,
    );
  }
}
