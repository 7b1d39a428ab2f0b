// Turns whatever the image loader rejected with into one sentence a clinician can act on. Pure.

const TRANSFER_SYNTAX_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended',
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless SV1',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.201': 'HTJ2K Lossless',
  '1.2.840.10008.1.2.4.202': 'HTJ2K RPCL Lossless',
  '1.2.840.10008.1.2.4.203': 'HTJ2K',
  '1.2.840.10008.1.2.4.100': 'MPEG2 video',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 video',
};

const UNCOMPRESSED = new Set([
  '1.2.840.10008.1.2',
  '1.2.840.10008.1.2.1',
  '1.2.840.10008.1.2.1.99',
  '1.2.840.10008.1.2.2',
]);

export function transferSyntaxLabel(uid: string): string {
  const name = TRANSFER_SYNTAX_NAMES[uid];
  return name ? `${uid} (${name})` : uid;
}

function record(err: unknown): Record<string, unknown> | undefined {
  return err && typeof err === 'object' ? (err as Record<string, unknown>) : undefined;
}

/**
 * The loader rejects with Errors, strings, `{ error }` wrapping the failed XMLHttpRequest, or dicomParser's
 * `{ exception, dataSet }`, possibly nested.
 */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  const o = record(err);
  if (!o) return 'unknown error';
  if (o.error !== undefined) return errorText(o.error);
  if (o.exception !== undefined) return errorText(o.exception);
  if (typeof o.message === 'string') return o.message;
  if (typeof o.status === 'number') return `HTTP ${o.status}`;
  return 'unknown error';
}

function httpStatus(err: unknown): number | undefined {
  if (typeof XMLHttpRequest !== 'undefined' && err instanceof XMLHttpRequest) return err.status;
  const o = record(err);
  if (!o) return undefined;
  if (o.error !== undefined) return httpStatus(o.error);
  const status = o.status ?? record(o.request)?.status;
  return typeof status === 'number' ? status : undefined;
}

export interface LoadFacts {
  /** The DICOM data set was read before the failure. */
  parsed: boolean;
  transferSyntax?: string;
  hasPixelData: boolean;
}

/** Completes "Cannot display this image: …". */
export function describeLoadError(err: unknown, { parsed, transferSyntax, hasPixelData }: LoadFacts): string {
  const status = httpStatus(err);
  if (status !== undefined && status !== 200) {
    return status === 0 ? 'the file could not be fetched' : `the file could not be fetched (HTTP ${status})`;
  }
  if (!parsed) return `the file could not be read as DICOM (${errorText(err)})`;
  if (!hasPixelData) return 'the file contains no image (no Pixel Data element)';
  if (transferSyntax && !UNCOMPRESSED.has(transferSyntax)) {
    // The WASM codecs' glue uses `new Function`, which a strict script-src refuses: say so for support.
    const blocked = /Content Security Policy/i.test(errorText(err))
      ? ' (its decoder is blocked by the content security policy)'
      : '';
    return `transfer syntax ${transferSyntaxLabel(transferSyntax)} could not be decoded${blocked}`;
  }
  return `the pixel data could not be read (${errorText(err)})`;
}
