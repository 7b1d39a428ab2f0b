import { dicomParser, type DataSet } from './dicom-parser';
import { rawTransferSyntax, wrapAsPart10, hasPart10Preamble, withPreamble } from './part10';
import { boundedInflater, shapeProblem, ShapeError } from './shape';
import { MEDIA_STORAGE_DIRECTORY, SEGMENTATION, sopClassKind } from './sop-classes';
import { DEFLATED, isNative, unsupportedTransferSyntax } from './transfer-syntax';
import type { InstanceHeader } from './types';
import { ascii, decimal, decimals, integerString, isoDate, text, textDecoderFor, uint16 } from './values';
import { Uid } from '../../../shared/domain/imaging';

/**
 * Reads one file's bytes and decides what it is: an image instance to import (with the header fields we index),
 * a DICOMDIR (a directory, not an instance), or a rejection with a plain-English reason.
 *
 * Rules, in the order they are applied:
 *  1. No `DICM` at byte 128 → accepted only if the bytes start like a raw DICOM data set (a plausible first tag in
 *     explicit or implicit little endian, or explicit big endian) that then parses; such files are stored wrapped in
 *     a generated Part 10 header so every stored file is a standard one. Otherwise: "not DICOM".
 *  2. Media Storage SOP Class = Media Storage Directory → a DICOMDIR: skipped, not counted.
 *  3. The header must parse. Parsing stops at Pixel Data (7FE0,0010): pixels are never decoded.
 *  4. The transfer syntax must be one the viewer decodes.
 *  5. Pixel data must be complete (native: its declared length; encapsulated: every fragment and the end marker).
 *  0. Before dicom-parser builds the header, its shape must be within bounds (shape.ts): item and element counts,
 *     nesting depth, and for a deflated data set the inflated size. A file built to exhaust memory is refused.
 *  6. SOP Instance, SOP Class, Study Instance and Series Instance UIDs must be present, and be DICOM UIDs (digits
 *     and dots, at most 64 characters): the whole app addresses studies, series and images by them, so a file with
 *     a hash or a name in their place would be accepted here and then break every screen that lists it.
 *  7. Only image objects are imported: Pixel Data plus Rows and Columns; Segmentations are not images of the patient.
 *  8. Number of Frames (0028,0008), when present, must be a whole number >= 1, and native pixel data must be long
 *     enough for rows x columns x samples x bits x frames. A wrong frame count would show garbage, so it is rejected.
 */

export type ParseOutcome =
  | {
      kind: 'instance';
      header: InstanceHeader;
      /** The bytes to store: the file itself, or the raw data set wrapped in a Part 10 header. */
      bytes: Uint8Array;
      warnings: string[];
    }
  | { kind: 'directory' }
  | { kind: 'rejected'; reason: string };

export const NOT_DICOM = 'not DICOM (no DICM preamble and no recognisable header)';

const PIXEL_DATA = 'x7fe00010';
const FLOAT_PIXEL_DATA = 'x7fe00008';
const DOUBLE_PIXEL_DATA = 'x7fe00009';

const REQUIRED: readonly [tag: string, name: string, label: string][] = [
  ['x00080018', 'SOP Instance UID', '(0008,0018)'],
  ['x00080016', 'SOP Class UID', '(0008,0016)'],
  ['x0020000d', 'Study Instance UID', '(0020,000D)'],
  ['x0020000e', 'Series Instance UID', '(0020,000E)'],
];

function reject(reason: string): ParseOutcome {
  return { kind: 'rejected', reason };
}

/** The reason a file was refused for its shape, wherever dicom-parser wrapped the error. */
function shapeReason(e: unknown): string | undefined {
  if (e instanceof ShapeError) return e.message;
  const inner = e && typeof e === 'object' ? (e as { exception?: unknown }).exception : undefined;
  return inner === undefined ? undefined : shapeReason(inner);
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e && typeof e === 'object') {
    const inner = (e as { exception?: unknown }).exception;
    if (inner !== undefined) return errorText(inner);
    if (e instanceof Error) return e.message;
  }
  return String(e);
}

/** dicom-parser's messages, said plainly. */
function damaged(e: unknown): string {
  const msg = errorText(e);
  if (/past end of buffer|buffer overr|overread|maxP ?osition|cannot be greater than or equal/i.test(msg)) {
    return 'damaged: an element of the DICOM header runs past the end of the file (truncated or corrupt header)';
  }
  if (/inflat|incorrect header check|invalid (block|stored|distance)|unexpected end of file/i.test(msg)) {
    return 'damaged: the deflated data set could not be decompressed';
  }
  return `damaged: the DICOM header could not be read (${msg.replace(/^dicomParser[.:]\w*:?\s*/, '')})`;
}

