import path from 'node:path';
import type { PacsRetrieveProgress, PacsRetrieveResult } from '../../../shared/contract/pacs';
import type { Db } from '../../db/open';
import { writeTransaction } from '../../db/transaction';
import { importDicom, ImportFailedError } from '../dicom/import-service';
import { outcome } from '../dicom/import-outcome';
import type { JobControl } from '../jobs/job-registry';
import { PacsError, type PacsClient, type RetrieveTarget } from './client';
import type { PacsNodeWithSecret } from './nodes-sql';
import * as sql from './pacs-sql';
import { Staging } from './staging';

export interface RetrieveDeps {
  db: Db;
  dataDir: string;
  node: PacsNodeWithSecret;
  client: PacsClient;
  now?: () => string;
}

export interface RetrieveRequest {
  /** The case to attach the study to (the import's patient-mismatch rule applies); none: imported unattached. */
  caseId?: number;
  studyUid: string;
  /** Empty: the whole study. */
  seriesUids: readonly string[];
  confirmMismatch: boolean;
}

/** A retrieval stopped by its signal: nothing reached the case; what arrived stays in the staging folder. */
export class RetrieveCancelled extends Error {
  override name = 'RetrieveCancelled';
  constructor(readonly transferId: number) {
    super('Cancelled: nothing was added to the case; what arrived is kept for a retry');
  }
}

/**
 * Retrieves a study (or some of its series) from a PACS node into BoardPrep, through the SAME import as files
 * (issue 15 item 4): the instances are received into a staging folder of the data folder (staging.ts), then
 * importDicom reads that folder with its parsing, deduplication, atomic unit, rejection reasons and
 * patient-mismatch rule. Instances the index or the staging folder already holds are not fetched again, so a retry
 * after a cancel or a dropped connection fetches only what is missing. The staging folder is removed only after a
 * successful import. Every retrieval is registered in pacs_transfers (running, then done, cancelled or failed).
 */
export async function retrieveIntoCase(
  deps: RetrieveDeps,
  request: RetrieveRequest,
  control: JobControl<PacsRetrieveProgress>,
): Promise<PacsRetrieveResult> {
  const { db, dataDir, node, client } = deps;
  const now = deps.now ?? (() => new Date().toISOString());
  const { signal } = control;
  const staging = new Staging(dataDir, node.id, request.studyUid);
  const transferId = writeTransaction(db, () =>
    sql.insertTransfer(db, {
      nodeId: node.id,
      nodeName: node.name,
      direction: 'retrieve',
      transport: client.transport,
      caseId: request.caseId ?? null,
      studyUid: request.studyUid,
      seriesUid: request.seriesUids.length === 1 ? request.seriesUids[0] : null,
      startedAt: now(),
    }),
  );
  const progress: PacsRetrieveProgress = { phase: 'querying', expected: null, received: 0, skipped: 0, imported: 0 };
  const report = (patch: Partial<PacsRetrieveProgress>) => control.report(Object.assign(progress, patch));
  const finish = (end: Omit<sql.TransferEnd, 'finishedAt' | 'files'>) =>
    writeTransaction(db, () =>
      sql.finishTransfer(db, transferId, { ...end, files: progress.received, finishedAt: now() }),
    );

  try {
    report({});
    const held = sql.heldInstances(db, request.studyUid);
    const staged = staging.open();
    const targets: RetrieveTarget[] =
      request.seriesUids.length === 0
        ? [{ studyUid: request.studyUid }]
        : request.seriesUids.map((seriesUid) => ({ studyUid: request.studyUid, seriesUid }));

    // What the PACS holds of each target, so progress has a total and what is already here is skipped.
    const wanted: string[][] = [];
    for (const target of targets) wanted.push(await client.findInstances(target, signal));
    const skip = new Set([...held.sops, ...staged]);
    const all = wanted.flat();
    report({ expected: all.length, skipped: all.filter((sop) => skip.has(sop)).length });

    report({ phase: 'receiving' });
    for (const [i, target] of targets.entries()) {
      if (wanted[i].length > 0 && wanted[i].every((sop) => skip.has(sop))) continue;
      await client.retrieve(target, {
        signal,
        skip,
        onExpected: (count) => {
          // Only when the instance query told us nothing (a PACS that does not answer it).
          if (all.length === 0) report({ expected: (progress.expected ?? 0) + count });
        },
        onInstance: async ({ sopInstanceUid, bytes }) => {
          // C-GET and C-MOVE send a whole series: what is already here is dropped.
          if (skip.has(sopInstanceUid)) return;
          staging.put(sopInstanceUid, bytes);
          skip.add(sopInstanceUid);
          report({ received: progress.received + 1 });
        },
      });
      if (signal.aborted) break;
    }
    if (signal.aborted) throw new RetrieveCancelled(transferId);

    report({ phase: 'importing' });
    // An instance already indexed is not fetched, so the import would not see its study: one of its stored files
    // goes in too (a duplicate to the import), so the study is attached to the case by the same rule as the rest.
    const paths = [staging.dir];
    if (request.caseId !== undefined && held.oneStoredPath !== null) paths.push(path.join(dataDir, held.oneStoredPath));
    const result = await importDicom(db, dataDir, paths, {
      caseId: request.caseId,
      confirmMismatch: request.confirmMismatch,
      signal,
      onProgress: (p) => report({ imported: p.imported }),
    });
    if (result.status === 'cancelled') throw new RetrieveCancelled(transferId);
    report({ imported: result.imported });
    finish({ status: 'done', error: '', importId: result.importId });
    staging.remove();
    return {
      transferId,
      node: node.name,
      transport: client.transport,
      received: progress.received,
      skipped: progress.skipped,
      import: outcome(result, (p) => (p.startsWith(staging.dir) ? path.basename(p) : path.relative(dataDir, p))),
    };
  } catch (e) {
    if (signal.aborted || e instanceof RetrieveCancelled) {
      finish({ status: 'cancelled', error: 'Cancelled: what arrived is kept for a retry', importId: null });
      throw e instanceof RetrieveCancelled ? e : new RetrieveCancelled(transferId);
    }
    const importId = e instanceof ImportFailedError ? e.importId : null;
    finish({ status: 'failed', error: failureWords(e), importId });
    throw e;
  }
}

function failureWords(e: unknown): string {
  if (e instanceof PacsError || e instanceof ImportFailedError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
