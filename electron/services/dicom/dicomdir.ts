import { dicomParser } from './dicom-parser';
import { EXPLICIT_BIG, IMPLICIT_LITTLE } from './transfer-syntax';

/**
 * A lenient reader for DICOMDIR directory records (0004,1220). It walks the record sequence as a flat stream
 * (item starts, elements, item ends) instead of trusting the offsets and item lengths, so reordered records,
 * records without offsets, unknown record types and item lengths that overrun the file all still yield every
 * Referenced File ID. Big endian and implicit VR DICOMDIRs are read too.
 */

export interface DirectoryRecord {
  type: string | null;
  /** Referenced File ID (0004,1500): path components relative to the DICOMDIR's folder. */
  fileId: string[] | null;
  referencedSopInstanceUid: string | null;
}

const LONG_LENGTH_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);
const UNDEFINED = 0xffffffff;

export class DicomdirError extends Error {
  override name = 'DicomdirError';
}

export function readDicomdir(bytes: Uint8Array): { records: DirectoryRecord[]; warnings: string[] } {
  let meta;
  try {
    meta = dicomParser.readPart10Header(bytes);
  } catch (e) {
    throw new DicomdirError(
      `the DICOMDIR has no readable file meta header (${typeof e === 'string' ? e : (e as Error).message})`,
    );
  }
  const tsEl = meta.elements.x00020010;
  const ts = tsEl
    ? String.fromCharCode(...bytes.subarray(tsEl.dataOffset, tsEl.dataOffset + tsEl.length)).replace(/[\0 ]+$/, '')
    : '';
  const little = ts !== EXPLICIT_BIG;
  const explicit = ts !== IMPLICIT_LITTLE;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = bytes.length;
  const warnings: string[] = [];

  const u16 = (p: number) => view.getUint16(p, little);
  const u32 = (p: number) => view.getUint32(p, little);

  interface Header {
    group: number;
    element: number;
    length: number;
    value: number;
  }

  /** Element header at `p`, or undefined when it does not fit in the file. */
  function header(p: number): Header | undefined {
    if (p + 8 > size) return undefined;
    const group = u16(p);
    const element = u16(p + 2);
    if (group === 0xfffe) return { group, element, length: u32(p + 4), value: p + 8 };
    if (!explicit) return { group, element, length: u32(p + 4), value: p + 8 };
    const vr = String.fromCharCode(bytes[p + 4], bytes[p + 5]);
    if (LONG_LENGTH_VRS.has(vr)) {
      if (p + 12 > size) return undefined;
      return { group, element, length: u32(p + 8), value: p + 12 };
    }
    return { group, element, length: u16(p + 6), value: p + 8 };
  }

  /**
   * Skips an undefined-length sequence (`sequence`) or item (`item`) starting at `p`, nested ones included; returns
   * the position after its delimiter. Iterative: a DICOMDIR nested hundreds of thousands deep must not overflow the
   * stack (which would fail the whole import, not just this DICOMDIR).
   */
  function skipUndefined(p: number, kind: 'sequence' | 'item'): number {
    const open: ('sequence' | 'item')[] = [kind];
    while (open.length > 0) {
      const h = header(p);
      if (!h) return size;
      if (open[open.length - 1] === 'sequence') {
        if (h.group === 0xfffe && h.element === 0xe0dd) open.pop();
        else if (h.group === 0xfffe && h.element === 0xe000) {
          if (h.length === UNDEFINED) open.push('item');
        } else return size; // Not an item: treat as the end (damaged nesting).
        p = h.group === 0xfffe && h.element === 0xe000 && h.length !== UNDEFINED ? h.value + h.length : h.value;
      } else if (h.group === 0xfffe && h.element === 0xe00d) {
        open.pop();
        p = h.value;
      } else if (h.length === UNDEFINED) {
        open.push('sequence');
        p = h.value;
      } else {
        p = h.value + h.length;
      }
    }
    return p;
  }

  const ascii = (h: Header): string => {
    const end = Math.min(h.value + h.length, size);
    let s = '';
    for (let i = h.value; i < end; i++) s += String.fromCharCode(bytes[i]);
    return s.replace(/[\0 ]+$/, '').trim();
  };

  const records: DirectoryRecord[] = [];
  let p = (meta as unknown as { position: number }).position;
  // Top level: find the Directory Record Sequence.
  let sequence: Header | undefined;
  while (p < size) {
    const h = header(p);
    if (!h) break;
    if (h.group === 0x0004 && h.element === 0x1220) {
      sequence = h;
      break;
    }
    p = h.length === UNDEFINED ? skipUndefined(h.value, 'sequence') : h.value + h.length;
  }
  if (!sequence) {
    warnings.push('the DICOMDIR has no Directory Record Sequence (0004,1220)');
    return { records, warnings };
  }

  const end = sequence.length === UNDEFINED ? size : Math.min(sequence.value + sequence.length, size);
  if (sequence.length !== UNDEFINED && sequence.value + sequence.length > size) {
    warnings.push('the DICOMDIR record sequence claims to run past the end of the file; read up to the end');
  }
  let current: DirectoryRecord | undefined;
  p = sequence.value;
  while (p + 8 <= end) {
    const h = header(p);
    if (!h) break;
    if (h.group === 0xfffe) {
      if (h.element === 0xe000) {
        current = { type: null, fileId: null, referencedSopInstanceUid: null };
        records.push(current);
      } else if (h.element === 0xe00d) {
        current = undefined;
      } else if (h.element === 0xe0dd) {
        break;
      }
      // Item lengths are not trusted: the record's elements follow directly.
      p = h.value;
      continue;
    }
    if (h.length === UNDEFINED) {
      p = skipUndefined(h.value, 'sequence');
      continue;
    }
    if (h.value + h.length > size) {
      warnings.push('the last DICOMDIR record is cut short');
      break;
    }
    if (current && h.group === 0x0004) {
      if (h.element === 0x1430) current.type = ascii(h) || null;
      else if (h.element === 0x1500) {
        const parts = ascii(h)
          .split('\\')
          .map((s) => s.trim())
          .filter(Boolean);
        current.fileId = parts.length > 0 ? parts : null;
      } else if (h.element === 0x1511) current.referencedSopInstanceUid = ascii(h) || null;
    }
    p = h.value + h.length;
  }
  return { records, warnings };
}