interface Parsed {
  ds: DataSet;
  transferSyntax: string;
  /** Parsing stopped at Pixel Data; elements after it were not read. */
  stoppedAtPixels: boolean;
}

/**
 * `rawTs` is the transfer syntax of a raw data set (no meta header); otherwise `metaTs` and `start` are the file
 * meta header's transfer syntax and where the data set after it starts.
 */
function parseDataSet(
  bytes: Uint8Array,
  rawTs: string | undefined,
  untilPixels: boolean,
  metaTs: string,
  start: number,
): Parsed {
  const options: {
    untilTag?: string;
    TransferSyntaxUID?: string;
    inflater?: (b: Uint8Array, p: number) => Uint8Array;
  } = {};
  if (untilPixels) options.untilTag = PIXEL_DATA;
  if (rawTs) options.TransferSyntaxUID = rawTs;
  const walkTs = rawTs ?? metaTs;
  if (walkTs === DEFLATED) {
    options.inflater = boundedInflater(untilPixels);
  } else {
    const problem = shapeProblem(bytes, rawTs ? 0 : start, walkTs, untilPixels);
    if (problem) throw new ShapeError(problem);
  }
  const ds = dicomParser.parseDicom(bytes, options);
  const tsElement = ds.elements.x00020010 as { Value?: string } | undefined;
  const ts = rawTs ?? ascii(ds, 'x00020010') ?? tsElement?.Value ?? '';
  return { ds, transferSyntax: ts, stoppedAtPixels: untilPixels && ds.elements[PIXEL_DATA] !== undefined };
}

/** Walks encapsulated (compressed) pixel data fragment by fragment; a reason when it is cut short. */
function encapsulatedProblem(bytes: Uint8Array, offset: number): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = offset;
  let fragments = 0;
  for (;;) {
    if (pos + 8 > bytes.length) {
      return `truncated: compressed pixel data ends early (the file ends after ${fragments} fragment${fragments === 1 ? '' : 's'}, without the end-of-pixel-data marker)`;
    }
    const group = view.getUint16(pos, true);
    const element = view.getUint16(pos + 2, true);
    const length = view.getUint32(pos + 4, true);
    pos += 8;
    if (group === 0xfffe && element === 0xe0dd) return undefined;
    if (group !== 0xfffe || element !== 0xe000) {
      const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
      return `damaged: compressed pixel data holds an unexpected tag (${hex(group)},${hex(element)}) where a fragment should start`;
    }
    if (pos + length > bytes.length) {
      return `truncated: pixel data ends early (fragment ${fragments + 1} has ${bytes.length - pos} of ${length} bytes)`;
    }
    pos += length;
    fragments += 1;
  }
}

