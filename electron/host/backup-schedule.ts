import { runAs, SYSTEM_ACTOR } from '../db/actor';
import type { Logger } from './log';
import type { Services } from './services';

export const CHECK_EVERY_MS = 3600 * 1000;

/**
 * The daily backup of a running app (desktop main process and web host): checks at start and then hourly whether
 * the daily backup is on and the last one is 24 hours old, and if so backs up and prunes to the kept number. The
 * timers are unref'd: they never keep a process alive that is otherwise done. Runs as the app itself (the audit
 * trail shows 'system'). Answers the function that stops it.
 */
export function scheduleDailyBackup(
  services: Pick<Services, 'backup'>,
  log: Pick<Logger, 'info' | 'error'>,
  everyMs: number = CHECK_EVERY_MS,
): () => void {
  const check = () => {
    if (!services.backup.isDue()) return;
    let run: ReturnType<Services['backup']['runNow']>;
    try {
      run = runAs(SYSTEM_ACTOR, () => services.backup.runNow());
    } catch (err) {
      log.error('the daily backup could not start', err);
      return;
    }
    run.then(
      (done) =>
        log.info('daily backup written', {
          folder: done.folder,
          files: done.files,
          bytes: done.bytes,
          seconds: done.seconds,
          removed: done.removed,
        }),
      (err: unknown) => log.error('the daily backup failed', err),
    );
  };
  const first = setTimeout(check, 60_000);
  const hourly = setInterval(check, everyMs);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
