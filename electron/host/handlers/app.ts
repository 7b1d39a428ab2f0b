import { schemaVersion } from '../../db/migrate';
import { loadDemoImages } from '../../services/demo/demo-images';
import { loadDemoBoard } from '../../services/demo/demo-service';
import { addDemoUsers } from '../../services/demo/demo-users';
import type { Services } from '../services';
import type { HandlerSlice } from './slice';

export function appHandlers({ ctx, cases, auth }: Services): HandlerSlice<'app:info' | 'demo:load'> {
  return {
    'app:info': () => ({
      name: 'BoardPrep' as const,
      version: ctx.version,
      dataDir: ctx.dataDir,
      schemaVersion: schemaVersion(ctx.db),
      caseCount: cases.count(),
    }),
    'demo:load': async ({ images }) => {
      // Users first: the demo decisions' attendance names them (demo-service.ts links the names to the users).
      await addDemoUsers(auth);
      const records = loadDemoBoard(ctx.db, ctx.resourcesDir);
      const loaded = images ? await loadDemoImages(ctx.db, ctx.dataDir, ctx.resourcesDir) : null;
      return { ...records, images: loaded?.cases ?? null };
    },
  };
}
