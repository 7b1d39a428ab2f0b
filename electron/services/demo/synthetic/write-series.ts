import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
// dcmjs ships no type declarations; the few parts used here are typed by `Dcmjs` below.
// eslint-disable-next-line @typescript-eslint/ban-ts-comment -- @ts-expect-error would fail once types exist
// @ts-ignore -- TS7016 (no declaration file) is expected; a later @types/dcmjs would make this line a no-op.
import * as dcmjsNamespace from 'dcmjs';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from '../../dicom/part10';
import type { Phantom, Vec3 } from './phantom';

/**
 * Writes one CT series of a phantom as DICOM Part 10 files (CT Image Storage, explicit VR little endian), one
 * slice at a time: a single slice buffer is reused, so memory stays flat however many slices there are.
 */

type NaturalDataset = Record<string, unknown>;

interface Dcmjs {
  data: {
    DicomDict: new (meta: Record<string, unknown>) => { dict: Record<string, unknown>; write(): ArrayBuffer };
    DicomMetaDictionary: { denaturalizeDataset(dataset: NaturalDataset): Record<string, unknown> };
  };
}

// Node's ESM loader exposes the CommonJS bundle as `default`; bundlers expose the named exports.
const dcmjs: Dcmjs = (dcmjsNamespace as unknown as { default?: Dcmjs }).default ?? (dcmjsNamespace as unknown as Dcmjs);

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
/** Stored value = HU - RESCALE_INTERCEPT (12 bits stored, unsigned). */
export const RESCALE_INTERCEPT = -1024;
const MAX_STORED = 4095;

/**
 * A deterministic UID from a name: `2.25.` followed by the decimal form of a name-based UUID (SHA-256 of the name,
 * version 8 / RFC 9562 variant bits set). The same name always gives the same UID.
 */
