import { CasesService } from '../services/cases/cases-service';
import { AuthService } from '../services/auth/auth-service';
import { loadDemoImages } from '../services/demo/demo-images';
import { loadDemoBoard } from '../services/demo/demo-service';
import { addDemoUsers, DEMO_PASSWORD, DEMO_USERS } from '../services/demo/demo-users';
import type { AppContext } from './app-context';

/**
 * `--demo` at start (the web host and the desktop app): the demo board with its images and users, only into a
 * database without cases. Answers the lines to tell the user, or none when nothing was loaded.
 */
export async function loadDemoIfEmpty(ctx: AppContext): Promise<string[]> {
  if (new CasesService(ctx.db).count() > 0) return [];
  // Users first: the demo decisions' attendance names them.
  await addDemoUsers(new AuthService(ctx.db));
  const { casesCreated } = loadDemoBoard(ctx.db, ctx.resourcesDir);
  const images = await loadDemoImages(ctx.db, ctx.dataDir, ctx.resourcesDir);
  const stored = images.cases.reduce((n, c) => n + c.imported, 0);
  ctx.log?.info('demo board loaded', { casesCreated, images: stored, keyImages: images.keyImages });
  return [
    `Loaded the demo board: ${casesCreated} cases, ${stored} synthetic CT images, ${images.keyImages} key images.`,
    `Demo users (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => u.username).join(', ')}.`,
  ];
}
