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
  const rows = await findInstanceRows(s, target, options.signal);
  // A PACS that lists no instances at IMAGE level may still send them: fetch the whole, the sink drops the held.
  if (rows.length === 0) return { identifiers: [whole], expected: null };
  const missing = rows.filter((row) => !options.skip?.has(row.sopInstanceUid));
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
  s: DimseSettings,
  requests: Request[],
  plan: RetrievalPlan,
  onExpected: RetrieveOptions['onExpected'],
  move = false,
): () => void {
  if (plan.expected !== null) onExpected?.(plan.expected);
  let told = plan.expected !== null;
  const finals: { status: number; completed: number; failed: number; comment: string }[] = [];
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
      } else finals.push({ status, completed, failed, comment: (r.getErrorComment() ?? '').trim() });
    });
  const moveHint = `ask its administrator to add ${s.ourAet} at this workstation's address, port ${s.movePort ?? '?'}`;
  /** Throws when the PACS reported failed sub-operations or a failure status. */
  return () => {
    for (const f of finals) {
      if (f.status === 0xa801)
        throw new PacsError(
          'wrong-aet',
          `The PACS does not know where to send to ${s.ourAet} (move destination unknown): ${moveHint}`,
        );
      if (f.failed > 0 || isFailureStatus(f.status)) {
        const why = `status ${statusText(f.status)}${f.comment ? `: ${f.comment}` : ''}`;
        // Some PACS (Orthanc) answer an unknown move destination with a plain "unable to process".
        const hint =
          move && f.completed === 0 && f.failed === 0
            ? `; if it does not know ${s.ourAet} as a destination, ${moveHint}`
            : '';
        throw new PacsError(
          'bad-answer',
          `The PACS could not send everything: ${f.completed} sent, ${f.failed} failed (${why})${hint}`,
        );
      }
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
  const check = watchProgress(s, requests, plan, options.onExpected);
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
