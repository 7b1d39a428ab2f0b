import type { Writable } from 'node:stream';
import { wrapAsPart10 } from '../../dicom/part10';
import type { ReceivedInstance } from '../client';
import { dimse, type CStoreRequest, type Dataset, type PresentationContext } from './lib';

/**
 * Instances arriving by C-STORE (the sub-operations of a C-GET, or our storage SCP during a C-MOVE) are kept as the
 * bytes the PACS sent, never parsed and re-encoded: dcmjs-dimse would otherwise naturalize every data set (slow,
 * and lossy for private or unknown elements). The data set is wrapped as a Part 10 file with a file meta header
 * naming its SOP class, instance and the transfer syntax of the presentation context it came on.
 */

const rawBytes = new WeakMap<Dataset, Buffer>();

/** What dcmjs-dimse calls to turn an accumulated C-STORE stream into the Dataset handed to the handler. */
type DatasetFactory = (writable: Writable, context: PresentationContext, callback: (dataset: Dataset) => void) => void;

/** A Dataset that carries only the raw bytes (and the transfer syntax), for `partTen` below. */
export const keepRaw: DatasetFactory = (writable, context, callback) => {
  const dataset = new dimse.Dataset({}, context.getAcceptedTransferSyntaxUid());
  // dcmjs-dimse accumulates C-STORE data in a MemoryStream (its default createStoreWritableStream).
  rawBytes.set(dataset, (writable as unknown as { toBuffer(): Buffer }).toBuffer());
  callback(dataset);
};

/**
 * Makes a network object (the Client's association, or an Scp) keep C-STORE data sets raw. Scp subclasses override
 * the documented method; the Client has no such hook, so its Network instance gets the same method.
 */
export function keepRawOn(network: { createDatasetFromStoreWritableStream: unknown }): void {
  network.createDatasetFromStoreWritableStream = keepRaw;
}

/** The received C-STORE as a complete Part 10 file. */
export function partTen(request: CStoreRequest): ReceivedInstance {
  const dataset = request.getDataset();
  const bytes = dataset && rawBytes.get(dataset);
  if (!dataset || !bytes) throw new Error('A C-STORE arrived without its data set');
  const sopInstanceUid = request.getAffectedSopInstanceUid();
  return {
    sopInstanceUid,
    bytes: wrapAsPart10(bytes, {
      sopClassUid: request.getAffectedSopClassUid(),
      sopInstanceUid,
      transferSyntaxUid: dataset.getTransferSyntaxUid(),
    }),
  };
}

/** The C-STORE-RSP for a received instance. */
export function storeResponse(request: CStoreRequest, status: number) {
  const response = dimse.responses.CStoreResponse.fromRequest(request);
  response.setStatus(status);
  return response;
}
