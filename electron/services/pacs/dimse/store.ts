import type { DimseSettings } from '../../../../shared/domain/pacs';
import { PacsError } from '../client';
import { associate } from './association';
import { statusText } from './failures';
import { dimse, STATUS, type PresentationContext, type Response } from './lib';

/**
 * C-STORE of Part 10 files. Each file is sent as the bytes it holds, on a presentation context proposed for its own
 * SOP class and transfer syntax; only if the PACS takes another syntax does dcmjs-dimse parse and transcode it.
 */

interface FileMeta {
  sopClassUid: string;
  sopInstanceUid: string;
  transferSyntaxUid: string;
  /** Offset of the data set, just after the file meta group. */
  dataSetStart: number;
}

/** Reads the file meta group (always explicit VR little endian, PS3.10 7.1). */
export function readFileMeta(bytes: Uint8Array): FileMeta {
  const text = (from: number, length: number) =>
    Buffer.from(bytes.buffer, bytes.byteOffset + from, length)
      .toString('latin1')
      .replace(/[\0 ]+$/, '');
  if (bytes.length < 132 || Buffer.from(bytes.subarray(128, 132)).toString('latin1') !== 'DICM')
    throw new PacsError('other', 'A file to send is not a DICOM Part 10 file (no DICM marker)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta: Record<number, string> = {};
  let pos = 132;
  while (pos + 8 <= bytes.length && view.getUint16(pos, true) === 0x0002) {
    const element = view.getUint16(pos + 2, true);
    const vr = String.fromCharCode(bytes[pos + 4], bytes[pos + 5]);
    const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN', 'UC', 'UR'].includes(vr);
    const length = long ? view.getUint32(pos + 8, true) : view.getUint16(pos + 6, true);
    const value = pos + (long ? 12 : 8);
    if (vr === 'UI') meta[element] = text(value, length);
    pos = value + length;
  }
  const [sopClassUid, sopInstanceUid, transferSyntaxUid] = [meta[0x0002], meta[0x0003], meta[0x0010]];
  if (!sopClassUid || !sopInstanceUid || !transferSyntaxUid)
    throw new PacsError('other', 'A file to send lacks its SOP class, instance or transfer syntax in the file meta');
  return { sopClassUid, sopInstanceUid, transferSyntaxUid, dataSetStart: pos };
}

type DatasetInternals = { elements: Record<string, unknown> };
const fromPart10 = (dimse.Dataset as unknown as { _fromP10Buffer(b: Buffer): InstanceType<typeof dimse.Dataset> })
  ._fromP10Buffer;

/**
 * A data set to send as is: dcmjs-dimse asks it for its encoded bytes (the file's, unchanged, while the transfer
 * syntax is the file's own) and only reads its elements to transcode, which parses the file then.
 */
class OutgoingDataset extends dimse.Dataset {
  private parsed = false;

  constructor(
    private readonly file: Buffer,
    private readonly meta: FileMeta,
  ) {
    super({ SOPClassUID: meta.sopClassUid, SOPInstanceUID: meta.sopInstanceUid }, meta.transferSyntaxUid);
  }

  override getElements(): Record<string, unknown> {
    if (!this.parsed) {
      (this as unknown as DatasetInternals).elements = fromPart10.call(dimse.Dataset, this.file).getElements();
      this.parsed = true;
    }
    return super.getElements();
  }

  override getDenaturalizedDataset(writeOptions?: Record<string, unknown>, nameMap?: Record<string, unknown>): Buffer {
    if (!this.parsed && this.getTransferSyntaxUid() === this.meta.transferSyntaxUid)
      return this.file.subarray(this.meta.dataSetStart);
    this.getElements();
    return super.getDenaturalizedDataset(writeOptions, nameMap);
  }
}

/** Sends the files on one association; answers the SOP Instance UIDs the PACS stored (success or warning). */
export async function cStore(s: DimseSettings, files: readonly Uint8Array[], signal?: AbortSignal): Promise<string[]> {
  if (files.length === 0) return [];
  const stored: string[] = [];
  const contexts = new Map<string, PresentationContext>();
  const refused: string[] = [];
  const requests = files.map((bytes) => {
    const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const meta = readFileMeta(bytes);
    // Its own context for the file's exact syntax, so an uncompressed file is not transcoded to the other one.
    const key = `${meta.sopClassUid} ${meta.transferSyntaxUid}`;
    if (!contexts.has(key))
      contexts.set(key, new dimse.association.PresentationContext(0, meta.sopClassUid, meta.transferSyntaxUid));
    const request = new dimse.requests.CStoreRequest(new OutgoingDataset(file, meta));
    request.on('response', (response: Response) => {
      const status = response.getStatus();
      if (status === STATUS.success || (status & 0xf000) === 0xb000) stored.push(meta.sopInstanceUid);
      else refused.push(`${meta.sopInstanceUid}: status ${statusText(status)}`);
    });
    return request;
  });
  await associate(s, { what: 'C-STORE', requests, contexts: [...contexts.values()], signal });
  if (refused.length > 0)
    throw new PacsError(
      'bad-answer',
      `The PACS refused ${refused.length} of ${files.length} instance${files.length === 1 ? '' : 's'} (${refused[0]}${refused.length > 1 ? ', …' : ''})`,
    );
  return stored;
}
