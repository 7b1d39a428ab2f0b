import type { Logger } from '../host/log';

/**
 * Errors that would otherwise vanish: the main process's uncaught exceptions and unhandled rejections, a renderer
 * or a child process (GPU, network, utility) that dies. Each is logged, and the user is offered a reload: one
 * question at a time, so a crash loop does not stack dialogs. Plain Node, typed structurally (process and
 * Electron's app satisfy these), so it is unit-tested with event emitters.
 */

export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

export interface ReloadableContents {
  id: number;
  isDestroyed(): boolean;
  reload(): void;
}

export interface AppEvents {
  on(
    event: 'render-process-gone',
    listener: (event: unknown, contents: ReloadableContents, details: { reason: string; exitCode: number }) => void,
  ): unknown;
  on(
    event: 'child-process-gone',
    listener: (event: unknown, details: { type: string; reason: string; exitCode: number; name?: string }) => void,
  ): unknown;
}

export interface CrashDeps {
  log: Logger;
  /** Shows the question; resolves true when the user chose to reload. */
  askReload(message: string): Promise<boolean>;
  /** Reloads every BoardPrep window (for errors not tied to one page). */
  reloadAll(): void;
}

export function watchForCrashes(proc: ProcessEvents, app: AppEvents, deps: CrashDeps): void {
  let asking = false;
  const offer = (message: string, reload: () => void) => {
    if (asking) return;
    asking = true;
    deps
      .askReload(message)
      .then((yes) => yes && reload())
      .catch((err: unknown) => deps.log.error('could not offer a reload', err))
      .finally(() => (asking = false));
  };
  const mainError = (what: string) => (error: unknown) => {
    deps.log.error(what, error);
    offer(
      `BoardPrep hit an unexpected error (${error instanceof Error ? error.message : String(error)}). It was logged. Reload the windows?`,
      deps.reloadAll,
    );
  };
  proc.on('uncaughtException', mainError('uncaught exception in the main process'));
  proc.on('unhandledRejection', mainError('unhandled rejection in the main process'));
  app.on('render-process-gone', (_event, contents, details) => {
    deps.log.error("a window's page stopped", undefined, {
      contentsId: contents.id,
      reason: details.reason,
      exitCode: details.exitCode,
    });
    if (details.reason === 'clean-exit') return;
    offer(`A BoardPrep window stopped working (${details.reason}). It was logged. Reload it?`, () => {
      if (!contents.isDestroyed()) contents.reload();
    });
  });
  app.on('child-process-gone', (_event, details) => {
    deps.log.error('a helper process stopped', undefined, {
      type: details.type,
      name: details.name,
      reason: details.reason,
      exitCode: details.exitCode,
    });
    if (details.reason === 'clean-exit') return;
    offer(
      `A BoardPrep helper process (${details.name ?? details.type}) stopped (${details.reason}). It was logged. Reload the windows?`,
      deps.reloadAll,
    );
  });
}
