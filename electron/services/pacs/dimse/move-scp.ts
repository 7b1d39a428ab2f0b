import type { Socket } from 'node:net';
import type { DimseSettings } from '../../../../shared/domain/pacs';
import { PacsError, type ReceivedInstance, type RetrieveOptions, type RetrieveTarget } from '../client';
import { associate } from './association';
import { planRetrieval, watchProgress } from './get';
import { dimse, STATUS, type Association, type CEchoRequest, type CEchoResponse, type CStoreRequest } from './lib';
import { keepRaw, partTen, storeResponse } from './receive';

/**
 * C-MOVE: the PACS opens its own association to us and sends the instances by C-STORE. Our storage SCP listens on
 * the node's move port only while a C-MOVE runs, and only takes associations from the node (calling AE title = the
 * node's AE title) addressed to us (called AE title = our AE title): anything else is rejected.
 */

const { PresentationContextResult, RejectResult, RejectSource, RejectReason, SopClass, TransferSyntax } =
  dimse.constants;

/** Storage SOP classes all live under this root (PS3.4 B.5); query/retrieve and worklist classes do not. */
const STORAGE_ROOT = '1.2.840.10008.5.1.4.1.1.';

/** Uncompressed first (what a C-GET gets too), then what a PACS may hold compressed; any other is taken as offered. */
const PREFERRED_SYNTAXES = [
  TransferSyntax.ExplicitVRLittleEndian,
  TransferSyntax.ImplicitVRLittleEndian,
  TransferSyntax.JpegLossless,
  TransferSyntax.Jpeg2000Lossless,
  TransferSyntax.JpegLsLossless,
  TransferSyntax.RleLossless,
  TransferSyntax.JpegBaseline,
  TransferSyntax.Jpeg2000Lossy,
  TransferSyntax.JpegLsLossy,
];

interface ScpContext {
  settings: DimseSettings;
  onStore(instance: ReceivedInstance): Promise<void>;
  /** The first failure of onStore: the retrieval rejects with it. */
  failure?: unknown;
}

type ScpOptions = ConstructorParameters<typeof dimse.Scp>[1] & { customOptions?: { context?: ScpContext } };

class StorageScp extends dimse.Scp {
  private readonly context: ScpContext;

  constructor(socket: Socket, opts?: ScpOptions) {
    super(socket, opts);
    const context = opts?.customOptions?.context;
    if (!context) throw new Error('StorageScp needs its context');
    this.context = context;
  }

  override associationRequested(association: Association): void {
    const { settings } = this.context;
    if (association.getCallingAeTitle().trim() !== settings.calledAet) {
      return this.sendAssociationReject(
        RejectResult.Permanent,
        RejectSource.ServiceUser,
        RejectReason.CallingAeNotRecognized,
      );
    }
    if (association.getCalledAeTitle().trim() !== settings.ourAet) {
      return this.sendAssociationReject(
        RejectResult.Permanent,
        RejectSource.ServiceUser,
        RejectReason.CalledAeNotRecognized,
      );
    }
    for (const { id } of association.getPresentationContexts()) {
      const context = association.getPresentationContext(id);
      const uid = context.getAbstractSyntaxUid();
      if (uid !== SopClass.Verification && !uid.startsWith(STORAGE_ROOT)) {
        context.setResult(PresentationContextResult.RejectAbstractSyntaxNotSupported);
        continue;
      }
      const offered = context.getTransferSyntaxUids();
      const chosen = PREFERRED_SYNTAXES.find((ts) => offered.includes(ts)) ?? offered[0];
      if (chosen) context.setResult(PresentationContextResult.Accept, chosen);
      else context.setResult(PresentationContextResult.RejectTransferSyntaxesNotSupported);
    }
    this.sendAssociationAccept();
  }

  override associationReleaseRequested(): void {
    this.sendAssociationReleaseResponse();
  }

