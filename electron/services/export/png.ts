/**
 * The little of PNG that exports need: the size of a key image (to place it without distortion) and a copy without
 * ancillary text or metadata chunks (tEXt, iTXt, zTXt, eXIf, tIME), so nothing but pixels travels into a deck.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks kept: what decoding and colour need. */
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD']);

export function isPng(bytes: Buffer): boolean {
  return bytes.length >= 33 && bytes.subarray(0, 8).equals(SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR';
}

export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  if (!isPng(bytes)) return null;
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : null;
}

/** The PNG with only the chunks in KEEP; the input itself when it has nothing else (or is not a well-formed PNG). */
export function stripPngMetadata(bytes: Buffer): Buffer {
  if (!isPng(bytes)) return bytes;
  const parts: Buffer[] = [SIGNATURE];
  let at = 8;
  let dropped = false;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (end > bytes.length) return bytes;
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (KEEP.has(type)) parts.push(bytes.subarray(at, end));
    else dropped = true;
    at = end;
    if (type === 'IEND') break;
  }
  return dropped ? Buffer.concat(parts) : bytes;
}
