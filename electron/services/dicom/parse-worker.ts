import { parentPort } from 'node:worker_threads';
import { parseInstance, type ParseOutcome } from './parse';

/**
 * The parser thread (see parse-thread.ts): parses each file it is sent and sends the bytes back. The file's buffer
 * travels both ways by transfer, not copy; the bytes to store come back as a view of it, or (for a file stored with
 * an added header) as a new buffer.
 */

export interface ParseRequest {
  id: number;
  buffer: ArrayBuffer;
  byteOffset: number;
  byteLength: number;
}

export type WorkerOutcome =
  | Exclude<ParseOutcome, { kind: 'instance' }>
  | (Omit<Extract<ParseOutcome, { kind: 'instance' }>, 'bytes'> & { stored: 'same' | Uint8Array });

export interface ParseReply {
  id: number;
  buffer: ArrayBuffer;
  outcome: WorkerOutcome;
}

function outcomeOf(bytes: Uint8Array): WorkerOutcome {
  let outcome: ParseOutcome;
  try {
    outcome = parseInstance(bytes);
  } catch (e) {
    // A file that trips the parser is that file's problem, not the import's.
    return {
      kind: 'rejected',
      reason: `damaged: the DICOM header could not be read (${e instanceof Error ? e.message : String(e)})`,
    };
  }
  if (outcome.kind !== 'instance') return outcome;
  const { bytes: stored, ...rest } = outcome;
  return { ...rest, stored: stored === bytes ? 'same' : stored };
}

parentPort?.on('message', (request: ParseRequest) => {
  const outcome = outcomeOf(new Uint8Array(request.buffer, request.byteOffset, request.byteLength));
  const transfer: ArrayBuffer[] = [request.buffer];
  if (outcome.kind === 'instance' && outcome.stored !== 'same' && outcome.stored.buffer !== request.buffer) {
    transfer.push(outcome.stored.buffer as ArrayBuffer);
  }
  parentPort!.postMessage({ id: request.id, buffer: request.buffer, outcome } satisfies ParseReply, transfer);
});