/** A value for a message: control characters shown as '?', long values cut. */
function printable(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 77)}...` : clean;
}

function frameBytes(rows: number, columns: number, samples: number, bitsAllocated: number): number {
  return bitsAllocated === 1
    ? Math.ceil((rows * columns * samples) / 8)
    : rows * columns * samples * (bitsAllocated / 8);
}

export function parseInstance(input: Uint8Array): ParseOutcome {
  let bytes = input;
  let rawTs: string | undefined;
  let wrapped = false;
  const warnings: string[] = [];

  if (!hasPart10Preamble(bytes)) {
    const raw = rawTransferSyntax(bytes);
    if (!raw) return reject(NOT_DICOM);
    if (raw === 'meta') {
      // A file meta header without the 128-byte preamble: add the preamble and read it as Part 10.
      bytes = withPreamble(bytes);
      wrapped = true;
      warnings.push('no 128-byte preamble: stored with one added');
    } else {
      rawTs = raw;
    }
  }

  // 2. DICOMDIR? Read only the file meta header (DICOMDIRs are often too irregular for a full parse).
  let metaTs = '';
  let start = 0;
  if (!rawTs) {
    let meta: DataSet;
    try {
      meta = dicomParser.readPart10Header(bytes);
    } catch (e) {
      return reject(damaged(e));
    }
    if (ascii(meta, 'x00020002') === MEDIA_STORAGE_DIRECTORY) return { kind: 'directory' };
    if (!meta.elements.x00020010)
      return reject('missing required tag Transfer Syntax UID (0002,0010) in the file meta header');
    metaTs = ascii(meta, 'x00020010') ?? '';
    start = (meta as unknown as { position: number }).position;
  }

  // 3. Parse the header up to the pixel data.
  let parsed: Parsed;
  try {
    parsed = parseDataSet(bytes, rawTs, true, metaTs, start);
  } catch (e) {
    const refused = shapeReason(e);
    if (refused) return reject(refused);
    if (rawTs) return reject(NOT_DICOM);
    return reject(damaged(e));
  }
  let { ds } = parsed;
  const ts = parsed.transferSyntax;
  if (ds.elements.x00041220 && !ds.elements.x00080018) return { kind: 'directory' };

  // 4. Transfer syntax.
  const unsupported = unsupportedTransferSyntax(ts);
  if (unsupported) return reject(unsupported);

  // 6 (early part). Some writers put elements after the pixel data; read the rest only when something is missing.
  if (parsed.stoppedAtPixels && REQUIRED.some(([tag]) => !ds.elements[tag])) {
    try {
      ds = parseDataSet(bytes, rawTs, false, metaTs, start).ds;
    } catch (e) {
      const refused = shapeReason(e);
      if (refused) return reject(refused);
      // Keep what was read before the pixel data; the checks below name what is missing.
    }
  }

  // 5. Complete pixel data.
  const pixels = ds.elements[PIXEL_DATA];
  const dsBytes = ds.byteArray as Uint8Array;
  if (pixels) {
    if (pixels.length === 0xffffffff) {
      const problem = encapsulatedProblem(dsBytes, pixels.dataOffset);
      if (problem) return reject(problem);
    } else if (pixels.dataOffset + pixels.length > dsBytes.length) {
      const have = Math.max(0, dsBytes.length - pixels.dataOffset);
      return reject(`truncated: pixel data ends early (${have} of ${pixels.length} bytes)`);
    }
  }

  // 6. Identity.
  const missing = REQUIRED.filter(([tag]) => !ascii(ds, tag));
  const sopClassFromMeta = ascii(ds, 'x00020002');
  const stillMissing = missing.filter(([tag]) => !(tag === 'x00080016' && sopClassFromMeta));
  if (stillMissing.length > 0) {
    const names = stillMissing.map(([, name, label]) => `${name} ${label}`).join(', ');
    return reject(`missing required tag${stillMissing.length > 1 ? 's' : ''} ${names}`);
  }
  const sopClassUid = ascii(ds, 'x00080016') ?? sopClassFromMeta!;
  const notUids = REQUIRED.map(
    ([tag, name, label]) => [tag === 'x00080016' ? sopClassUid : ascii(ds, tag)!, name, label] as const,
  ).filter(([value]) => !Uid.safeParse(value).success);
  if (notUids.length > 0) {
    const named = notUids.map(([value, name, label]) => `${name} ${label} "${printable(value)}"`).join(', ');
    return reject(
      `invalid UID${notUids.length > 1 ? 's' : ''}: ${named} (a DICOM UID is digits and dots, at most 64 characters)`,
    );
  }
  if (!ascii(ds, 'x00080016')) warnings.push('SOP Class UID (0008,0016) missing: taken from the file meta header');

  // 7. Images only.
  const rows = uint16(ds, 'x00280010');
  const columns = uint16(ds, 'x00280011');
  const hasPixels = Boolean(pixels || ds.elements[FLOAT_PIXEL_DATA] || ds.elements[DOUBLE_PIXEL_DATA]);
  if (!hasPixels || !rows || !columns || sopClassUid === SEGMENTATION) {
    const kind = sopClassKind(sopClassUid) ?? (hasPixels ? 'no rows or columns' : 'no pixel data');
    return reject(`not an image (${kind}, SOP class ${sopClassUid}): skipped by rule: only image objects are imported`);
  }

  // 8. Frames and pixel data length.
  const samples = uint16(ds, 'x00280002') ?? 1;
  const bitsAllocated = uint16(ds, 'x00280100');
  const frames = integerString(ds, 'x00280008');
  const nativeFrame =
    pixels && pixels.length !== 0xffffffff && isNative(ts) && bitsAllocated
      ? frameBytes(rows, columns, samples, bitsAllocated)
      : 0;
  if (frames === undefined || (frames !== null && frames < 1)) {
    const value = ascii(ds, 'x00280008');
    const held = nativeFrame > 0 && pixels ? Math.floor(pixels.length / nativeFrame) : 0;
    const hint = held > 0 ? ` (the pixel data holds ${held} frame${held === 1 ? '' : 's'} of ${rows}×${columns})` : '';
    const what = frames === undefined ? `"${value}" is not a whole number` : `"${value}" is less than 1`;
    return reject(`invalid Number of Frames (0028,0008): ${what}${hint}`);
  }
  const numberOfFrames = frames ?? 1;
  if (nativeFrame > 0 && pixels && pixels.length < nativeFrame * numberOfFrames) {
    return reject(
      `damaged: pixel data is too short (${pixels.length} bytes, but ${numberOfFrames} frame${numberOfFrames === 1 ? '' : 's'} of ` +
        `${rows}×${columns} at ${bitsAllocated} bits need ${nativeFrame * numberOfFrames})`,
    );
  }

  const header = readHeader(ds, ts, sopClassUid, rows, columns, numberOfFrames, warnings);
  let stored = bytes;
  if (rawTs) {
    stored = wrapAsPart10(bytes, { sopClassUid, sopInstanceUid: header.sopInstanceUid, transferSyntaxUid: ts });
    warnings.push('no DICM preamble or file meta header: stored with a generated Part 10 header');
  } else if (!wrapped) {
    stored = input;
  }
  return { kind: 'instance', header, bytes: stored, warnings };
}

function readHeader(
  ds: DataSet,
  transferSyntaxUid: string,
  sopClassUid: string,
  rows: number,
  columns: number,
  numberOfFrames: number,
  warnings: string[],
): InstanceHeader {
  const dec = textDecoderFor(ascii(ds, 'x00080005') ?? undefined);
  const is = (tag: string, name: string): number | null => {
    const v = integerString(ds, tag);
    if (v === undefined) {
      warnings.push(`${name} "${ascii(ds, tag)}" is not a whole number: ignored`);
      return null;
    }
    return v;
  };
  const vector = (tag: string, size: number): number[] | null => {
    const v = decimals(ds, tag);
    return v && v.length >= size ? v.slice(0, size) : null;
  };
  return {
    transferSyntaxUid,
    sopClassUid,
    sopInstanceUid: ascii(ds, 'x00080018')!,
    studyInstanceUid: ascii(ds, 'x0020000d')!,
    seriesInstanceUid: ascii(ds, 'x0020000e')!,

    patientId: text(ds, 'x00100020', dec),
    patientName: text(ds, 'x00100010', dec),
    patientBirthDate: isoDate(ascii(ds, 'x00100030')),
    patientSex: ascii(ds, 'x00100040'),

    studyDate: isoDate(ascii(ds, 'x00080020')),
    studyTime: ascii(ds, 'x00080030'),
    studyDescription: text(ds, 'x00081030', dec),
    accessionNumber: text(ds, 'x00080050', dec),
    studyId: text(ds, 'x00200010', dec),
    referringPhysician: text(ds, 'x00080090', dec),
    institutionName: text(ds, 'x00080080', dec),

    modality: ascii(ds, 'x00080060'),
    seriesNumber: is('x00200011', 'Series Number (0020,0011)'),
    seriesDescription: text(ds, 'x0008103e', dec),
    bodyPartExamined: ascii(ds, 'x00180015'),
    seriesDate: isoDate(ascii(ds, 'x00080021')),
    seriesTime: ascii(ds, 'x00080031'),
    laterality: ascii(ds, 'x00200060'),
    frameOfReferenceUid: ascii(ds, 'x00200052'),

    instanceNumber: is('x00200013', 'Instance Number (0020,0013)'),
    imagePositionPatient: vector('x00200032', 3),
    imageOrientationPatient: vector('x00200037', 6),
    sliceLocation: decimal(ds, 'x00201041'),
    pixelSpacing: vector('x00280030', 2),
    imagerPixelSpacing: vector('x00181164', 2),
    sliceThickness: decimal(ds, 'x00180050'),
    rows,
    columns,
    numberOfFrames,
    samplesPerPixel: uint16(ds, 'x00280002'),
    bitsAllocated: uint16(ds, 'x00280100'),
    bitsStored: uint16(ds, 'x00280101'),
    pixelRepresentation: uint16(ds, 'x00280103'),
    photometric: ascii(ds, 'x00280004'),
    windowCenter: decimals(ds, 'x00281050'),
    windowWidth: decimals(ds, 'x00281051'),
    rescaleSlope: decimal(ds, 'x00281053'),
    rescaleIntercept: decimal(ds, 'x00281052'),
  };
}
