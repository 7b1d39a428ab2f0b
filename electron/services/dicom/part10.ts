import { EXPLICIT_BIG, EXPLICIT_LITTLE, IMPLICIT_LITTLE } from './transfer-syntax';

/** The DICOM Part 10 file wrapper: 128-byte preamble, `DICM`, file meta header (group 0002). */

export function hasPart10Preamble(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d
  );
}

const VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

/** A raw data set's first element sits in one of the low groups (almost always 0008). */
function plausibleFirstGroup(group: number): boolean {
  return group >= 0x0002 && group <= 0x0028 && group % 2 === 0;
}

/**
 * For bytes without `DICM` at 128: how a raw data set at offset 0 is encoded, judged from its first element;
 * `meta` when it starts with a file meta header (group 0002) that lacks only the preamble; undefined when the
 * bytes do not start like DICOM at all.
 */
export function rawTransferSyntax(bytes: Uint8Array): string | 'meta' | undefined {
  if (bytes.length < 8) return undefined;
  const groupLE = bytes[0] | (bytes[1] << 8);
  const groupBE = (bytes[0] << 8) | bytes[1];
  const vr = String.fromCharCode(bytes[4], bytes[5]);
  const explicit = VRS.has(vr);
  if (groupLE === 0x0002 && explicit) return 'meta';
  if (plausibleFirstGroup(groupLE) && explicit) return EXPLICIT_LITTLE;
  if (plausibleFirstGroup(groupBE) && explicit) return EXPLICIT_BIG;
  if (plausibleFirstGroup(groupLE)) {
    const length = (bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] << 24)) >>> 0;
    if (length === 0xffffffff || length <= bytes.length - 8) return IMPLICIT_LITTLE;
  }
  return undefined;
}

/** Prepends a zero preamble and `DICM` to a file that starts with its meta header. */
export function withPreamble(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(132 + bytes.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(bytes, 132);
  return out;
}

/** BoardPrep's implementation class UID (a UUID-derived `2.25.` UID) for file meta headers it writes. */
export const IMPLEMENTATION_CLASS_UID = '2.25.260708802305752205198638009357029645367';
export const IMPLEMENTATION_VERSION_NAME = 'BOARDPREP_1';

function metaElement(group: number, element: number, vr: string, value: Uint8Array): Uint8Array {
  const longForm = vr === 'OB' || vr === 'UN' || vr === 'SQ' || vr === 'UT';
  const out = new Uint8Array((longForm ? 12 : 8) + value.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, group, true);
  view.setUint16(2, element, true);
  out[4] = vr.charCodeAt(0);
  out[5] = vr.charCodeAt(1);
  if (longForm) view.setUint32(8, value.length, true);
  else view.setUint16(6, value.length, true);
  out.set(value, longForm ? 12 : 8);
  return out;
}

function padded(text: string, pad: number): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = pad;
  return out;
}

/** A Part 10 file for a raw data set: preamble, `DICM`, a generated file meta header, then the data set unchanged. */
export function wrapAsPart10(
  dataSet: Uint8Array,
  meta: { sopClassUid: string; sopInstanceUid: string; transferSyntaxUid: string },
): Uint8Array {
  const elements = [
    metaElement(0x0002, 0x0001, 'OB', new Uint8Array([0, 1])),
    metaElement(0x0002, 0x0002, 'UI', padded(meta.sopClassUid, 0)),
    metaElement(0x0002, 0x0003, 'UI', padded(meta.sopInstanceUid, 0)),
    metaElement(0x0002, 0x0010, 'UI', padded(meta.transferSyntaxUid, 0)),
    metaElement(0x0002, 0x0012, 'UI', padded(IMPLEMENTATION_CLASS_UID, 0)),
    metaElement(0x0002, 0x0013, 'SH', padded(IMPLEMENTATION_VERSION_NAME, 0x20)),
  ];
  const groupLength = elements.reduce((n, e) => n + e.length, 0);
  const lengthValue = new Uint8Array(4);
  new DataView(lengthValue.buffer).setUint32(0, groupLength, true);
  const head = [metaElement(0x0002, 0x0000, 'UL', lengthValue), ...elements];
  const headSize = head.reduce((n, e) => n + e.length, 0);
  const out = new Uint8Array(132 + headSize + dataSet.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  let pos = 132;
  for (const e of head) {
    out.set(e, pos);
    pos += e.length;
  }
  out.set(dataSet, pos);
  return out;
}
