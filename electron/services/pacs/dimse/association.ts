import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import type { DimseSettings } from '../../../../shared/domain/pacs';
import { PacsError, type ReceivedInstance } from '../client';
import { droppedFailure, networkFailure, notOffered, rejectionFailure } from './failures';
import {
  dimse,
  STATUS,
  type Association,
  type CStoreRequest,
  type PresentationContext,
  type Request,
  type Response,
} from './lib';
import { keepRawOn, partTen, storeResponse } from './receive';

/**
 * One association with the PACS: connect, negotiate, send the requests one after the other, release. The requests'
 * own 'response' listeners read the answers; this settles once the connection is closed, so nothing outlives it:
 * resolved after a normal release, rejected with a PacsError (or the abort reason) otherwise.
 */
export interface Exchange {
  /** The service in the user's words ('C-ECHO', 'C-FIND', 'C-GET', 'C-MOVE', 'C-STORE'), for messages. */
  what: string;
  requests: Request[];
  /** Presentation contexts besides the requests' own (e.g. a C-STORE file's exact transfer syntax). */
  contexts?: PresentationContext[];
  signal?: AbortSignal;
  /** The C-STORE sub-operations of a C-GET: each acknowledged only after it is handled (back-pressure). */
  onStore?(instance: ReceivedInstance): Promise<void>;
  /** Longest silence (no byte either way) before giving up, in ms; also the connect timeout. */
  idleMs?: number;
}

const DEFAULT_IDLE_MS = 60_000;

/** The parts of dcmjs-dimse's Client not in its typings: its current Network (association) and that one's socket. */
interface ClientInternals {
  network?: {
    socket: Socket;
    createDatasetFromStoreWritableStream: unknown;
    on(event: 'abort', listener: () => void): void;
  };
}

/** TLS options: the node's CA file added to the system's trusted roots. */
function securityOptions(s: DimseSettings) {
  if (!s.tls) return undefined;
  const ca = s.caFile ? [...tls.rootCertificates, readFileSync(s.caFile, 'utf8')] : undefined;
  return { ca, rejectUnauthorized: true };
}

export function associate(s: DimseSettings, exchange: Exchange): Promise<void> {
  const { what, requests, signal } = exchange;
  const idleMs = exchange.idleMs ?? DEFAULT_IDLE_MS;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let security;
    try {
      security = securityOptions(s);
    } catch (e) {
      return reject(new PacsError('certificate', `Cannot read the CA file ${s.caFile}: ${(e as Error).message}`, e));
    }
    const client = new dimse.Client();
    for (const request of requests) client.addRequest(request);
    for (const context of exchange.contexts ?? []) client.addAdditionalPresentationContext(context, true);
    const answered = new Set<Request>();
    for (const request of requests)
      request.on('response', (response: Response) => {
        if (response.getStatus() !== STATUS.pending && response.getStatus() !== STATUS.pendingWarning)
          answered.add(request);
      });

    let failure: unknown;
    let associated = false;
    let released = false;
    let peerAborted = false;
    let socketError: (Error & { code?: string }) | undefined;

    const internals = client as unknown as ClientInternals;
    const hangUp = () => internals.network?.socket.destroy();
    const fail = (error: unknown) => {
      failure ??= error;
      hangUp();
    };

    const onAbort = () => {
      failure ??= signal?.reason;
      const socket = internals.network?.socket;
      if (!associated || !socket) return hangUp();
      // Tell the PACS to stop (C-CANCEL) and end the association (A-ABORT), then hang up once that is written.
      for (const request of requests)
        if (!answered.has(request) && request.getMessageId() && isCancellable(request)) client.cancel(request);
      client.abort();
      socket.end();
      setTimeout(hangUp, 2000).unref();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    client.on('associationAccepted', (association: Association) => {
      associated = true;
      if (requests.some((r) => !association.getAcceptedPresentationContextFromRequest(r))) fail(notOffered(s, what));
    });
    client.on('associationRejected', (rj: { result: number; source: number; reason: number }) =>
      fail(rejectionFailure(s, rj)),
    );
    client.on('associationReleased', () => (released = true));
    client.on('networkError', (error: Error) => fail(networkFailure(s, what, associated, socketError, error.message)));
    client.on('cStoreRequest', (request: CStoreRequest, respond: (r: unknown) => void) => {
      if (failure !== undefined || !exchange.onStore) return respond(storeResponse(request, STATUS.outOfResources));
      let instance: ReceivedInstance;
      try {
        instance = partTen(request);
      } catch (e) {
        fail(new PacsError('bad-answer', `The PACS sent an instance we could not read during the ${what}`, e));
        return respond(storeResponse(request, STATUS.cannotUnderstand));
      }
      exchange.onStore(instance).then(
        () => respond(storeResponse(request, STATUS.success)),
        (e: unknown) => {
          respond(storeResponse(request, STATUS.outOfResources));
          fail(e);
        },
      );
    });
    client.on('closed', () => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(signal.reason);
      else if (failure !== undefined) reject(failure);
      else if (!released || requests.some((r) => !answered.has(r))) reject(droppedFailure(s, what, peerAborted));
      else resolve();
    });

    client.send(s.host, s.port, s.ourAet, s.calledAet, {
      connectTimeout: idleMs,
      associationTimeout: idleMs,
      pduTimeout: idleMs,
      securityOptions: security,
    });
    const network = internals.network;
    if (network) {
      // First in line, so the code is known when dcmjs-dimse reports its own (code-less) error.
      network.socket.prependListener('error', (e: Error) => (socketError ??= e));
      network.on('abort', () => (peerAborted = true));
      keepRawOn(network);
    }
  });
}

type Cancellable = Parameters<InstanceType<typeof dimse.Client>['cancel']>[0];

function isCancellable(request: Request): request is Cancellable {
  const { CFindRequest, CGetRequest, CMoveRequest } = dimse.requests;
  return request instanceof CFindRequest || request instanceof CGetRequest || request instanceof CMoveRequest;
}
