import type { DimseSettings, PacsTestResult } from '../../../../shared/domain/pacs';
import { PacsError, type PacsClient } from '../client';
import { associate } from './association';
import { findInstanceRows, findSeries, findStudies } from './find';
import { cGet } from './get';
import { dimse } from './lib';
import { cMove } from './move-scp';
import { cStore } from './store';

/**
 * A PACS over DIMSE (issue 15), with dcmjs-dimse as the network stack: C-ECHO tests the node, C-FIND queries it,
 * C-GET (or C-MOVE to our own storage SCP, see move-scp.ts) retrieves, C-STORE sends. Each call is one association,
 * opened and released within the call, so `close` has only an unfinished retrieval's listener left to stop.
 */
export function dimseClient(
  settings: DimseSettings,
  nodeName: string,
  /** How long "Test" waits for an answer (10 s; tests shorten it). */
  options: { echoTimeoutMs?: number } = {},
): PacsClient {
  const running = new Map<AbortController, Promise<unknown>>();

  /** Runs a call with a signal that `close` also aborts, so nothing outlives the client. */
  function tracked<T>(signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const call = work(signal ? AbortSignal.any([signal, controller.signal]) : controller.signal);
    running.set(controller, call);
    const forget = () => running.delete(controller);
    call.then(forget, forget);
    return call;
  }

  return {
    transport: 'dimse',

    async test(): Promise<PacsTestResult> {
      const started = performance.now();
      try {
        await associate(settings, {
          what: 'C-ECHO',
          requests: [new dimse.requests.CEchoRequest()],
          idleMs: options.echoTimeoutMs ?? 10_000,
        });
        const ms = Math.round(performance.now() - started);
        return { transport: 'dimse', ok: true, message: `C-ECHO answered in ${ms} ms`, failure: null, ms };
      } catch (e) {
        const error =
          e instanceof PacsError ? e : new PacsError('other', `The C-ECHO to "${nodeName}" failed: ${String(e)}`, e);
        return { transport: 'dimse', ok: false, message: error.message, failure: error.failure, ms: null };
      }
    },

    findStudies: (query, signal) => tracked(signal, (sig) => findStudies(settings, query, sig)),
    findSeries: (studyUid, signal) => tracked(signal, (sig) => findSeries(settings, studyUid, sig)),
    findInstances: (target, signal) =>
      tracked(signal, async (sig) => (await findInstanceRows(settings, target, sig)).map((r) => r.sopInstanceUid)),

    retrieve: (target, options) =>
      tracked(options.signal, (signal) =>
        (settings.retrieve === 'c-move' ? cMove : cGet)(settings, target, { ...options, signal }),
      ),

    store: (files, signal) => tracked(signal, (sig) => cStore(settings, files, sig)),

    /** Ends what still runs (its association aborted, the C-MOVE listener stopped) and waits until it has. */
    async close() {
      const calls = [...running];
      for (const [controller] of calls)
        controller.abort(new PacsError('other', `The connection to "${nodeName}" was closed`));
      await Promise.allSettled(calls.map(([, call]) => call));
    },
  };
}
