import { inflateRawSync } from 'node:zlib';
import { EXPLICIT_BIG, IMPLICIT_LITTLE } from './transfer-syntax';

/**
 * Bounds on what a file may make the parser build, checked before dicom-parser builds it. dicom-parser turns every
 * element and sequence item into objects and recurses into nested sequences, so a small hostile file (a million
 * empty items, sequences nested thousands deep, a deflate bomb) costs gigabytes and minutes, or overflows the stack.
 * Real image headers are far inside these bounds: an enhanced multi-frame header has about ten items per frame.
 */
export const MAX_ITEMS = 50_000;
export const MAX_ELEMENTS = 500_000;
/** Sequences inside sequences; real headers nest a handful deep. */
export const MAX_DEPTH = 32;
/** A deflated data set may inflate to this ratio of its compressed size, and never past the ceiling. */
export const INFLATE_RATIO = 32;
export const INFLATE_FLOOR_BYTES = 64 * 1024 ** 2;
export const INFLATE_CEILING_BYTES = 512 * 1024 ** 2;

/** A file refused for its shape: the message is the rejection reason. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

const UNDEFINED = 0xffffffff;
const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

interface Frame {
  kind: 'sequence' | 'item';
  /** Where a defined-length frame ends; the end of the bytes for an undefined-length one. */
  end: number;
  explicit: boolean;
}

/**
 * Walks a data set's element stream from `start` without building anything, iteratively (no recursion, so no depth
 * overflows the stack), and names the first bound it breaks. Anything it cannot follow (a damaged length, a stray
 * tag) ends the walk without a verdict: dicom-parser then reports the damage as it does today.
 */
export function shapeProblem(
  bytes: Uint8Array,
  start: number,
  transferSyntax: string,
  untilPixels: boolean,
): string | undefined {
  const little = transferSyntax !== EXPLICIT_BIG;
  const rootExplicit = transferSyntax !== IMPLICIT_LITTLE;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.length;
  const u16 = (p: number) => view.getUint16(p, little);
  const u32 = (p: number) => view.getUint32(p, little);
  const stack: Frame[] = [];
  let items = 0;
  let elements = 0;
  let depth = 0;
  let p = start;

  const tooMany = (what: string, limit: number) =>
    `refused: the header holds more than ${limit.toLocaleString('en')} ${what} (a real image header has far fewer; the file is built to exhaust memory)`;
  const push = (frame: Frame): string | undefined => {
    if (frame.kind === 'sequence' && ++depth > MAX_DEPTH) {
      return `refused: sequences nested more than ${MAX_DEPTH} deep in the header (a real image header nests a few)`;
    }
    stack.push(frame);
    return undefined;
  };
  const pop = () => {
    if (stack.pop()?.kind === 'sequence') depth -= 1;
  };

  while (p + 8 <= size) {
    const top = stack[stack.length - 1];
    if (top && p >= top.end) {
      pop();
      continue;
    }
    const group = u16(p);
    const element = u16(p + 2);
    if (group === 0xfffe) {
      const length = u32(p + 4);
      p += 8;
      if (element === 0xe000) {
        if (top?.kind !== 'sequence') return undefined;
        if (++items > MAX_ITEMS) return tooMany('sequence items', MAX_ITEMS);
        stack.push({
          kind: 'item',
          end: length === UNDEFINED ? top.end : Math.min(p + length, top.end),
          explicit: top.explicit,
        });
      } else if (element === 0xe00d) {
        if (top?.kind === 'item') pop();
      } else if (element === 0xe0dd) {
        if (top?.kind === 'item') pop();
        if (stack[stack.length - 1]?.kind === 'sequence') pop();
      } else {
        return undefined;
      }
      continue;
    }
    if (top?.kind === 'sequence') return undefined;
    if (++elements > MAX_ELEMENTS) return tooMany('elements', MAX_ELEMENTS);
    const explicit = top ? top.explicit : rootExplicit;
    let vr: string | undefined;
    let length: number;
    let value: number;
    if (explicit) {
      vr = String.fromCharCode(bytes[p + 4], bytes[p + 5]);
      if (LONG_LENGTH_VRS.has(vr)) {
        if (p + 12 > size) return undefined;
        length = u32(p + 8);
        value = p + 12;
      } else {
        length = u16(p + 6);
        value = p + 8;
      }
    } else {
      length = u32(p + 4);
      value = p + 8;
    }
    const pixelData = group === 0x7fe0 && element === 0x0010;
    if (pixelData && untilPixels && stack.length === 0) return undefined;
    if (pixelData && length === UNDEFINED) {
      // Encapsulated pixel data: step over its fragments (each one an object in dicom-parser too).
      p = value;
      for (;;) {
        if (p + 8 > size) return undefined;
        const fragmentTag = u16(p + 2);
        const fragmentLength = u32(p + 4);
        p += 8;
        if (u16(p - 8) !== 0xfffe) return undefined;
        if (fragmentTag === 0xe0dd) break;
        if (fragmentTag !== 0xe000) return undefined;
        if (++items > MAX_ITEMS) return tooMany('pixel data fragments', MAX_ITEMS);
        p += fragmentLength;
      }
      continue;
    }
    const end = length === UNDEFINED ? (top?.end ?? size) : value + length;
    const startsWithItem =
      value + 4 <= size && u16(value) === 0xfffe && (u16(value + 2) === 0xe000 || u16(value + 2) === 0xe0dd);
    const isSequence = explicit
      ? vr === 'SQ' || (vr === 'UN' && length === UNDEFINED)
      : length === UNDEFINED || startsWithItem;
    if (isSequence) {
      const problem = push({
        kind: 'sequence',
        end: Math.min(end, top?.end ?? size),
        explicit: explicit && vr === 'SQ',
      });
      if (problem) return problem;
      p = value;
      continue;
    }
    // Another undefined-length element: dicom-parser scans for its delimiter; nothing more to count.
    if (length === UNDEFINED) return undefined;
    p = value + length;
  }
  return undefined;
}

/** How far a deflated data set of `deflatedBytes` may inflate. */
export function inflateLimit(deflatedBytes: number): number {
  return Math.min(INFLATE_CEILING_BYTES, Math.max(INFLATE_FLOOR_BYTES, deflatedBytes * INFLATE_RATIO));
}

/**
 * dicom-parser's `inflater` option for Deflated Explicit VR Little Endian: inflates with an output limit (its own
 * inflater has none, so a 2 MB file could inflate to gigabytes), then checks the inflated data set's shape.
 */
export function boundedInflater(untilPixels: boolean): (byteArray: Uint8Array, position: number) => Uint8Array {
  return (byteArray, position) => {
    const deflated = byteArray.subarray(position);
    const limit = inflateLimit(deflated.length);
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(deflated, { maxOutputLength: limit });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ShapeError(
          `refused: the deflated data set inflates to more than ${Math.round(limit / 1024 ** 2)} MB from ${deflated.length.toLocaleString('en')} bytes (a decompression bomb)`,
        );
      }
      throw e;
    }
    const full = new Uint8Array(position + inflated.length);
    full.set(byteArray.subarray(0, position));
    full.set(inflated, position);
    const problem = shapeProblem(full, position, '1.2.840.10008.1.2.1', untilPixels);
    if (problem) throw new ShapeError(problem);
    return full;
  };
}