  override cEchoRequest(request: CEchoRequest, callback: (r: CEchoResponse) => void): void {
    const response = dimse.responses.CEchoResponse.fromRequest(request);
    response.setStatus(STATUS.success);
    callback(response);
  }

  override cStoreRequest(request: CStoreRequest, callback: (r: ReturnType<typeof storeResponse>) => void): void {
    const context = this.context;
    if (context.failure !== undefined) return callback(storeResponse(request, STATUS.outOfResources));
    let instance: ReceivedInstance;
    try {
      instance = partTen(request);
    } catch (e) {
      context.failure ??= new PacsError(
        'bad-answer',
        'The PACS sent an instance we could not read during the C-MOVE',
        e,
      );
      return callback(storeResponse(request, STATUS.cannotUnderstand));
    }
    context.onStore(instance).then(
      () => callback(storeResponse(request, STATUS.success)),
      (e: unknown) => {
        context.failure ??= e;
        callback(storeResponse(request, STATUS.outOfResources));
      },
    );
  }

  override createDatasetFromStoreWritableStream(...args: Parameters<typeof keepRaw>): void {
    keepRaw(...args);
  }

  // A C-CANCEL or A-ABORT from the PACS needs nothing from us: the C-MOVE's own association reports the outcome.
  override cCancelRequest(): void {}
  override abort(): void {}
}

export interface StorageScpHandle {
  context: ScpContext;
  /** Stops listening and drops any connection; resolves once the port is closed. */
  stop(): Promise<void>;
}

/** Starts our storage SCP on the move port; rejects in plain words when the port cannot be had. */
export function startStorageScp(
  settings: DimseSettings,
  onStore: (instance: ReceivedInstance) => Promise<void>,
): Promise<StorageScpHandle> {
  const port = settings.movePort;
  if (port === null)
    return Promise.reject(
      new PacsError('other', 'A C-MOVE needs a move port: set the port the PACS sends to in the node settings'),
    );
  const context: ScpContext = { settings, onStore };
  const server = new dimse.Server(StorageScp);
  const inner = () =>
    (server as unknown as { server?: { listening: boolean; once(e: 'close', f: () => void): void } }).server;
  const stop = () =>
    new Promise<void>((resolve) => {
      const listener = inner();
      if (listener?.listening) listener.once('close', resolve);
      else resolve();
      server.close();
    });
  return new Promise((resolve, reject) => {
    let listening = false;
    server.on('listening', () => {
      listening = true;
      resolve({ context, stop });
    });
    server.on('networkError', (error: Error & { code?: string }) => {
      if (listening) return; // a connection's own trouble: the C-MOVE's association reports the outcome
      reject(
        new PacsError(
          'other',
          error.code === 'EADDRINUSE'
            ? `Port ${port} is already in use on this workstation: choose another move port for C-MOVE`
            : `Cannot listen on port ${port} for the C-MOVE: ${error.message}`,
          error,
        ),
      );
    });
    server.listen(port, { customOptions: { context } } as ScpOptions);
  });
}

/** C-MOVE to our own storage SCP, listening only for the time of the retrieval. */
export async function cMove(s: DimseSettings, target: RetrieveTarget, options: RetrieveOptions): Promise<void> {
  const plan = await planRetrieval(s, target, options);
  if (plan.identifiers.length === 0) return options.onExpected?.(0);
  const skip = options.skip;
  const scp = await startStorageScp(s, async (instance) => {
    if (!skip?.has(instance.sopInstanceUid)) await options.onInstance(instance);
  });
  try {
    const requests = plan.identifiers.map((identifier) => {
      const request = new dimse.requests.CMoveRequest();
      request.setDataset(new dimse.Dataset(identifier));
      request.getCommandDataset().setElement('MoveDestination', s.ourAet);
      return request;
    });
    const check = watchProgress(requests, plan, options.onExpected);
    await associate(s, { what: 'C-MOVE', requests, signal: options.signal });
    if (scp.context.failure !== undefined) throw scp.context.failure;
    check();
  } finally {
    await scp.stop();
  }
}
