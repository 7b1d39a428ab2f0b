// One DICOM file per transfer syntax the viewer must show, made at test time from the samples in tests/fixtures with dcmtk
// (Debian package dcmtk) and GDCM (libgdcm-tools). A missing tool fails the test with the package to install.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dicomParser } from '../../electron/services/dicom/dicom-parser';
import { SINGLE } from '../fixtures';

export { SINGLE };
const CT_SMALL = path.join(SINGLE, 'CT_small.dcm');

/** Which Debian package ships each tool, for the failure message. */
const PACKAGE: Record<string, string> = {
  dcmconv: 'dcmtk',
  dcmcjpeg: 'dcmtk',
  dcmcjpls: 'dcmtk',
  dcmdump: 'dcmtk',
  gdcmconv: 'libgdcm-tools',
  dcmdjpeg: 'dcmtk',
  dcmdjpls: 'dcmtk',
  dcmdrle: 'dcmtk',
};

export function run(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8' });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(
      `${tool} is not installed: it comes with the Debian package ${PACKAGE[tool] ?? '?'} (apt-get install ${PACKAGE[tool]})`,
    );
  }
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The Transfer Syntax UID in the file meta header, as dcmtk reads it. */
export function transferSyntaxOf(file: string): string {
  const out = run('dcmdump', ['-q', '-Un', '+P', '0002,0010', file]);
  const m = /\[([\d.]+)\]/.exec(out);
  if (!m) throw new Error(`no Transfer Syntax UID in ${file}:\n${out}`);
  return m[1];
}

/**
 * Copies a file with its meta header's Transfer Syntax UID swapped for another of the same length (so no length
 * changes): the pixel data stays as it was. (dcmodify does not edit the file meta header: "Tag not found".)
 */
export function withTransferSyntax(source: string, from: string, to: string, out: string): string {
  if (from.length !== to.length) throw new Error('the UIDs must have the same length');
  const bytes = readFileSync(source);
  const at = bytes.subarray(0, 1024).indexOf(Buffer.from(from, 'latin1'));
  if (at < 0) throw new Error(`${source} does not declare ${from} in its meta header`);
  bytes.write(to, at, 'latin1');
  writeFileSync(out, bytes);
  return out;
}

/**
 * Copies a JPEG-LS file with part of its codestream overwritten (same length, so it still imports): the decoder
 * rejects it.
 */
export function withGarbledJpegLs(source: string, out: string): string {
  const bytes = readFileSync(source);
  const soi = bytes.indexOf(Buffer.from([0xff, 0xd8, 0xff, 0xf7])); // start of image, then the JPEG-LS frame header
  if (soi < 0 || soi + 400 > bytes.length)
    throw new Error(`${source} holds no JPEG-LS codestream long enough to garble`);
  bytes.fill(0x55, soi + 60, soi + 400);
  writeFileSync(out, bytes);
  return out;
}

export interface Sample {
  name: string;
  uid: string;
  /** Returns the file to upload, made in dir when it is generated. */
  file: (dir: string) => string;
  /**
   * How far the viewer's stored values may be from the reference decoder's, in stored values: 0 for lossless syntaxes
   * (and JPEG-LS near-lossless, whose decoding is exact); 1 for DCT JPEG, whose standard lets decoders round the
   * inverse DCT differently.
   */
  maxError: number;
}

const shared = (name: string) => () => path.join(SINGLE, name);
const made =
  (name: string, tool: string, args: string[], source = CT_SMALL) =>
  (dir: string) => {
    const out = path.join(dir, name);
    run(tool, [...args, source, out]);
    return out;
  };

