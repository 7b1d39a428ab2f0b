import { readFileSync } from 'node:fs';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { dicomParser } from '../../../electron/services/dicom/dicom-parser';
import { wrapAsPart10 } from '../../../electron/services/dicom/part10';
import { DEFLATED } from '../../../electron/services/dicom/transfer-syntax';
import { CT_SERIES } from './fixtures';

/**
 * Hostile DICOM files built from a real CT slice (explicit VR little endian): the shapes a DICOM fuzzer found to
 * exhaust memory or time. Each is small on disk; what it would make a parser build is not.
 */

const le16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const le32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const tag = (group: number, element: number) => Buffer.concat([le16(group), le16(element)]);
const UNDEFINED = 0xffffffff;

/** A real slice split at its Pixel Data element: the file up to it, the element itself, and its UIDs. */
export interface Slice {
  beforePixels: Buffer;
  pixels: Buffer;
  /** Where the data set starts (after the file meta header). */
  dataSetStart: number;
}

export function ctSlice(n = 1): Slice {
  const file = readFileSync(path.join(CT_SERIES, `${n}.dcm`));
  const ds = dicomParser.parseDicom(file, { untilTag: 'x7fe00010' });
  const pixelHeader = ds.elements.x7fe00010.dataOffset - 12;
  const meta = dicomParser.readPart10Header(file) as unknown as { position: number };
  return {
    beforePixels: file.subarray(0, pixelHeader),
    pixels: file.subarray(pixelHeader),
    dataSetStart: meta.position,
  };
}

/** An explicit VR SQ element of undefined length. */
export function sequence(group: number, element: number, content: Buffer): Buffer {
  return Buffer.concat([
    tag(group, element),
    Buffer.from('SQ'),
    le16(0),
    le32(UNDEFINED),
    content,
    tag(0xfffe, 0xe0dd),
    le32(0),
  ]);
}

/** `count` empty items (FFFE,E000 of length 0), 8 bytes each. */
export function emptyItems(count: number): Buffer {
  const one = Buffer.concat([tag(0xfffe, 0xe000), le32(0)]);
  return Buffer.alloc(one.length * count, one);
}

/** Sequences of one undefined-length item each, nested `depth` deep. */
export function nestedSequences(depth: number): Buffer {
  const open = Buffer.concat([
    tag(0x0040, 0x0275),
    Buffer.from('SQ'),
    le16(0),
    le32(UNDEFINED),
    tag(0xfffe, 0xe000),
    le32(UNDEFINED),
  ]);
  const close = Buffer.concat([tag(0xfffe, 0xe00d), le32(0), tag(0xfffe, 0xe0dd), le32(0)]);
  return Buffer.concat([Buffer.alloc(open.length * depth, open), Buffer.alloc(close.length * depth, close)]);
}

/** The slice with `extra` inserted just before its pixel data. */
export function withBeforePixels(slice: Slice, extra: Buffer): Buffer {
  return Buffer.concat([slice.beforePixels, extra, slice.pixels]);
}

/**
 * The slice re-encoded as Deflated Explicit VR Little Endian, with a private OB element of `padMb` MB of zeros
 * before its pixel data. The zeros are deflated once (1 MB) and the compressed block repeated, so a bomb of hundreds
 * of megabytes costs the test a few hundred kilobytes: a full flush makes each block independent and byte-aligned.
 */
export function deflated(slice: Slice, padMb: number): Buffer {
  const head = slice.beforePixels.subarray(slice.dataSetStart);
  const parts: Buffer[] = [];
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const padHeader =
    padMb > 0
      ? Buffer.concat([tag(0x0029, 0x1010), Buffer.from('OB'), le16(0), le32(padMb * 1024 ** 2)])
      : Buffer.alloc(0);
  parts.push(deflateRawSync(Buffer.concat([head, padHeader]), flush));
  if (padMb > 0) {
    const mb = deflateRawSync(Buffer.alloc(1024 ** 2), flush);
    parts.push(Buffer.alloc(mb.length * padMb, mb));
  }
  parts.push(deflateRawSync(slice.pixels));
  const meta = dicomParser.readPart10Header(slice.beforePixels);
  const uid = (t: string) => meta.string(t) ?? '';
  return Buffer.from(
    wrapAsPart10(Buffer.concat(parts), {
      sopClassUid: uid('x00020002'),
      sopInstanceUid: uid('x00020003'),
      transferSyntaxUid: DEFLATED,
    }),
  );
}

function shortElement(group: number, element: number, vr: string, value: string): Buffer {
  const text = value.length % 2 === 0 ? value : `${value} `;
  return Buffer.concat([tag(group, element), Buffer.from(vr), le16(text.length), Buffer.from(text, 'latin1')]);
}

/** An undefined-length item holding `content`. */
export function item(content: Buffer): Buffer {
  return Buffer.concat([tag(0xfffe, 0xe000), le32(UNDEFINED), content, tag(0xfffe, 0xe00d), le32(0)]);
}

const MEDIA_STORAGE_DIRECTORY = '1.2.840.10008.1.3.10';

/**
 * A DICOMDIR (explicit VR little endian) with one IMAGE record per Referenced File ID; `inFirstRecord` is added to
 * the first record (e.g. sequences nested deep).
 */
export function dicomdir(fileIds: readonly string[], inFirstRecord: Buffer = Buffer.alloc(0)): Buffer {
  const records = fileIds.map((id, i) =>
    item(
      Buffer.concat([
        shortElement(0x0004, 0x1430, 'CS', 'IMAGE'),
        shortElement(0x0004, 0x1500, 'CS', id),
        i === 0 ? inFirstRecord : Buffer.alloc(0),
      ]),
    ),
  );
  const dataSet = Buffer.concat([
    shortElement(0x0004, 0x1130, 'CS', 'HOSTILE'),
    sequence(0x0004, 0x1220, Buffer.concat(records)),
  ]);
  return Buffer.from(
    wrapAsPart10(dataSet, {
      sopClassUid: MEDIA_STORAGE_DIRECTORY,
      sopInstanceUid: '2.25.1',
      transferSyntaxUid: '1.2.840.10008.1.2.1',
    }),
  );
}
