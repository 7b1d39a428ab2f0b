import type { PacsSendProgress, PacsSendResult } from '../../../shared/contract/pacs';
import type { Db } from '../../db/open';
import { failureMessage, type JobControl } from '../jobs/job-registry';
import { PacsError, type PacsClient } from './client';
import { buildKeyObjects, type StudyKeyObjects } from './key-objects/build';
import { finishSendTransfer, insertSendTransfer } from './key-objects/send-sql';
import type { PacsNodeWithSecret } from './nodes-sql';

export interface SendDeps {
  db: Db;
  dataDir: string;
  node: PacsNodeWithSecret;
  client: PacsClient;
  now?: () => string;
}

/**
 * Sends a case's key images to a PACS (issue 15 item 6): each as a Secondary Capture with its measurements burned
 * in, in a "BoardPrep key images" series of its source study, and one Key Object Selection ("For Conference") per
 * study. The UIDs are deterministic (key-objects/uids.ts), so a second send stores nothing new. Each study is one
 * store call and one pacs_transfers row ('send'), finished as done, failed or cancelled.
 */
export async function sendKeyImages(
  deps: SendDeps,
  caseId: number,
  control: JobControl<PacsSendProgress>,
): Promise<PacsSendResult> {
  const { db, dataDir, node, client } = deps;
  const now = deps.now ?? (() => new Date().toISOString());
  let written = 0;
  control.report({ phase: 'writing', total: null, sent: 0 });
  const studies = buildKeyObjects(db, dataDir, caseId, () => control.report({ sent: ++written }));
  const total = studies.reduce((n, s) => n + s.secondaryCaptures.length + 1, 0);
  control.report({ phase: 'sending', total, sent: 0 });

  let sent = 0;
  for (const study of studies) {
    control.signal.throwIfAborted();
    sent += await sendStudy(deps, caseId, study, control.signal, now);
    control.report({ sent });
  }
  return {
    node: node.name,
    transport: client.transport,
    secondaryCaptures: studies.reduce((n, s) => n + s.secondaryCaptures.length, 0),
    keyObjects: studies.length,
    seriesUids: studies.map((s) => s.seriesUid),
  };
}

/** One study's objects in one store call; answers how many the PACS accepted (all, or it throws). */
async function sendStudy(
  { db, node, client }: SendDeps,
  caseId: number,
  study: StudyKeyObjects,
  signal: AbortSignal,
  now: () => string,
): Promise<number> {
  const objects = [...study.secondaryCaptures, study.keyObject];
  const transferId = insertSendTransfer(db, {
    nodeId: node.id,
    nodeName: node.name,
    transport: client.transport,
    caseId,
    studyUid: study.studyUid,
    seriesUid: study.seriesUid,
    startedAt: now(),
  });
  let accepted: string[] = [];
  try {
    accepted = await client.store(
      objects.map((o) => o.bytes),
      signal,
    );
    const missing = objects.filter((o) => !accepted.includes(o.sopInstanceUid));
    if (missing.length > 0)
      throw new PacsError(
        'bad-answer',
        `${node.name} accepted ${objects.length - missing.length} of the ${objects.length} key objects of study ` +
          `${study.studyUid}; it refused ${missing.map((o) => o.sopInstanceUid).join(', ')}`,
      );
    finishSendTransfer(db, transferId, { status: 'done', files: objects.length, error: '', finishedAt: now() });
    return objects.length;
  } catch (err) {
    const cancelled = signal.aborted;
    finishSendTransfer(db, transferId, {
      status: cancelled ? 'cancelled' : 'failed',
      files: accepted.filter((uid) => objects.some((o) => o.sopInstanceUid === uid)).length,
      error: cancelled ? '' : failureMessage(err),
      finishedAt: now(),
    });
    throw err;
  }
}