export function uidFromName(name: string): string {
  const bytes = createHash('sha256').update(`boardprep/demo/synthetic-ct/${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString('hex')}`).toString(10)}`;
}

export type SeriesOrientation = 'axial' | 'coronal';

export interface SeriesGeometry {
  orientation: SeriesOrientation;
  rows: number;
  columns: number;
  /** Square pixels, mm. */
  spacing: number;
  sliceThickness: number;
  /** Image Orientation (Patient): direction along a row, then down a column. */
  rowDirection: Vec3;
  columnDirection: Vec3;
  /** Image Position (Patient) of each slice (centre of the top-left pixel), in instance order. */
  positions: Vec3[];
}

/** Axial slices (rows along +x, columns along +y), ordered head to foot. */
export function axialGeometry(g: {
  rows: number;
  columns: number;
  spacing: number;
  sliceThickness: number;
  center: readonly [number, number];
  zPositions: readonly number[];
}): SeriesGeometry {
  const x0 = g.center[0] - ((g.columns - 1) / 2) * g.spacing;
  const y0 = g.center[1] - ((g.rows - 1) / 2) * g.spacing;
  return {
    orientation: 'axial',
    rows: g.rows,
    columns: g.columns,
    spacing: g.spacing,
    sliceThickness: g.sliceThickness,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    positions: [...g.zPositions].sort((a, b) => b - a).map((z): Vec3 => [x0, y0, z]),
  };
}

/** Coronal slices (rows along +x, columns towards the feet), ordered front to back. */
export function coronalGeometry(g: {
  rows: number;
  columns: number;
  spacing: number;
  sliceThickness: number;
  centerX: number;
  zTop: number;
  yPositions: readonly number[];
}): SeriesGeometry {
  const x0 = g.centerX - ((g.columns - 1) / 2) * g.spacing;
  return {
    orientation: 'coronal',
    rows: g.rows,
    columns: g.columns,
    spacing: g.spacing,
    sliceThickness: g.sliceThickness,
    rowDirection: [1, 0, 0],
    columnDirection: [0, 0, -1],
    positions: [...g.yPositions].sort((a, b) => a - b).map((y): Vec3 => [x0, y, g.zTop]),
  };
}

/** Samples one slice into stored values (HU - intercept, rounded, clamped to 12 bits). */
export function renderSlice(
  phantom: Phantom,
  g: SeriesGeometry,
  ipp: Vec3,
  rowStep: Vec3,
  colStep: Vec3,
  line: Float32Array,
  pixels: Uint16Array,
): void {
  for (let r = 0; r < g.rows; r++) {
    const start: Vec3 = [ipp[0] + colStep[0] * r, ipp[1] + colStep[1] * r, ipp[2] + colStep[2] * r];
    phantom.sampleLine(start, rowStep, g.columns, line);
    toStored(line, pixels, r * g.columns);
  }
}

function toStored(line: Float32Array, pixels: Uint16Array, offset: number): void {
  const n = line.length;
  for (let i = 0; i < n; i++) {
    // Rounds half up like Math.round, but faster: storing a non-negative double in a Uint16Array truncates it.
    const stored = line[i] - RESCALE_INTERCEPT + 0.5;
    pixels[offset + i] = stored < 0 ? 0 : stored > MAX_STORED ? MAX_STORED : stored;
  }
}

/** Rounds to 1/1000000 mm so DS values stay short and free of binary noise (0.30000000000000004). */
const ds = (v: number) => Math.round(v * 1e6) / 1e6 + 0;

export interface WriteSeriesOptions {
  phantom: Phantom;
  geometry: SeriesGeometry;
  /** Attributes shared by every instance (patient, study, series, equipment, window presets...). */
  dataset: NaturalDataset;
  /** SOP Instance UID of the slice at `index` (0-based, instance order). */
  sopInstanceUid: (index: number) => string;
  /** Folder for the files (created); files are named IM0001.dcm, IM0002.dcm, ... */
  dir: string;
}

/**
 * Samples and writes every slice, one after the other (yielding to the event loop between slices, so an Electron
 * main process stays responsive); returns the file paths in instance order.
 */
export async function writeSeries(o: WriteSeriesOptions): Promise<string[]> {
  const g = o.geometry;
  await mkdir(o.dir, { recursive: true });
  const pixels = new Uint16Array(g.rows * g.columns);
  const line = new Float32Array(g.columns);
  const rowStep: Vec3 = [g.rowDirection[0] * g.spacing, g.rowDirection[1] * g.spacing, g.rowDirection[2] * g.spacing];
  const colStep: Vec3 = [
    g.columnDirection[0] * g.spacing,
    g.columnDirection[1] * g.spacing,
    g.columnDirection[2] * g.spacing,
  ];
  const files: string[] = [];
  let pending: Promise<void> = Promise.resolve();
  for (let index = 0; index < g.positions.length; index++) {
    const ipp = g.positions[index];
    renderSlice(o.phantom, g, ipp, rowStep, colStep, line, pixels);
    const sopInstanceUid = o.sopInstanceUid(index);
    const sliceLocation = g.orientation === 'axial' ? ipp[2] : ipp[1];
    const dataset: NaturalDataset = {
      ...o.dataset,
      SOPClassUID: CT_IMAGE_STORAGE,
      SOPInstanceUID: sopInstanceUid,
      InstanceNumber: index + 1,
      ImagePositionPatient: ipp.map(ds),
      ImageOrientationPatient: [...g.rowDirection, ...g.columnDirection],
      SliceThickness: ds(g.sliceThickness),
      SliceLocation: ds(sliceLocation),
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: g.rows,
      Columns: g.columns,
      PixelSpacing: [ds(g.spacing), ds(g.spacing)],
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      RescaleIntercept: RESCALE_INTERCEPT,
      RescaleSlope: 1,
      RescaleType: 'HU',
    };
    const file = path.join(o.dir, `IM${String(index + 1).padStart(4, '0')}.dcm`);
    const bytes = toPart10WithPixels(dataset, pixels);
    // At most one write in flight: the next slice is computed while this one goes to disk.
    await pending;
    pending = writeFile(file, bytes);
    files.push(file);
  }
  await pending;
  return files;
}

/**
 * `toPart10` of the dataset plus Pixel Data (OW) holding `pixels`, byte for byte, but faster: dcmjs writes every
 * attribute except Pixel Data, which is appended here (it is the last element; dcmjs copies big values through
 * 256-byte chunks, which costs more than computing the slice). The unit test checks both give identical bytes.
 */
export function toPart10WithPixels(dataset: NaturalDataset, pixels: Uint16Array): Uint8Array {
  if ('PixelData' in dataset) throw new Error('toPart10WithPixels: the dataset must not hold Pixel Data');
  const head = new Uint8Array(toPart10(dataset));
  const length = pixels.byteLength;
  const out = new Uint8Array(head.length + 12 + length);
  out.set(head, 0);
  const view = new DataView(out.buffer, head.length, 12);
  view.setUint16(0, 0x7fe0, true);
  view.setUint16(2, 0x0010, true);
  view.setUint8(4, 0x4f); // 'O'
  view.setUint8(5, 0x57); // 'W'
  view.setUint16(6, 0, true);
  view.setUint32(8, length, true);
  out.set(new Uint8Array(pixels.buffer, pixels.byteOffset, length), head.length + 12);
  return out;
}

/** A naturalized dataset (dcmjs keywords) as DICOM Part 10 bytes, explicit VR little endian. */
export function toPart10(dataset: NaturalDataset): ArrayBuffer {
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataset);
  return dict.write();
}
