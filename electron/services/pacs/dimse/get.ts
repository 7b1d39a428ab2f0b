import type { DimseSettings } from '../../../../shared/domain/pacs';
import { PacsError, type RetrieveOptions, type RetrieveTarget } from '../client';
import { associate } from './association';
import { isFailureStatus, statusText } from './failures';
import { findInstanceRows } from './find';
import { dimse, STATUS, type Request, type Response } from './lib';

/**
 * What a retrieval asks for: the whole study or series, or (when some instances are already held) only the missing
 * instances, by IMAGE-level requests grouped per series (a list of SOP Instance UIDs in one identifier, PS3.4
 * C.2.2.2.2). An empty list means nothing is left to fetch.
 */
export interface RetrievalPlan {
  identifiers: Record<string, unknown>[];
  /** Known up front when the plan came from an IMAGE-level query; otherwise read from the first pending response. */
  expected: number | null;
}

export async function planRetrieval(
  s: DimseSettings,
  target: RetrieveTarget,
  options: Pick<RetrieveOptions, 'skip' | 'signal'>,
): Promise<RetrievalPlan> {
  const whole = target.seriesUid
    ? { QueryRetrieveLevel: 'SERIES', StudyInstanceUID: target.studyUid, SeriesInstanceUID: target.seriesUid }
    : { QueryRetrieveLevel: 'STUDY', StudyInstanceUID: target.studyUid };
  if (!options.skip || options.skip.size === 0) return { identifiers: [whole], expected: null };
  const missing = (await findInstanceRows(s, target, options.signal)).filter(
    (row) => !options.skip?.has(row.sopInstanceUid),
  );
  const bySeries = new Map<string, string[]>();
  for (const row of missing) bySeries.set(row.seriesUid, [...(bySeries.get(row.seriesUid) ?? []), row.sopInstanceUid]);
  return {
    identifiers: [...bySeries].map(([seriesUid, uids]) => ({
      QueryRetrieveLevel: 'IMAGE',
      StudyInstanceUID: target.studyUid,
      SeriesInstanceUID: seriesUid,
      SOPInstanceUID: uids,
    })),
    expected: missing.length,
  };
}

/** Watches C-GET / C-MOVE responses: the expected count from the first pending one, the failures from the last. */
export function watchProgress(
  requests: Request[],
  plan: RetrievalPlan,
  onExpected: RetrieveOptions['onExpected'],
): () => void {
  if (plan.expected !== null) onExpected?.(plan.expected);
  let told = plan.expected !== null;
  const finals: { status: number; completed: number; failed: number; warnings: number }[] = [];
  for (const request of requests)
    request.on('response', (response: Response) => {
      const r = response as Response & {
        getRemaining(): number | undefined;
        getCompleted(): number | undefined;
        getFailures(): number | undefined;
        getWarnings(): number | undefined;
      };
      const status = r.getStatus();
      const [remaining, completed, failed, warnings] = [
        r.getRemaining() ?? 0,
        r.getCompleted() ?? 0,
        r.getFailures() ?? 0,
        r.getWarnings() ?? 0,
      ];
      if (status === STATUS.pending || status === STATUS.pendingWarning) {
        if (!told) onExpected?.(remaining + completed + failed + warnings);
        told = true;
      } else finals.push({ status, completed, failed, warnings });
    });
  /** Throws when the PACS reported failed sub-operations or a failure status. */
  return () => {
    for (const f of finals) {
      if (f.failed > 0 || isFailureStatus(f.status))
        throw new PacsError(
          f.status === 0xa801 ? 'wrong-aet' : 'bad-answer',
          f.status === 0xa801
            ? 'The PACS does not know where to send the study (move destination unknown): it must know our AE title at our address and move port'
            : `The PACS could not send everything: ${f.completed} sent, ${f.failed} failed (status ${statusText(f.status)})`,
        );
    }
  };
}

/** C-GET: the PACS sends the instances back on the same association, as C-STORE sub-operations. */
export async function cGet(s: DimseSettings, target: RetrieveTarget, options: RetrieveOptions): Promise<void> {
  const plan = await planRetrieval(s, target, options);
  if (plan.identifiers.length === 0) return options.onExpected?.(0);
  const requests = plan.identifiers.map((identifier) => {
    const request = new dimse.requests.CGetRequest();
    request.setDataset(new dimse.Dataset(identifier));
    return request;
  });
  const check = watchProgress(requests, plan, options.onExpected);
  const skip = options.skip;
  await associate(s, {
    what: 'C-GET',
    requests,
    signal: options.signal,
    onStore: async (instance) => {
      if (!skip?.has(instance.sopInstanceUid)) await options.onInstance(instance);
    },
  });
  check();
}