export const SAMPLES: Sample[] = [
  {
    name: 'Implicit VR Little Endian',
    uid: '1.2.840.10008.1.2',
    file: shared('CT1_UNC.implicit_little_endian.dcm'),
    maxError: 0,
  },
  {
    name: 'Explicit VR Little Endian',
    uid: '1.2.840.10008.1.2.1',
    file: shared('CT1_UNC.explicit_little_endian.dcm'),
    maxError: 0,
  },
  {
    name: 'Explicit VR Big Endian',
    uid: '1.2.840.10008.1.2.2',
    file: shared('CT1_UNC.explicit_big_endian.dcm'),
    maxError: 0,
  },
  {
    name: 'Deflated Explicit VR Little Endian',
    uid: '1.2.840.10008.1.2.1.99',
    file: made('deflated.dcm', 'dcmconv', ['+td']),
    maxError: 0,
  },
  { name: 'RLE Lossless', uid: '1.2.840.10008.1.2.5', file: shared('MR_small_RLE.dcm'), maxError: 0 },
  // Baseline is 8-bit only: dcmcjpeg windows the 16-bit CT down to 8 bits.
  {
    name: 'JPEG Baseline',
    uid: '1.2.840.10008.1.2.4.50',
    file: made('jpeg-baseline.dcm', 'dcmcjpeg', ['+eb']),
    maxError: 1,
  },
  {
    name: 'JPEG Extended',
    uid: '1.2.840.10008.1.2.4.51',
    file: made('jpeg-extended.dcm', 'dcmcjpeg', ['+ee']),
    maxError: 1,
  },
  // This CT spans more than 4,096 HU: dcmcjpeg maps it to 12 bits with Rescale Slope 2, so a stored value off by one
  // is 2 HU off.
  {
    name: 'JPEG Extended, Rescale Slope 2',
    uid: '1.2.840.10008.1.2.4.51',
    file: made(
      'jpeg-extended-slope-2.dcm',
      'dcmcjpeg',
      ['+ee'],
      path.join(SINGLE, 'CT1_UNC.explicit_little_endian.dcm'),
    ),
    maxError: 1,
  },
  {
    name: 'JPEG Lossless',
    uid: '1.2.840.10008.1.2.4.57',
    file: made('jpeg-lossless.dcm', 'dcmcjpeg', ['+el']),
    maxError: 0,
  },
  {
    name: 'JPEG Lossless SV1',
    uid: '1.2.840.10008.1.2.4.70',
    file: made('jpeg-lossless-sv1.dcm', 'dcmcjpeg', ['+e1']),
    maxError: 0,
  },
  {
    name: 'JPEG-LS Lossless',
    uid: '1.2.840.10008.1.2.4.80',
    file: shared('MR_small_jpeg_ls_lossless.dcm'),
    maxError: 0,
  },
  // dcmcjpls refuses near-lossless for signed pixels; GDCM does it.
  {
    name: 'JPEG-LS Near-Lossless',
    uid: '1.2.840.10008.1.2.4.81',
    file: made('jpeg-ls-near.dcm', 'gdcmconv', ['--jpegls', '--lossy', '-e', '2']),
    maxError: 0,
  },
  {
    name: 'JPEG 2000 Lossless',
    uid: '1.2.840.10008.1.2.4.90',
    file: made('j2k-lossless.dcm', 'gdcmconv', ['--j2k']),
    maxError: 0,
  },
  {
    name: 'JPEG 2000',
    uid: '1.2.840.10008.1.2.4.91',
    file: made('j2k.dcm', 'gdcmconv', ['--j2k', '--lossy', '-q', '30']),
    maxError: 0,
  },
];

/** The tool and options that turn a file of each syntax into Explicit VR Little Endian. */
function decompressor(uid: string): [string, string[]] {
  if (uid === '1.2.840.10008.1.2.5') return ['dcmdrle', []];
  if (uid.startsWith('1.2.840.10008.1.2.4.8')) return ['dcmdjpls', []];
  // dcmtk's free toolkit has no JPEG 2000 codec: GDCM (OpenJPEG) decodes those.
  if (uid.startsWith('1.2.840.10008.1.2.4.9')) return ['gdcmconv', ['--raw']];
  if (uid.startsWith('1.2.840.10008.1.2.4.')) return ['dcmdjpeg', []];
  return ['dcmconv', ['+te']];
}

/** A single-frame greyscale image as an independent decoder (dcmtk, or GDCM for JPEG 2000) reads it. */
export interface ReferenceImage {
  columns: number;
  rows: number;
  /** Stored values, row by row, sign-extended from Bits Stored when Pixel Representation says signed. */
  stored: Int32Array;
  /** Modality LUT: 1 and 0 without Rescale Slope / Intercept. */
  slope: number;
  intercept: number;
}

/** Decodes file with dcmtk (GDCM for JPEG 2000) into dir and reads its pixels. */
export function referenceImage(file: string, dir: string): ReferenceImage {
  const [tool, args] = decompressor(transferSyntaxOf(file));
  const out = path.join(dir, `reference-${path.basename(file)}`);
  run(tool, [...args, file, out]);
  const ds = dicomParser.parseDicom(new Uint8Array(readFileSync(out)));
  const syntax = ds.string('x00020010');
  const pixels = ds.elements.x7fe00010;
  if (syntax !== '1.2.840.10008.1.2.1' || !pixels || pixels.encapsulatedPixelData) {
    throw new Error(`${tool} did not write ${file} as native Explicit VR Little Endian (${syntax})`);
  }
  const columns = ds.uint16('x00280011')!;
  const rows = ds.uint16('x00280010')!;
  const bytes = ds.uint16('x00280100')! / 8;
  const bitsStored = ds.uint16('x00280101')!;
  const signed = ds.uint16('x00280103') === 1;
  if (ds.uint16('x00280002') !== 1 || (bytes !== 1 && bytes !== 2))
    throw new Error(`${file} is not 8- or 16-bit greyscale`);
  const view = new DataView(ds.byteArray.buffer, ds.byteArray.byteOffset + pixels.dataOffset, columns * rows * bytes);
  const shift = 32 - bitsStored;
  const stored = new Int32Array(columns * rows);
  for (let i = 0; i < stored.length; i++) {
    const raw = bytes === 1 ? view.getUint8(i) : view.getUint16(i * 2, true);
    stored[i] = signed ? (raw << shift) >> shift : raw & (2 ** bitsStored - 1);
  }
  return {
    columns,
    rows,
    stored,
    slope: ds.floatString('x00281053') ?? 1,
    intercept: ds.floatString('x00281052') ?? 0,
  };
}
