/**
 * Transfer syntaxes BoardPrep stores. The list is what the viewer (cornerstone WADO image loader, decoding in its
 * worker under /decoders/) can decode, each one shown rendering by tests/e2e/transfer-syntaxes.spec.ts; anything
 * else is rejected at import with its name, so nobody finds an undisplayable image at the board. Add a syntax here
 * only together with a sample in that test.
 */
export const SUPPORTED_TRANSFER_SYNTAXES: ReadonlyMap<string, string> = new Map([
  ['1.2.840.10008.1.2', 'Implicit VR Little Endian'],
  ['1.2.840.10008.1.2.1', 'Explicit VR Little Endian'],
  ['1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian'],
  ['1.2.840.10008.1.2.2', 'Explicit VR Big Endian'],
  ['1.2.840.10008.1.2.5', 'RLE Lossless'],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline'],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended'],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless'],
  ['1.2.840.10008.1.2.4.70', 'JPEG Lossless SV1'],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless'],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless'],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 Lossless'],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000'],
]);

/** Names of transfer syntaxes we do not store, so the rejection says what the file is. */
const KNOWN_UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['1.2.840.10008.1.2.4.52', 'JPEG Extended (retired process 3 and 5)'],
  ['1.2.840.10008.1.2.4.53', 'JPEG Spectral Selection (retired)'],
  ['1.2.840.10008.1.2.4.55', 'JPEG Full Progression (retired)'],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component Lossless'],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component'],
  ['1.2.840.10008.1.2.4.94', 'JPIP Referenced'],
  ['1.2.840.10008.1.2.4.95', 'JPIP Referenced Deflate'],
  ['1.2.840.10008.1.2.4.100', 'MPEG2 video'],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 video (high level)'],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 video'],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible video'],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 2D video'],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 3D video'],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 stereo video'],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 video'],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 video'],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Lossless'],
  ['1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 (RPCL) Lossless'],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000'],
  ['1.2.840.10008.1.2.6.1', 'RFC 2557 MIME encapsulation'],
  ['1.2.840.10008.1.2.6.2', 'XML encoding'],
]);

export const IMPLICIT_LITTLE = '1.2.840.10008.1.2';
export const EXPLICIT_LITTLE = '1.2.840.10008.1.2.1';
export const EXPLICIT_BIG = '1.2.840.10008.1.2.2';
export const DEFLATED = '1.2.840.10008.1.2.1.99';

/** Uncompressed pixel data: its length can be checked against rows x columns x frames. */
export function isNative(ts: string): boolean {
  return ts === IMPLICIT_LITTLE || ts === EXPLICIT_LITTLE || ts === EXPLICIT_BIG || ts === DEFLATED;
}

export function transferSyntaxName(uid: string): string | undefined {
  return SUPPORTED_TRANSFER_SYNTAXES.get(uid) ?? KNOWN_UNSUPPORTED.get(uid);
}

/** The rejection reason for a transfer syntax we do not store, or undefined when it is supported. */
export function unsupportedTransferSyntax(uid: string): string | undefined {
  if (SUPPORTED_TRANSFER_SYNTAXES.has(uid)) return undefined;
  const name = KNOWN_UNSUPPORTED.get(uid);
  return `unsupported transfer syntax ${uid}${name ? ` (${name})` : ''}: BoardPrep's viewer cannot decode it`;
}
